"""CoNLL files: one token per line (tag columns optional), blank line between sentences; Wojood's nested tags.

Tags follow ANERcorp: ``B-``/``I-`` with ``PERS``, ``ORG``, ``LOC``, ``MISC``, and ``O``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from khabar.errors import InputError

TYPES = ("PERS", "ORG", "LOC", "MISC")
TAGS = ("O", *(f"{p}-{t}" for t in TYPES for p in ("B", "I")))

# Wojood (21 nested types) onto the ANERcorp types. GPE, LOC and FAC are places (ANERcorp tags
# countries and cities LOC). EVENT, CURR, PRODUCT, LANGUAGE, WEBSITE and LAW are what ANERcorp
# files under MISC (its MISC words are currencies, religions, competitions, wars, products).
# NORP (groups of people: "المساهمين", nationalities), OCC, and the numeric and temporal types are
# not named entities in ANERcorp and become O.
WOJOOD_MAP = {
    "PERS": "PERS",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "EVENT": "MISC",
    "CURR": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": "MISC",
    "WEBSITE": "MISC",
    "LAW": "MISC",
}
# Wojood writes a paragraph separator as a token of its own.
_WOJOOD_SEPARATOR = "$#$"


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    """A sentence of tokens, with one tag per token (``O`` everywhere when untagged)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def _check_text(path: Path) -> TextIO:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    with path.open("rb") as fh:
        head = fh.read(8192)
    if b"\x00" in head:
        raise InputError(f"{path}: binary data, not a CoNLL text file")
    return path.open(encoding="utf-8", errors="strict")


def iter_blocks(lines: Iterable[str]) -> Iterator[list[list[str]]]:
    """Sentences as lists of whitespace-split fields; blank lines separate sentences."""
    block: list[list[str]] = []
    for line in lines:
        fields = line.split()
        if not fields:
            if block:
                yield block
                block = []
            continue
        block.append(fields)
    if block:
        yield block


def clean_tag(tag: str) -> str:
    """A tag in ANERcorp form (``B-PER`` → ``B-PERS``); unknown tags become ``O``."""
    if tag == "O" or len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    kind = tag[2:]
    kind = {"PER": "PERS", "PERSON": "PERS", "GPE": "LOC", "FAC": "LOC"}.get(kind, kind)
    return f"{tag[0]}-{kind}" if kind in TYPES else "O"


def read_conll_lines(lines: Iterable[str], *, name: str = "input") -> list[TaggedSentence]:
    """Sentences of a CoNLL text: the first column is the token, the last (if more than one) the tag."""
    out: list[TaggedSentence] = []
    try:
        for block in iter_blocks(lines):
            tokens = tuple(f[0] for f in block)
            tags = tuple(clean_tag(f[-1]) if len(f) > 1 else "O" for f in block)
            out.append(TaggedSentence(tokens, tags))
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid UTF-8") from None
    return out


def read_conll(path: str | Path) -> list[TaggedSentence]:
    """Sentences of a CoNLL file (ANERcorp's ``token TAG`` format)."""
    p = Path(path)
    with _check_text(p) as fh:
        return read_conll_lines(fh, name=str(p))


def _outer_spans(block: Sequence[Sequence[str]]) -> list[tuple[int, int, str]]:
    """Mapped entity spans of one Wojood sentence, outer-most first when they overlap."""
    spans: list[tuple[int, int, str]] = []
    open_: dict[str, int] = {}  # Wojood type → start of its open span

    def close(kind: str, end: int) -> None:
        start = open_.pop(kind)
        if kind in WOJOOD_MAP:
            spans.append((start, end, WOJOOD_MAP[kind]))

    for i, fields in enumerate(block):
        tags = fields[1:]
        continuing = {t[2:] for t in tags if t.startswith("I-")}
        for kind in list(open_):
            if kind not in continuing:
                close(kind, i)
        for t in tags:
            if t.startswith("B-"):
                kind = t[2:]
                if kind in open_:
                    close(kind, i)
                open_[kind] = i
            elif t.startswith("I-") and t[2:] not in open_:
                open_[t[2:]] = i  # an I- without B-: start the span here, as conlleval does
    for kind in list(open_):
        close(kind, len(block))
    # Outer-most: longest first, then earliest; keep a span only if it overlaps none kept.
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, str]] = []
    for s in spans:
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def _is_place(words: list[str]) -> bool:
    """A span that is exactly a country or city name: Wojood tags a country acting as an agent ORG
    ("روسيا حرصت على …"), ANERcorp tags it LOC everywhere."""
    from khabar.arabic.normalize import normalize
    from khabar.ner.gazetteer import match_phrases

    matches = match_phrases([normalize(w) for w in words])
    return len(matches) == 1 and matches[0][:2] == (0, len(words)) and bool({"LOC", "COUNTRY"} & matches[0][2])


def read_wojood(path: str | Path) -> list[TaggedSentence]:
    """Sentences of a Wojood file, nested tags flattened to the outer-most mapped entity (see WOJOOD_MAP)."""
    p = Path(path)
    out: list[TaggedSentence] = []
    with _check_text(p) as fh:
        for block in iter_blocks(fh):
            block = [f for f in block if f[0] != _WOJOOD_SEPARATOR]
            if not block:
                continue
            tags = ["O"] * len(block)
            for start, end, kind in _outer_spans(block):
                if kind == "ORG" and _is_place([f[0] for f in block[start:end]]):
                    kind = "LOC"
                tags[start] = "B-" + kind
                for k in range(start + 1, end):
                    tags[k] = "I-" + kind
            out.append(TaggedSentence(tuple(f[0] for f in block), tuple(tags)))
    return out


def read_wojood_dir(directory: str | Path) -> list[TaggedSentence]:
    """All of ``train.txt``, ``val.txt`` and ``test.txt`` that exist in a Wojood data folder."""
    d = Path(directory)
    if not d.is_dir():
        raise InputError(f"{d}: no such directory")
    files = [d / n for n in ("train.txt", "val.txt", "test.txt") if (d / n).is_file()]
    if not files:
        raise InputError(f"{d}: no train.txt, val.txt or test.txt")
    return [s for f in files for s in read_wojood(f)]


def write_conll(sentences: Iterable[tuple[Sequence[str], Sequence[str]]], out: TextIO) -> None:
    """Write ``token<TAB>TAG`` lines, a blank line after each sentence."""
    for tokens, tags in sentences:
        for tok, tag in zip(tokens, tags, strict=True):
            out.write(f"{tok}\t{tag}\n")
        out.write("\n")
