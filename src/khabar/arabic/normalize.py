"""Normalization for matching (never for storage): diacritics, tatweel, alef forms, ى/ي, ة/ه, digits.

The stored text is never changed; ``normalize_with_map`` returns, for each character of the
normalized string, the offset of the original character it came from, so matches found in the
normalized form map back to exact spans of the article.
"""

from __future__ import annotations

from functools import lru_cache

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


# Proclitic analyses, least stripped first: conjunction و/ف, preposition ب/ل/ك, article ال.
# "لل" is ل + ال with the alef dropped (للحسكة = ل + الحسكة).
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@lru_cache(maxsize=200_000)
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


def arabic_ratio(text: str) -> tuple[int, float]:
    """Number of Arabic letters in ``text`` and their share of all letters."""
    arabic = letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if is_arabic_letter(ch):
                arabic += 1
    return arabic, (arabic / letters if letters else 0.0)
