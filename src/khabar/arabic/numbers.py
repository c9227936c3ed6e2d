"""Arabic numbers: digits in both scripts, number words (خمسة وعشرون، 12 ألفاً، 1.5 مليون) and vague counts (العشرات).

The word list is the data file ``lexicon/data/number_words.tsv``. Vague counts take the lower bound ACLED
records for them (ACLED Codebook, fatality defaults: "dozens" → 12, "hundreds" → 100, "several" → 10);
``عشرات`` is read as "dozens" (12), as the khabar gold format asks, and "عشرات الآلاف" as tens of
thousands (10,000).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import DIACRITICS, TATWEEL, normalize, strip_clitics
from khabar.lexicon import load_tsv
from khabar.model import Token

Number = int | float

_DIACRITIC_RE = re.compile(f"[{DIACRITICS}{TATWEEL}]")
_ARABIC_INDIC = {ord(chr(0x0660 + i)): str(i) for i in range(10)} | {ord(chr(0x06F0 + i)): str(i) for i in range(10)}
_FIRST_CLITICS = wc.NUMBER_PROCLITICS


@dataclass(frozen=True, slots=True)
class NumberWord:
    """One entry of ``number_words.tsv``."""

    value: Number
    kind: str  # unit | ten | hundred | whole | scale | plural_scale | vague
    scaled: Number


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number found in a token sequence: tokens ``[first, last]``, character span and value."""

    first: int
    last: int
    start: int
    end: int
    value: Number
    vague: bool = False
    words: bool = False  # written (at least partly) in words
    vague_word: str = ""  # normalized vague word (عدة، بضعة, …) when vague


def clean(value: float) -> Number:
    """``12.0`` → ``12``; other floats unchanged."""
    return int(value) if float(value).is_integer() else value


def parse_digits(text: str) -> Number | None:
    """Value of a digit string in Western or Arabic-Indic digits: ``"1,500"`` → 1500, ``"1.5"`` → 1.5, ``"٦٠"`` → 60.

    A comma (or ``٬``) before exactly three digits, or repeated dots, group thousands; otherwise a dot,
    comma or ``٫`` is the decimal mark.
    """
    s = text.translate(_ARABIC_INDIC).replace("\u066c", ",").replace("\u066b", "٫")
    if not s or not s[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s) or re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):
        return int(re.sub(r"[,.]", "", s))
    s = s.replace("٫", ".").replace(",", ".")
    if s.count(".") > 1:
        return None
    try:
        return clean(float(s)) if "." in s else int(s)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def number_words() -> dict[str, NumberWord]:
    """Normalized number word → entry (tanween and diacritics dropped by normalization)."""
    table: dict[str, NumberWord] = {}
    for row in load_tsv("number_words.tsv"):
        value = float(row["value"])
        table[normalize(row["word"])] = NumberWord(clean(value), row["kind"], clean(float(row["scaled"])))
    return table


def lookup_word(norm: str, *, first: bool) -> tuple[str, NumberWord] | None:
    """``(clitic, entry)`` for a normalized token; the first word of a number may carry و/ب/ل…,
    later ones only the joiner و; the article ال is allowed only on vague counts and scales."""
    return _lookup(norm, first)


@lru_cache(maxsize=50_000)  # hit rate 86.7 % (87.6 % unbounded), benchmarks/cache_sizes.py
def _lookup(norm: str, first: bool) -> tuple[str, NumberWord] | None:
    table = number_words()
    for prefix, stem in strip_clitics(norm, 2):
        entry = table.get(stem)
        if entry is None:
            continue
        bare = prefix.removesuffix("ال")
        has_article = prefix.endswith("ال")
        if has_article and entry.kind not in ("vague", "plural_scale", "scale"):
            continue
        if not first and entry.kind == "vague":
            continue
        if first and bare not in _FIRST_CLITICS:
            continue
        if not first and bare not in ("", "و"):
            continue
        return prefix, entry
    return None


def clitic_length(surface: str, n_letters: int) -> int:
    """Characters of ``surface`` taken by its first ``n_letters`` letters (diacritics after them included)."""
    if n_letters == 0:
        return 0
    seen = 0
    for i, ch in enumerate(surface):
        if _DIACRITIC_RE.match(ch):
            continue
        if seen == n_letters:
            return i
        seen += 1
    return len(surface)


def scan_number(tokens: Sequence[Token], i: int) -> ParsedNumber | None:
    """The longest number starting at token ``i`` (digits and/or words), or None.

    Rejects a lone word worth one or two (واحد، اثنين، أحد: used as "one of", "someone"), since Arabic
    states one and two by the singular and dual noun.
    """
    tok = tokens[i]
    total: float = 0
    current: float = 0
    vague = False
    vague_entry: NumberWord | None = None
    vague_word = ""
    words = False
    last = i
    prev_kind = ""
    start = tok.start
    j = i
    n = len(tokens)
    while j < n:
        t = tokens[j]
        first = j == i
        if t.kind == "number":
            if not first:
                break
            v = parse_digits(t.text)
            if v is None:
                return None
            current, prev_kind, last = v, "digits", j
            j += 1
            continue
        if t.kind != "word":
            break
        found = lookup_word(t.norm, first=first)
        if found is None:
            break
        prefix, entry = found
        joined = prefix.startswith("و") and not first
        kind = entry.kind
        if first:
            start = t.start + clitic_length(t.text, len(prefix.removesuffix("ال")))
            if kind in ("vague", "plural_scale"):
                vague, vague_entry, vague_word = True, entry, t.norm[len(prefix) :]
                current = entry.value
            elif kind == "hundred":
                current = entry.value
            elif kind == "scale":
                total, current = entry.value, 0
            else:
                current = entry.value
            words, prev_kind, last = True, kind, j
            j += 1
            continue
        # continuation words
        if kind in ("scale", "plural_scale") and not joined and prev_kind not in ("scale", "plural_scale"):
            if vague_entry is not None and prev_kind in ("vague", "plural_scale"):
                total, current = vague_entry.scaled * entry.value, 0
            elif current:
                total, current = total + current * entry.value, 0
            else:
                break
        elif vague:
            break
        elif kind == "hundred" and not joined and prev_kind == "unit" and 0 < current < 10:
            current *= entry.value
        elif kind == "unit" and entry.value == 10 and not joined and prev_kind == "unit" and 0 < current < 10:
            current += 10  # ثلاثة عشر
        elif joined and kind in ("unit", "ten", "hundred", "whole") and prev_kind != "digits":
            current += entry.value
        elif joined and kind == "scale" and prev_kind != "digits":
            total, current = total + current + entry.value, 0
        else:
            break
        words, prev_kind, last = True, kind, j
        j += 1
    value = total + current
    if value <= 0:
        return None
    if words and not vague and last == i and value <= 2:
        return None
    return ParsedNumber(i, last, start, tokens[last].end, clean(value), vague, words, vague_word)
