"""An index of character spans answering "does [s, e) overlap one already added?" in about log time.

Overlap checks against every span kept so far made several matchers quadratic on long inputs (a line of
thousands of numbers or names); spans of names, dates and numbers are short, so only the spans starting
within the longest length before ``s`` can overlap ``[s, e)``.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable


class SpanIndex:
    """Half-open spans ``(start, end)``, overlapping or not, sorted by start."""

    __slots__ = ("_longest", "_spans")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = []
        self._longest = 0
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """True when a span of the index shares a character with ``[start, end)``."""
        spans = self._spans
        i = bisect_left(spans, (start - self._longest, -1))
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] > start:
                return True
            i += 1
        return False

    def __len__(self) -> int:
        return len(self._spans)
