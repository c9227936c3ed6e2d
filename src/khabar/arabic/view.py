"""Run the stages on the text as matching sees it (``fold_for_matching``) and map every offset back.

The stages find names, dates, numbers and cues in the folded text (no invisible characters, one kind of
space, letters instead of presentation forms); the Document they return is rebuilt over the user's text:
every ``start``/``end`` and every span goes through the offset map, and a record's ``text`` that was the
folded slice becomes the user's slice, so stored text and offsets are exactly what the user gave.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from khabar.arabic.normalize import fold_for_matching
from khabar.model import Document, Span


class _Back:
    """Maps offsets of the folded text to the original text."""

    __slots__ = ("folded", "offsets", "original")

    def __init__(self, original: str, folded: str, offsets: list[int]) -> None:
        self.original = original
        self.folded = folded
        self.offsets = offsets

    def start(self, n: int) -> int:
        return self.offsets[min(max(n, 0), len(self.offsets) - 1)]

    def end(self, n: int) -> int:
        # The end of a span is just after the original character of its last folded character, so a
        # ligature split in two (ﻻ → لا) is taken whole and dropped characters after the span stay out.
        if n <= 0:
            return 0
        return self.offsets[min(n, len(self.offsets) - 1) - 1] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            e = self.end(end)
            return e, e
        return self.start(start), self.end(end)

    def value(self, obj: Any) -> Any:
        if isinstance(obj, tuple):
            return tuple(self.value(v) for v in obj)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return self.record(obj)
        return obj

    def record(self, obj: Any) -> Any:
        names = {f.name for f in dataclasses.fields(obj)}
        changes: dict[str, Any] = {}
        if "start" in names and "end" in names:
            old_start, old_end = obj.start, obj.end
            if isinstance(old_start, int) and isinstance(old_end, int):
                start, end = self.span(old_start, old_end)
                changes["start"], changes["end"] = start, end
                text = getattr(obj, "text", None)
                if "text" in names and isinstance(text, str) and text == self.folded[old_start:old_end]:
                    changes["text"] = self.original[start:end]
        for name in names - {"start", "end", "text"}:
            value = getattr(obj, name)
            if isinstance(value, tuple) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
                new = self.value(value)
                if new is not value:
                    changes[name] = new
        return dataclasses.replace(obj, **changes) if changes else obj


def _to_folded(offsets: list[int], span: Span | None) -> Span | None:
    """A span of the original text in folded coordinates (the headline given by ``make_document``)."""
    if span is None:
        return None
    return Span(bisect_left(offsets, span.start), bisect_left(offsets, span.end))


def on_folded_text(doc: Document, run: Callable[[Document], Document]) -> Document:
    """``run(doc)`` with the stages seeing the folded text; the result is over ``doc.text`` again.

    Only a document without layers is folded (the pipeline's own input); one that already carries
    layers, or whose text has nothing to fold, is passed to ``run`` unchanged.
    """
    if doc.layers != frozenset({"text"}):
        return run(doc)
    folded = fold_for_matching(doc.text)
    if folded is None:
        return run(doc)
    text, offsets = folded
    out = run(dataclasses.replace(doc, text=text, headline=_to_folded(offsets, doc.headline)))
    back = _Back(doc.text, text, offsets)
    done: Document = back.record(dataclasses.replace(out, text=text))
    return dataclasses.replace(done, text=doc.text, headline=doc.headline)
