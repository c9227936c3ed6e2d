"""The role tagger: actor and target spans of one trigger, from a CRF over its sentence.

A linear-chain CRF (python-crfsuite) tags every token of the trigger's sentence ``B-A``/``I-A`` (actor),
``B-T``/``I-T`` (target) or ``O``. Its features are trigger-relative (signed distance, side, whether a
complementizer, comma or another trigger's clause lies between), the token's own cues (clitics,
definiteness, entity type, word classes of event_context.tsv) and the trigger's row (type, part of
speech, the role of its genitive); the clause rules of ``arguments`` propose too: the phrases they find
are features of their tokens. The model is trained on the actor/target spans of the event-candidate
annotations (``eval/annotations/events``, training articles only) by ``scripts/train_role_tagger.py``,
which rebuilds the shipped file byte for byte.

How the two are combined (``combine``) was chosen on the held-out articles of the annotations: see the
README, section "Events".
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from khabar.arabic import words
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import (
    bare,
    context_classes,
    entity_at,
    is_definite,
    is_definite_pp,
    starts_with_conj,
    word_in,
)
from khabar.model import Argument, Document, Token
from khabar.ner.crf import read_sidecar, thread_tagger

FEATURE_VERSION = 1
MODEL_NAME = "khabar-roles.crfsuite"
LABELS = ("O", "B-A", "I-A", "B-T", "I-T")

# word classes of event_context.tsv whose membership is a feature
_CLASSES = (
    "title", "forces", "group", "quantifier", "place_head", "timeword", "stop", "detainee", "people",
    "demonstrative", "light_verb", "claim_verb", "split_object", "aerial", "protest",
)
_BETWEEN = words.ROLE_CLAUSE_BREAKS
_PREPS = words.ROLE_FEATURE_PREPOSITIONS


def default_model_path() -> Path:
    """Path of the role model shipped in the package."""
    with as_file(files("khabar.events").joinpath("models", MODEL_NAME)) as path:
        return Path(path)


def _bucket(d: int) -> str:
    a = abs(d)
    if a <= 4:
        b = str(a)
    elif a <= 7:
        b = "5-7"
    elif a <= 12:
        b = "8-12"
    else:
        b = "13+"
    return ("-" if d < 0 else "+") + b


def _token_cues(doc: Document, tok: Token) -> list[str]:
    """Features of a token on its own (no trigger): word, clitics, definiteness, classes, entity type."""
    ctx = context_classes()
    norm = tok.norm
    stem = bare(normalize(tok.stem)) if tok.stem else norm
    out = [f"w={norm}", f"s={stem}", f"k={tok.kind}"]
    if tok.kind == "word":
        out += [f"p={tok.prefix}", f"x2={norm[-2:]}", f"x3={norm[-3:]}"]
        if is_definite(tok):
            out.append("def")
        if is_definite_pp(tok):
            out.append("defpp")
        if starts_with_conj(tok):
            out.append("conj")
        if norm.endswith(words.SOUND_PLURAL_ENDINGS):
            out.append("pl")
        if norm.endswith("ا") or "\u064b" in tok.text:
            out.append("acc")
        out += [f"c={c}" for c in _CLASSES if word_in(tok, ctx[c])]
    hit = entity_at(doc.entities, tok.start, tok.end)
    if hit is not None:
        ent, span = hit
        out.append(f"e={ent.type}{'B' if span.start >= tok.start else 'I'}")
    return out


def sentence_features(
    doc: Document,
    tokens: Sequence[Token],
    lo: int,
    hi: int,
    trigger: tuple[int, int],
    row: tuple[str, str, str, str | None],
    window: tuple[int, int],
    rules: tuple[Sequence[Argument], Sequence[Argument]],
) -> list[list[str]]:
    """CRF features of tokens ``lo..hi-1`` for the trigger at token range ``trigger`` (inclusive).

    ``row``: the trigger's type, part of speech, genitive role and mode; ``window``: the token range of its
    clause (the previous and next trigger); ``rules``: the actors and targets the clause rules found."""
    first, last = trigger
    type_, pos, gen, mode = row
    tw = bare(normalize(tokens[first].stem or tokens[first].norm))
    own = [_token_cues(doc, tokens[k]) for k in range(lo, hi)]
    marks: dict[int, str] = {}
    for role, args in (("A", rules[0]), ("T", rules[1])):
        for arg in args:
            inside = [k for k in range(lo, hi) if tokens[k].start < arg.end and tokens[k].end > arg.start]
            for n, k in enumerate(inside):
                marks.setdefault(k, ("B-" if n == 0 else "I-") + role)
    # where a complementizer, a comma or a relative pronoun stands (between token and trigger = a clause edge)
    edge = [tokens[k].text in "،,:" or normalize(tokens[k].text) in _BETWEEN for k in range(lo, hi)]
    out: list[list[str]] = []
    for k in range(lo, hi):
        if k < first:
            d, side = k - first, "L"
        elif k > last:
            d, side = k - last, "R"
        else:
            d, side = 0, "T"
        b = _bucket(d) if side != "T" else "0"
        f = ["bias", f"d={b}", f"side={side}", f"g={gen}", f"pos={pos}", f"t={type_}", f"tw={tw}",
             f"side|g={side}|{gen}", f"side|pos={side}|{pos}", f"d|g={b}|{gen}", f"d|pos={b}|{pos}",
             f"side|t={side}|{type_}", f"side|tw={side}|{tw}", f"side|pos|g={side}|{pos}|{gen}",
             f"m={mode or '-'}"]
        if side == "T":
            f.append("trig")
        f += own[k - lo]
        f += [f"{side}|{x}" for x in own[k - lo] if x.startswith(("c=", "e=", "def", "acc", "pl", "p="))]
        if not window[0] <= k < window[1] and side != "T":
            f.append("outside")
        a, z = (k + 1, first) if side == "L" else (last + 1, k)
        if any(edge[q - lo] for q in range(a, z)):
            f.append("edge_between")
        mark = marks.get(k)
        if mark is not None:
            f += [f"r={mark}", f"r={mark[2:]}", f"r|g={mark[2:]}|{gen}"]
        for off in (-2, -1, 1, 2):
            q = k + off
            if lo <= q < hi:
                tok = tokens[q]
                f.append(f"{off}w={tok.norm}")
                if off in (-1, 1):
                    f += [f"{off}{x}" for x in own[q - lo] if x.startswith(("c=", "e=", "def", "p=", "k="))]
                    if marks.get(q):
                        f.append(f"{off}r={marks[q]}")
                    if first <= q <= last:
                        f.append(f"{off}trig")
                if off == -1 and normalize(tok.text) in _PREPS:
                    f.append(f"prep={normalize(tok.text)}")
                    f.append(f"prep|side={normalize(tok.text)}|{side}")
            else:
                f.append(f"{off}pad")
        out.append(f)
    return out


def spans(tags: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """Token ranges (inclusive, relative to the sentence) of each role in a BIO tag sequence."""
    out: dict[str, list[tuple[int, int]]] = {"A": [], "T": []}
    cur: tuple[str, int] | None = None
    for k, tag in enumerate([*tags, "O"]):
        if cur is not None and tag != "I-" + cur[0]:
            out[cur[0]].append((cur[1], k - 1))
            cur = None
        if tag.startswith("B-") or (tag.startswith("I-") and cur is None):
            cur = (tag[2:], k)
    return out


def model_info(path: str | Path | None = None) -> dict[str, Any]:
    """The JSON sidecar of a role model (training data, command, parameters, held-out scores)."""
    return read_sidecar(Path(path) if path is not None else default_model_path())


def load_tagger(path: str) -> Any:
    """An open ``pycrfsuite.Tagger`` for a role model file: this thread's own, kept per path
    (``khabar.ner.crf.thread_tagger``: a Tagger is not thread-safe)."""
    return thread_tagger(Path(path), "role model", FEATURE_VERSION, LABELS)


def decode(
    features: list[list[str]], trigger: tuple[int, int], floor: float, model: str | Path | None = None
) -> dict[str, list[tuple[int, int]]]:
    """Actor and target token ranges (relative to the sentence) of one trigger's features.

    The Viterbi path's phrases outside the trigger; for a role it leaves empty, the token most likely to
    begin one (marginal probability of ``B-`` at least ``floor``), extended while ``I-`` is likelier than not.
    """
    tagger = load_tagger(str(model or default_model_path()))
    tags = tagger.tag(features)
    found = spans(tags)
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(tags)
    for role in ("A", "T"):
        got = [x for x in found[role] if not x[0] <= trigger[0] <= x[1]]
        if not got and n:
            probs = [(tagger.marginal("B-" + role, k), -k) for k in range(n) if not trigger[0] <= k <= trigger[1]]
            if probs:
                p, neg = max(probs)
                if p >= floor:
                    j = -neg
                    while (
                        j + 1 < n
                        and not trigger[0] <= j + 1 <= trigger[1]
                        and tagger.marginal("I-" + role, j + 1) >= 0.5
                    ):
                        j += 1
                    got = [(-neg, j)]
        out[role] = got
    return out
