"""The tag set of the NER model (ANERcorp's BIO tags) and the decoder of a BIO sequence into chunks."""

from __future__ import annotations

from collections.abc import Sequence

TYPES = ("PERS", "ORG", "LOC", "MISC")
TAGS = ("O", *(f"{p}-{t}" for t in TYPES for p in ("B", "I")))


def chunks(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of a BIO sequence; an ``I-`` after ``O`` or another type starts one."""
    out: set[tuple[int, int, str]] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate((*tags, "O")):
        prefix, _, t = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and (start is None or t != kind))
        if start is not None and (prefix == "O" or begins):
            out.add((start, i, kind))
            start = None
        if begins:
            start, kind = i, t
    return out
