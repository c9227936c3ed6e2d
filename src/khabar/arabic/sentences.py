"""Sentence splitting for Arabic news: . ! ? ؟ … end a sentence, ، and ؛ do not; lines, bullets, quotes, headline."""

from __future__ import annotations

import re

from khabar.model import Sentence, Span

_END = ".!?\u061f\u2026\u06d4"  # . ! ? ؟ … ۔
_OPEN_QUOTES = "\u00ab\u201c\u2018("  # « “ ‘ (
_CLOSE_QUOTES = "\u00bb\u201d\u2019)"
_BULLET_RE = re.compile(r"\s*(?:[-\u2022*\u00b7\u25aa\u25cf\u2013\u2014]|\d{1,2}\s*[-.)])\s+")
_LINE_RE = re.compile(r"[^\n]+")


def _is_abbreviation(text: str, dot: int) -> bool:
    """A dot after a single letter (د. for doctor, م. for engineer) does not end a sentence."""
    if text[dot] != ".":
        return False
    j = dot - 1
    if j < 0 or not text[j].isalpha():
        return False
    return j == 0 or not text[j - 1].isalpha()


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth = 0  # inside «…» or “…” a full stop does not end the outer sentence
    straight_open = False
    cur = start
    i = start
    while i < end:
        ch = text[i]
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight_open = not straight_open
        elif ch in _END and depth == 0 and not straight_open and not _is_abbreviation(text, i):
            j = i + 1
            while j < end and (text[j] in _END or text[j] in _CLOSE_QUOTES or text[j] == '"'):
                j += 1
            if j >= end or text[j].isspace():
                spans.append((cur, j))
                cur = j
                i = j
                continue
        i += 1
    spans.append((cur, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def split_sentences(text: str, headline: Span | None = None) -> tuple[Sentence, ...]:
    """Sentences of ``text`` in order; the headline span, if given, is one sentence of its own."""
    out: list[Sentence] = []
    for m in _LINE_RE.finditer(text):
        for s, e in _split_line(text, m.start(), m.end()):
            trimmed = _trim(text, s, e)
            if trimmed is None:
                continue
            s, e = trimmed
            bullet = _BULLET_RE.match(text, s)
            if bullet and bullet.end() < e:
                s = bullet.end()
            is_head = headline is not None and headline.contains(Span(s, e))
            out.append(Sentence(s, e, is_head))
    return tuple(out)
