"""Lexicon and gazetteer matching: Aho-Corasick over normalized text, hits kept only at word boundaries.

A hit may be preceded inside its word by proclitics only (و ف, then ب ل ك; ``لل`` before a name whose ال
was dropped), so بالحسكة, والقامشلي, لـسوريا and للحسكة match while نحو or a name inside a longer word do not.
Overlapping hits are resolved longest first; on equal spans an organization beats a place (الميادين).
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.arabic import is_arabic_letter, normalize_with_map
from khabar.arabic import words as wc
from khabar.entities.resources import EntryKey, automaton, norm_name, orgs_by_name, words
from khabar.intervals import SpanIndex
from khabar.model import EntityType

# Proclitic strings allowed before a name inside the same word.
_PREFIXES = wc.NAME_PROCLITICS
_LL_PREFIXES = frozenset(wc.LAM_ARTICLE_PREFIXES)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed entity mention: original-text span (clitics excluded), type, and where it came from."""

    start: int
    end: int
    type: EntityType
    subtype: str | None
    origin: str  # lexicon gazetteer pattern cue model
    key: str  # canonical key: org key, normalized place name, or normalized surface
    rank: int = 0  # lower wins on equal length

    @property
    def length(self) -> int:
        return self.end - self.start


def _is_word_char(ch: str) -> bool:
    return is_arabic_letter(ch) or ch.isalnum()


def _accept(norm: str, start: int, end: int, entry: EntryKey) -> bool:
    if end < len(norm) and _is_word_char(norm[end]):
        return False
    ws = start
    while ws > 0 and _is_word_char(norm[ws - 1]):
        ws -= 1
    prefix = norm[ws:start]
    if entry.bare:
        return prefix in _LL_PREFIXES
    if prefix and len(entry.norm.replace(" ", "")) < 3:
        return False
    return prefix in _PREFIXES


def _tanween_after(text: str, end: int) -> bool:
    """An accusative ending (بريطانياً، سورياً) makes the word an adjective or adverb, not the name."""
    j = end
    while j < len(text) and ("\u064b" <= text[j] <= "\u0652" or text[j] == "\u0640"):
        if text[j] == "\u064b":
            return True
        j += 1
    return False


def lexicon_hits(text: str) -> list[tuple[int, int, EntryKey]]:
    """Every accepted hit as ``(start, end, entry)`` in original offsets, overlaps not yet resolved."""
    norm, offsets = normalize_with_map(text)
    out: list[tuple[int, int, EntryKey]] = []
    for end_idx, entry in automaton().iter(norm):
        end = end_idx + 1
        start = end - len(entry.norm) + (2 if entry.bare else 0)
        if _accept(norm, start, end, entry):
            s, e = offsets[start], offsets[end - 1] + 1
            if not _tanween_after(text, e) and not (e >= 1 and "\u064b" in text[max(0, e - 2) : e]):
                out.append((s, e, entry))
    return out


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates that do not overlap; ties go to the lower ``rank``; result in text order."""
    chosen: list[Candidate] = []
    taken = SpanIndex()
    for c in sorted(cands, key=lambda c: (-c.length, c.rank, c.start)):
        if taken.overlaps(c.start, c.end):
            continue
        chosen.append(c)
        taken.add(c.start, c.end)
    return sorted(chosen, key=lambda c: c.start)


def _quoted_outlet(text: str, start: int, end: int, norm: str) -> str | None:
    """«الشرق الأوسط» in guillemets is the newspaper when "صحيفة الشرق الأوسط" is a known outlet."""
    if not (start > 0 and end < len(text) and text[start - 1] in '«"“' and text[end] in '»"”'):
        return None
    for head in wc.OUTLET_HEADS:
        for org in orgs_by_name().get(f"{head} {norm}", ()):
            if org.category in ("outlet", "agency"):
                return org.key
    return None


def _idiom_after(text: str, end: int, norm: str) -> bool:
    """A place name starting an idiom (مسقط رأسه) is no place."""
    followers = (words().get("place_not_before") or {}).get(norm)
    if not followers:
        return False
    nxt = text[end : end + 12].split()
    return bool(nxt) and norm_name(nxt[0]) in {norm_name(w) for w in followers}


def lexicon_candidates(text: str) -> list[Candidate]:
    """Organization and place candidates from the lexicons (organization rank 0, place rank 1)."""
    cands: list[Candidate] = []
    for start, end, entry in lexicon_hits(text):
        if entry.orgs:
            cands.append(Candidate(start, end, "ORG", entry.orgs[0].category, "lexicon", entry.orgs[0].key, 0))
        elif entry.places:
            outlet = _quoted_outlet(text, start, end, entry.norm)
            if outlet is not None:
                cands.append(Candidate(start, end, "ORG", "outlet", "lexicon", outlet, 0))
                continue
            if _idiom_after(text, end, entry.norm):
                continue
            sub = "FAC" if entry.places[0].feature in ("FAC",) else "GPE"
            cands.append(Candidate(start, end, "LOC", sub, "gazetteer", entry.norm, 1))
    return resolve_overlaps(cands)
