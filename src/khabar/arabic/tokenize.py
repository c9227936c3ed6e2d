"""Tokenization with word boundaries from letter classes and proclitics seen through (والقامشلي → و + القامشلي)."""

from __future__ import annotations

import re

from khabar.arabic.normalize import ARABIC_LETTERS, DIACRITICS, TATWEEL, normalize, strip_clitics
from khabar.model import TOKEN_KINDS, Token

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN_RE = re.compile(
    rf"(?P<word>[{ARABIC_LETTERS}][{ARABIC_LETTERS}{DIACRITICS}{TATWEEL}]*)"
    rf"|(?P<number>[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+(?:['\-][A-Za-z\u00c0-\u024f]+)*)"
    rf"|(?P<punct>[^\s{ARABIC_LETTERS}{_DIGITS}A-Za-z{DIACRITICS}{TATWEEL}])"
)


def best_reading(norm: str) -> tuple[str, str]:
    """A default ``(prefix, stem)``: the article ال and a preposition or conjunction stripped
    only when at least three letters remain; matchers should prefer ``strip_clitics``."""
    best = ("", norm)
    for prefix, stem in strip_clitics(norm, 3):
        if len(prefix) > len(best[0]):
            best = (prefix, stem)
    return best


def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into tokens whose offsets index the original text."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        kind = TOKEN_KINDS[m.lastgroup or "punct"]
        surface = m.group()
        norm = normalize(surface)
        prefix, stem = best_reading(norm) if kind == "word" else ("", norm)
        tokens.append(Token(m.start(), m.end(), surface, norm, kind, prefix, stem))
    return tuple(tokens)
