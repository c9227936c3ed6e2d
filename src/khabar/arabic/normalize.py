"""Normalization for matching (never for storage): diacritics, tatweel, alef forms, ى/ي, ة/ه, digits.

The stored text is never changed; ``normalize_with_map`` returns, for each character of the
normalized string, the offset of the original character it came from, so matches found in the
normalized form map back to exact spans of the article.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress
from operator import not_

from khabar.arabic import words as wc

# Letter ranges of the Arabic block without punctuation (، ؛ ؟ are U+060C, U+061B, U+061F),
# digits and diacritics: see DESIGN.md, "Arabic specifics".
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc"
DIACRITICS = "\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"

_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", TATWEEL} | {chr(c) for c in range(0x06D6, 0x06EE)}
_MAP = {
    "\u0623": "\u0627",  # أ → ا
    "\u0625": "\u0627",  # إ → ا
    "\u0622": "\u0627",  # آ → ا
    "\u0671": "\u0627",  # ٱ → ا
    "\u0649": "\u064a",  # ى → ي
    "\u06cc": "\u064a",  # Persian ی → ي
    "\u0629": "\u0647",  # ة → ه
    "\u06a9": "\u0643",  # Persian ک → ك
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian) digits

_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): v for k, v in _MAP.items()})


def is_arabic_letter(ch: str) -> bool:
    o = ord(ch)
    return 0x0621 <= o <= 0x063A or 0x0641 <= o <= 0x064A or 0x0671 <= o <= 0x06D3 or 0x06FA <= o <= 0x06FC


def normalize(text: str) -> str:
    """Normalize ``text`` for matching; Latin letters are lower-cased."""
    return text.translate(_TABLE).lower()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalize and return ``(norm, offsets)``; ``offsets[i]`` is the original index of ``norm[i]``.

    ``offsets`` has one extra entry, ``len(text)``, so an end offset maps back too.
    """
    kept = text.translate(_TABLE)  # the dropped characters gone, the others mapped: _MAP.get(ch, ch)
    if "\u03a3" in kept:  # Σ: str.lower() of a whole string makes a final sigma ς, a letter alone σ
        return _normalize_with_map_by_char(text)
    if len(kept) == len(text):
        offsets = list(range(len(text) + 1))
    else:
        offsets = list(compress(range(len(text)), map(not_, map(_DROP.__contains__, text))))
        offsets.append(len(text))
    return kept.lower(), offsets


def _normalize_with_map_by_char(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        mapped = _MAP.get(ch, ch)
        out.append(mapped.lower())
        offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


# Text as users paste it (web pages, PDFs, feeds) carries characters a reader does not see or sees as
# something else: format characters (Unicode category Cf: ZWNJ/ZWJ/ZWSP, LRM/RLM, the Arabic letter mark
# U+061C, bidi embeddings and isolates U+202A-202E/U+2066-2069, the BOM U+FEFF, the soft hyphen U+00AD),
# spaces other than U+0020 (category Zs: no-break, thin, ideographic …), line and paragraph separators
# (Zl, Zp) and the Arabic presentation forms of PDF copies (U+FB50-U+FDFF, U+FE70-U+FEFF), which NFKC
# folds to their letters (ﻻ → لا). ``fold_for_matching`` gives the text the stages see.
_PRESENTATION = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE))


def _fold_char(ch: str) -> str | None:
    """What matching sees for ``ch``: "" (dropped), a replacement, or None when ``ch`` stays as it is."""
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return ""
    if cat == "Zs":
        return " " if ch != " " else None
    if cat in ("Zl", "Zp"):
        return "\n"
    o = ord(ch)
    if any(lo <= o <= hi for lo, hi in _PRESENTATION):
        folded = unicodedata.normalize("NFKC", ch)
        if folded == ch:
            return None
        # The isolated forms of the harakat (U+FE70 …) decompose to a space and the mark: keep the mark.
        return folded.strip(" ") or folded
    return None


@lru_cache(maxsize=1)
def _fold_table() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    # Format characters and spaces live in the first two planes and the tag block (U+E0000-E0FFF).
    for o in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if 0xD800 <= o <= 0xDFFF:
            continue
        rep = _fold_char(chr(o))
        if rep is not None:
            table[chr(o)] = rep
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(table)) + "]")
    return pattern, table


def foldable(text: str) -> bool:
    """True when ``text`` holds a character ``fold_for_matching`` changes."""
    return _fold_table()[0].search(text) is not None


def fold_for_matching(text: str) -> tuple[str, list[int]] | None:
    """The text matching sees, and for each of its characters the offset of the original one.

    Format and invisible characters are dropped, every Unicode space becomes U+0020 (separators a
    newline) and presentation forms become their letters. ``offsets`` has one extra entry,
    ``len(text)``. Returns None when nothing changes, which is the case of most articles.
    """
    pattern, table = _fold_table()
    if pattern.search(text) is None:
        return None
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i])
            offsets.extend(range(pos, i))
        rep = table[m.group()]
        out.append(rep)
        offsets.extend([i] * len(rep))
        pos = i + 1
    out.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return "".join(out), offsets


# Proclitic analyses, least stripped first: conjunction و/ف, preposition ب/ل/ك, article ال.
# "لل" is ل + ال with the alef dropped (للحسكة = ل + الحسكة).
_CONJ = wc.CONJUNCTION_CLITICS
_PREP = wc.PREPOSITION_CLITICS


@lru_cache(maxsize=50_000)  # hit rate 82.7 % (87.9 % unbounded), benchmarks/cache_sizes.py
def strip_clitics(word: str, min_stem: int = 2) -> tuple[tuple[str, str], ...]:
    """All ``(prefix, stem)`` readings of a *normalized* word, the unstripped reading first.

    Matchers try each stem in order and keep the first that is in their lexicon, so a word
    that merely starts with a clitic letter (وزير، بغداد) still matches as a whole.
    """
    readings: list[tuple[str, str]] = [("", word)]
    seen = {word}

    def add(prefix: str, stem: str) -> None:
        if len(stem) >= min_stem and stem not in seen:
            seen.add(stem)
            readings.append((prefix, stem))

    conj_options = [("", word)] + [(c, word[1:]) for c in _CONJ if word.startswith(c)]
    for conj, rest in conj_options:
        add(conj, rest)
        if rest.startswith("لل") and len(rest) > 3:
            add(conj + "لل", "ال" + rest[2:])
            add(conj + "لل", rest[2:])
        for prep in _PREP:
            if rest.startswith(prep):
                after = rest[1:]
                add(conj + prep, after)
                if after.startswith("ال"):
                    add(conj + prep + "ال", after[2:])
        if rest.startswith("ال"):
            add(conj + "ال", rest[2:])
    return tuple(readings)


def is_presentation_letter(ch: str) -> bool:
    """An Arabic presentation form (PDF copies: ﻻ ﺍ ﻟ …) that is a letter."""
    o = ord(ch)
    return (0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFC) and ch.isalpha()


def arabic_ratio(text: str) -> tuple[int, float]:
    """Number of Arabic letters in ``text`` (presentation forms included) and their share of all letters."""
    letters = sum(map(str.isalpha, text))
    arabic = len(_ARABIC_LETTER_RE.findall(text))  # every character of these ranges is a letter (test)
    if _PRESENTATION_RE.search(text):
        arabic += sum(1 for ch in _PRESENTATION_RE.findall(text) if ch.isalpha())
    return arabic, (arabic / letters if letters else 0.0)


_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
