"""Word classes are data: ``lexicon/data/word_classes.yaml`` read by ``khabar.arabic.words``; no module of
``src/khabar`` spells a word list (README, "Architecture")."""

from __future__ import annotations

import ast
import re
from collections.abc import Container
from pathlib import Path

import pytest

from khabar.arabic import words as wc
from khabar.lexicon import load_yaml

SRC = Path(__file__).resolve().parents[2] / "src" / "khabar"
_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")
# A single Arabic literal longer than this many letters is a word the rules name: it belongs to the data.
MAX_LETTERS = 3
# Literals allowed in code, each with its reason: (path under src/khabar, literal).
ALLOWED: dict[tuple[str, str], str] = {
    ("arabic/normalize.py", "ء-غف-يٱ-ۓۺ-ۼ"): "letter ranges of the Arabic block (a regex class, not words)",
}
# Tables of single letters allowed in code: (path, assigned name) → reason.
ALLOWED_TABLES: dict[tuple[str, str], str] = {
    ("arabic/normalize.py", "_MAP"): "letter folding of the orthography (أ → ا, ى → ي, ة → ه), not words",
}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _arabic(node: ast.AST | None, docs: set[int]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
        if _LETTER.search(node.value):
            return node.value
    return None


def word_lists_in_code(source: str, path: str = "<test>") -> list[str]:
    """Problems of one module: a collection of two or more Arabic literals (a word list), or one Arabic
    literal of more than ``MAX_LETTERS`` letters, outside ``ALLOWED``."""
    tree = ast.parse(source)
    skipped = _docstrings(tree)  # docstrings explain the rules; allowed tables are skipped the same way
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and (path, t.id) in ALLOWED_TABLES for t in node.targets
        ):
            skipped |= {id(n) for n in ast.walk(node)}
    problems = []
    for node in ast.walk(tree):
        elts: list[ast.expr | None] = []
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            elts = list(node.elts)
        elif isinstance(node, ast.Dict):
            elts = list(node.keys) + list(node.values)
        found = [w for w in (_arabic(e, skipped) for e in elts) if w is not None and (path, w) not in ALLOWED]
        if len(found) >= 2:
            problems.append(f"{path}:{node.lineno}: a word list in code: {found}")
        word = _arabic(node, skipped)
        if word is not None and len(_LETTER.findall(word)) > MAX_LETTERS and (path, word) not in ALLOWED:
            problems.append(f"{path}:{getattr(node, 'lineno', 0)}: an Arabic word in code: {word!r}")
    return problems


def test_no_word_lists_in_code() -> None:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        problems += word_lists_in_code(path.read_text(encoding="utf-8"), path.relative_to(SRC).as_posix())
    assert not problems, "move these words to lexicon/data/word_classes.yaml:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('X = frozenset({"الذي", "التي"})', True),  # a word list
        ('X = ("و", "ف")', True),  # a list of clitics is one too
        ('X = {"في": 0, "من": 1}', True),
        ('if tok.norm == "مخيم": pass', True),  # a word longer than three letters
        ('if tok.norm == "من": pass', False),  # a particle compared alone
        ('def f():\n    """الذي والتي في الشرح"""', False),  # docstrings explain, they are not data
        ('X = ("ال", ":", "«")', False),  # one Arabic literal among punctuation
    ],
)
def test_the_scan_can_fail(source: str, flagged: bool) -> None:
    assert bool(word_lists_in_code(source)) is flagged


def test_every_class_is_read_once() -> None:
    assert wc.UNUSED_CLASSES == frozenset()
    data = load_yaml("word_classes.yaml")
    words = [w for v in data.values() if isinstance(v, list) for w in v if isinstance(w, str)]
    assert words, "word_classes.yaml is empty"


@pytest.mark.parametrize(
    ("constant", "member"),
    [
        (wc.RELATIVE_PRONOUNS, "الذين"),
        (wc.THAT_CLAUSE, "بانهم"),
        (wc.THAT_CLAUSE, "ان"),
        (wc.ANY_COMPLEMENTIZER, "لان"),
        (wc.DEFINITE_PREFIXES, "وبال"),
        (wc.PLACE_PREPOSITIONS, "بالقرب"),
    ],
)
def test_classes_hold_their_words(constant: Container[str], member: str) -> None:
    assert member in constant


def test_order_is_kept_where_rules_try_words_in_order() -> None:
    assert wc.CONJUNCTION_CLITICS == ("و", "ف")
    assert wc.PREPOSITION_CLITICS == ("ب", "ل", "ك")
    assert wc.PRONOUN_SUFFIXES[0] == "هما" and wc.PRONOUN_SUFFIXES[-1] == "ا"


def test_marks_are_ranges_of_diacritics() -> None:
    assert wc.MARKS == "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
    assert wc.TANWEEN == {"\u064b", "\u064c", "\u064d"}
