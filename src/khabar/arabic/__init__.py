"""Arabic text layer: normalization for matching, clitic-aware tokens, sentences, numbers."""

from khabar.arabic.normalize import (
    ARABIC_LETTERS,
    arabic_ratio,
    is_arabic_letter,
    normalize,
    normalize_with_map,
    strip_clitics,
)
from khabar.arabic.sentences import split_sentences
from khabar.arabic.tokenize import tokenize

__all__ = [
    "ARABIC_LETTERS",
    "arabic_ratio",
    "is_arabic_letter",
    "normalize",
    "normalize_with_map",
    "split_sentences",
    "strip_clitics",
    "tokenize",
]
