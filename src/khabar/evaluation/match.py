"""Gold-to-system text matching of khabar/gold-1: normalization, the match rule, one-to-one assignment.

The rules are those of ``../shared/eval/GOLD_FORMAT.md``, with the choices it leaves open made
here (and in the README, section "Evaluation"):

- Normalization: ``khabar.arabic.normalize`` (diacritics and tatweel removed, أ إ آ ٱ → ا,
  ى → ي, ة → ه, Arabic-Indic digits → ASCII, Latin lower-cased), then the text is cut into
  words (runs of letters and digits; punctuation and quotes drop out) and each word loses, in
  this order, a leading conjunction و/ف, a leading preposition ب/ل/ك and the article ال
  (لل, as in للحسكة, counts as ل + ال). A strip is skipped when it would leave fewer than two
  letters. Both sides go through the same function, so a word that merely starts with one of
  these letters (وزير, بغداد) is cut the same way on both sides and still matches.
- Two forms match when their word sequences are equal, or when the shorter one occurs as a
  contiguous run of words inside the longer one and covers at least half of the longer one's
  words (``2 * shorter >= longer``): "مواقع الحوثيين" ⊃ "الحوثيين" (1 of 2) matches,
  "عبد ربه منصور هادي" ⊃ "هادي" (1 of 4) does not (that needs the alias).
- A gold item's forms are its text and its aliases (for event fields: the list of acceptable
  forms); a system item's forms are its text and, for entities, its aliases. Any pair of forms
  that matches makes the items match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CONJ = wc.CONJUNCTION_CLITICS
_PREP = wc.PREPOSITION_CLITICS
_MIN_STEM = 2

G = TypeVar("G")
S = TypeVar("S")


def norm_word(word: str) -> str:
    """Strip a leading و/ف, then ب/ل/ك, then ال from a normalized word (keeping >= 2 letters)."""
    if len(word) - 1 >= _MIN_STEM and word[0] in _CONJ:
        word = word[1:]
    if len(word) - 1 >= _MIN_STEM and word[0] in _PREP:
        prep, word = word[0], word[1:]
        # للحسكة = ل + (ا)لحسكة: the alef of the article is dropped after ل.
        if prep == "ل" and word.startswith("ل") and len(word) - 1 >= _MIN_STEM:
            word = word[1:]
    if len(word) - 2 >= _MIN_STEM and word.startswith("ال"):
        word = word[2:]
    return word


@lru_cache(maxsize=50_000)
def norm_words(text: str) -> tuple[str, ...]:
    """The normalized words of ``text`` as the scorer compares them."""
    return tuple(norm_word(w) for w in _WORD.findall(normalize(text)))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def form_score(system: str, gold: str) -> float:
    """How well two surface forms match: 1.0 equal, 0.5..<1 containment with half the words, 0 no match."""
    a, b = norm_words(system), norm_words(gold)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    if 2 * len(shorter) >= len(longer) and _contains(longer, shorter):
        return len(shorter) / len(longer) * 0.99  # containment always ranks below equality
    return 0.0


def match_score(system_forms: Iterable[str], gold_forms: Sequence[str]) -> float:
    """Best score of any (system form, gold form) pair; the gold text (first form) wins ties."""
    best = 0.0
    for s in system_forms:
        for k, g in enumerate(gold_forms):
            score = form_score(s, g)
            if score > 0 and k == 0:
                score += 0.001  # prefer the gold item whose own text matches over an alias match
            best = max(best, score)
    return best


def matches(system_forms: Iterable[str], gold_forms: Sequence[str]) -> bool:
    """True when any system form matches any gold form."""
    return match_score(system_forms, gold_forms) > 0


@dataclass(frozen=True, slots=True)
class Pairing:
    """Result of a one-to-one assignment: matched index pairs and the indices left over."""

    pairs: tuple[tuple[int, int], ...]
    gold_left: tuple[int, ...]
    system_left: tuple[int, ...]


def assign(
    gold: Sequence[G],
    system: Sequence[S],
    score: Callable[[G, S], float],
) -> Pairing:
    """Greedy best-first one-to-one assignment: highest score first, ties in document order.

    ``score`` returns 0 (or less) for a pair that does not match.
    """
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            value = score(g, s)
            if value > 0:
                candidates.append((-value, gi, si))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, si in candidates:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si))
    pairs.sort()
    return Pairing(
        pairs=tuple(pairs),
        gold_left=tuple(i for i in range(len(gold)) if i not in used_g),
        system_left=tuple(i for i in range(len(system)) if i not in used_s),
    )
