"""Phrase-level NER scores for CoNLL-style files, computed exactly as conlleval.pl does.

Chunk boundaries follow conlleval's ``startOfChunk``/``endOfChunk`` (CoNLL-2000, Tjong Kim Sang),
so IOB2 (``B-`` at every start) and IOB1 (an ``I-`` after ``O`` or after another type starts a
phrase) are both read as conlleval reads them. A tag splits at its first ``-`` into chunk tag and
type (conlleval's ``split(/-/)``). A phrase counts as correct only when gold and prediction
start and end at the same tokens with the same type. Macro averages (not in conlleval) are the
unweighted means of the per-type precision, recall and F1 over every type seen in gold or prediction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import InputError, RecordError

BOUNDARY = "-X-"  # conlleval's sentence-boundary item


@dataclass(frozen=True, slots=True)
class TaggedToken:
    """One token with its gold and predicted tags; ``line`` is its line in the gold file."""

    token: str
    gold: str
    pred: str
    line: int = 0


def _split(tag: str) -> tuple[str, str]:
    parts = tag.split("-")
    return parts[0], (parts[1] if len(parts) > 1 else "")


def _end_of_chunk(prev_tag: str, tag: str, prev_type: str, typ: str) -> bool:
    if (prev_tag, tag) in {("B", "B"), ("B", "O"), ("I", "B"), ("I", "O"), ("E", "E"), ("E", "I"), ("E", "O")}:
        return True
    if prev_tag not in ("O", ".") and prev_type != typ:
        return True
    return prev_tag in ("]", "[")


def _start_of_chunk(prev_tag: str, tag: str, prev_type: str, typ: str) -> bool:
    if (prev_tag, tag) in {("B", "B"), ("I", "B"), ("O", "B"), ("O", "I"), ("E", "E"), ("E", "I"), ("O", "E")}:
        return True
    if tag not in ("O", ".") and prev_type != typ:
        return True
    return tag in ("[", "]")


@dataclass(frozen=True, slots=True)
class TypeScore:
    gold: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "found": self.found, "correct": self.correct,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class NerReport:
    """conlleval's figures: token accuracy, overall (micro) and per-type phrase scores, plus macro means."""

    tokens: int
    correct_tags: int
    overall: TypeScore
    by_type: dict[str, TypeScore]

    @property
    def accuracy(self) -> float:
        return self.correct_tags / self.tokens if self.tokens else 0.0

    def macro(self) -> dict[str, float]:
        scores = list(self.by_type.values())
        if not scores:
            return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
        return {name: sum(getattr(s, name) for s in scores) / len(scores) for name in ("precision", "recall", "f1")}

    def to_dict(self) -> dict[str, Any]:
        return {
            "tokens": self.tokens,
            "accuracy": round(self.accuracy, 4),
            "micro": self.overall.to_dict(),
            "macro": {k: round(v, 4) for k, v in self.macro().items()},
            "by_type": {k: v.to_dict() for k, v in self.by_type.items()},
        }


def conlleval(sentences: Iterable[Sequence[TaggedToken]]) -> NerReport:
    """Score tagged sentences the way conlleval.pl scores its input with blank lines between them."""
    found_correct: Counter[str] = Counter()
    found_guessed: Counter[str] = Counter()
    correct_chunk: Counter[str] = Counter()
    correct_tags = tokens = 0
    last_c, last_g, last_ct, last_gt = "O", "O", "", ""
    in_correct = False

    def step(first: str, correct_full: str, guessed_full: str) -> None:
        nonlocal last_c, last_g, last_ct, last_gt, in_correct, correct_tags, tokens
        c, ct = _split(correct_full)
        g, gt = _split(guessed_full)
        if first == BOUNDARY:
            g = "O"
        if in_correct:
            end_c = _end_of_chunk(last_c, c, last_ct, ct)
            end_g = _end_of_chunk(last_g, g, last_gt, gt)
            if end_c and end_g and last_gt == last_ct:
                in_correct = False
                correct_chunk[last_ct] += 1
            elif end_c != end_g or gt != ct:
                in_correct = False
        start_c = _start_of_chunk(last_c, c, last_ct, ct)
        start_g = _start_of_chunk(last_g, g, last_gt, gt)
        if start_c and start_g and gt == ct:
            in_correct = True
        if start_c:
            found_correct[ct] += 1
        if start_g:
            found_guessed[gt] += 1
        if first != BOUNDARY:
            if c == g and gt == ct:
                correct_tags += 1
            tokens += 1
        last_c, last_g, last_ct, last_gt = c, g, ct, gt

    for sentence in sentences:
        for tok in sentence:
            step(tok.token, tok.gold, tok.pred)
        step(BOUNDARY, "O", "O")  # the blank line after each sentence
    if in_correct:
        correct_chunk[last_ct] += 1
    types = sorted(t for t in set(found_correct) | set(found_guessed) if t)
    by_type = {t: TypeScore(found_correct[t], found_guessed[t], correct_chunk[t]) for t in types}
    overall = TypeScore(sum(found_correct.values()), sum(found_guessed.values()), sum(correct_chunk.values()))
    return NerReport(tokens, correct_tags, overall, by_type)


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputError(f"{path}: not valid UTF-8") from None


def read_columns(path: Path, columns: int) -> list[list[tuple[int, list[str]]]]:
    """Sentences of ``(line number, fields)``; every non-blank line needs at least ``columns`` fields."""
    sentences: list[list[tuple[int, list[str]]]] = []
    current: list[tuple[int, list[str]]] = []
    for n, line in enumerate(_read_lines(path), 1):
        fields = line.split()
        if not fields:
            if current:
                sentences.append(current)
                current = []
            continue
        if len(fields) < columns:
            want = "token GOLD PRED" if columns == 3 else "token TAG"
            hint = " (a gold-only file needs --pred FILE)" if columns == 3 and len(fields) == 2 else ""
            raise RecordError(f"{path}:{n}: expected `{want}`, got {len(fields)} field(s){hint}")
        current.append((n, fields))
    if current:
        sentences.append(current)
    return sentences


def read_three_column(path: Path) -> list[list[TaggedToken]]:
    """``token ... GOLD PRED`` lines (the last two fields are the tags), as conlleval reads them."""
    return [[TaggedToken(f[0], f[-2], f[-1], n) for n, f in sent] for sent in read_columns(path, 3)]


def read_gold_and_pred(gold_path: Path, pred_path: Path) -> list[list[TaggedToken]]:
    """Pair a gold ``token TAG`` file with a predicted ``token TAG`` file of the same tokens.

    Sentence breaks are taken from the gold file; the tokens must agree one by one (an error
    names the first disagreeing line of each file, or the shorter file).
    """
    gold = read_columns(gold_path, 2)
    pred = [tok for sent in read_columns(pred_path, 2) for tok in sent]
    n_gold = sum(len(s) for s in gold)
    out: list[list[TaggedToken]] = []
    i = 0
    for sent in gold:
        row: list[TaggedToken] = []
        for n, fields in sent:
            if i >= len(pred):
                raise RecordError(
                    f"{pred_path}: has {len(pred)} tokens, {gold_path} has {n_gold}; "
                    f"the prediction ends before {gold_path}:{n}"
                )
            pn, pfields = pred[i]
            if pfields[0] != fields[0]:
                raise RecordError(
                    f"token mismatch: {gold_path}:{n} has {fields[0]!r}, {pred_path}:{pn} has {pfields[0]!r}"
                )
            row.append(TaggedToken(fields[0], fields[-1], pfields[-1], n))
            i += 1
        out.append(row)
    if i < len(pred):
        raise RecordError(
            f"{pred_path}: has {len(pred)} tokens, {gold_path} has {n_gold}; extra tokens from {pred_path}:{pred[i][0]}"
        )
    return out
