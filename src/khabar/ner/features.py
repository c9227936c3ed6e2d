"""CRF features of a token sequence: normalized form, clitic reading, affixes, shape, gazetteers, cues, ±2 window.

Features are computed from the token *strings* only, so the pre-tokenized training corpora
(ANERcorp, Wojood) and khabar's own tokens at run time go through exactly the same code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from sys import intern

from khabar.arabic.normalize import ARABIC_LETTERS, normalize
from khabar.arabic.tokenize import best_reading
from khabar.ner.gazetteer import clusters_of, cues_of, match_phrases, word_clusters

FEATURE_VERSION = 3  # bump when features change: a model trained on other features is useless
_DIGIT_RE = re.compile(r"[0-9]")
_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}]")
_LATIN_RE = re.compile("[a-z]")
_WINDOW = (-2, -1, 1, 2)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What the features need to know about one token."""

    norm: str
    prefix: str
    stem: str
    shape: str
    cues: frozenset[str]
    clusters: tuple[str, ...]  # distributional cluster ids (coarse, fine); () for a rare word
    stem_clusters: tuple[str, ...]  # cluster ids of the clitic-stripped stem, when it differs
    gaz: tuple[str, ...]  # e.g. ("B-LOC", "B-COUNTRY") when a gazetteer phrase starts here


def shape_of(norm: str) -> str:
    """A coarse class: ar (Arabic word), num, latin, punct, mixed (e.g. "(د" or "12م")."""
    has_ar = _ARABIC_RE.search(norm) is not None  # the letters of is_arabic_letter
    has_digit = bool(_DIGIT_RE.search(norm))
    has_latin = _LATIN_RE.search(norm) is not None
    has_other = bool(norm) and not norm.isalnum()  # some character is not alphanumeric
    kinds = has_ar + has_digit + has_latin
    if kinds == 0:
        return "punct"
    if kinds > 1 or has_other:
        return "mixed"
    return "ar" if has_ar else "num" if has_digit else "latin"


@lru_cache(maxsize=50_000)  # hit rate 87.4 % (88.4 % unbounded), benchmarks/cache_sizes.py
def _analyse(token: str) -> TokenInfo:
    """Everything about a token that does not depend on its neighbours (cached: news repeats words)."""
    norm = normalize(token)
    shape = shape_of(norm)
    prefix, stem = best_reading(norm) if shape == "ar" else ("", norm)
    cues = cues_of(norm) if shape == "ar" else frozenset()
    stem_clusters = word_clusters().get(stem, ()) if stem != norm else ()
    return TokenInfo(norm, prefix, stem, shape, cues, clusters_of(norm, stem), stem_clusters, ())


def token_infos(tokens: Sequence[str]) -> list[TokenInfo]:
    """Per-token analyses of one sentence."""
    infos = [_analyse(t) for t in tokens]
    matches = match_phrases([i.norm for i in infos])
    if not matches:
        return infos
    gaz: list[list[str]] = [[] for _ in infos]
    for start, end, classes in matches:
        for cls in sorted(classes):
            gaz[start].append("B-" + cls)
            for k in range(start + 1, end):
                gaz[k].append("I-" + cls)
    return [replace(info, gaz=tuple(g)) if g else info for info, g in zip(infos, gaz, strict=True)]


_K = tuple(f"k{i}" for i in range(8))
_KS = tuple(f"ks{i}" for i in range(8))


def _numbered(names: tuple[str, ...], prefix: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(prefix + i, value)`` for each value, the names taken from ``names`` (prebuilt) while it lasts."""
    return [(names[i] if i < len(names) else f"{prefix}{i}", v) for i, v in enumerate(values)]


def _own_pairs(info: TokenInfo) -> list[tuple[str, str]]:
    """``(name, value)`` of a token's own features (the feature string is ``name=value``), after ``bias``."""
    s = info.stem
    pairs = [
        ("n", info.norm),
        ("s", s),
        ("p", info.prefix),
        ("sh", info.shape),
        ("len", str(min(len(s), 8))),
        ("s2", s[:2]),
        ("s3", s[:3]),
        ("e1", s[-1:]),
        ("e2", s[-2:]),
        ("e3", s[-3:]),
    ]
    pairs.extend(("c", c) for c in sorted(info.cues))
    pairs.extend(_numbered(_K, "k", info.clusters))
    if not info.clusters:
        pairs.append(("k", "rare"))
    pairs.extend(_numbered(_KS, "ks", info.stem_clusters))
    pairs.extend(("g", g) for g in info.gaz)
    return pairs


def _neighbour_names(off: int) -> tuple[str, ...]:
    tag = f"{off:+d}"
    return tuple(tag + name for name in ("n", "s", "sh", "p", "c", "g", *_K))


_NB_NAMES = {off: _neighbour_names(off) for off in _WINDOW}


def _neighbour_pairs(info: TokenInfo, off: int) -> list[tuple[str, str]]:
    """``(name, value)`` of a token's features as the neighbour at ``off``."""
    n, s, sh, p, c, g, *k = _NB_NAMES[off]
    tag = n[:-1]
    pairs = [(n, info.norm), (s, info.stem), (sh, info.shape), (p, info.prefix)]
    pairs.extend((c, cue) for cue in sorted(info.cues))
    pairs.extend(_numbered(tuple(k), tag + "k", info.clusters))
    pairs.extend((g, x) for x in info.gaz)
    return pairs


def _own(info: TokenInfo) -> tuple[str, ...]:
    return ("bias", *(name + "=" + value for name, value in _own_pairs(info)))


def _neighbour(info: TokenInfo, off: int) -> tuple[str, ...]:
    return tuple(name + "=" + value for name, value in _neighbour_pairs(info, off))


@lru_cache(maxsize=4)
def _known(keep: frozenset[str]) -> dict[str, dict[str, str]]:
    """The attributes a model knows as ``name → value → "name=value"`` (the string of ``keep`` itself), so a
    feature is looked up before its string is built: most features of a rare word are unknown to the model."""
    table: dict[str, dict[str, str]] = {}
    for feat in keep:
        name, sep, value = feat.partition("=")
        table.setdefault(name if sep else "", {})[value if sep else name] = feat
    return table


_NOTHING: dict[str, str] = {}


def _kept(pairs: list[tuple[str, str]], known: dict[str, dict[str, str]]) -> tuple[str, ...]:
    out = []
    for name, value in pairs:
        feat = known.get(name, _NOTHING).get(value)
        if feat is not None:
            out.append(feat)
    return tuple(out)


def _parts(info: TokenInfo, keep: frozenset[str] | None) -> tuple[tuple[str, ...], ...]:
    """A token's own features, its features as the neighbour at -2, -1, +1, +2, and its cue features as the
    token three to the left; with ``keep`` (the attributes a model knows) only those, in the same order."""
    if keep is None:
        parts = (_own(info), *(_neighbour(info, off) for off in _WINDOW), tuple("-3c=" + c for c in sorted(info.cues)))
        # interned: the many repeated strings ("sh=ar", "-1p=ال", "e2=ية") are stored once for all tokens
        return tuple(tuple(intern(f) for f in part) for part in parts)
    known = _known(keep)
    own = _kept(_own_pairs(info), known)
    bias = known.get("", _NOTHING).get("bias")
    return (
        (bias, *own) if bias is not None else own,
        *(_kept(_neighbour_pairs(info, off), known) for off in _WINDOW),
        _kept([("-3c", c) for c in sorted(info.cues)], known),
    )


@lru_cache(maxsize=20_000)  # hit rate ~82 % at 20k (benchmarks/cache_sizes.py)
def _token_parts(
    token: str, gaz: tuple[str, ...], keep: frozenset[str] | None
) -> tuple[str, str, tuple[tuple[str, ...], ...]]:
    """``(stem, first cluster id or "rare", parts)`` of a token string with its gazetteer tags (one cache look-up
    per token, keyed by strings whose hashes Python keeps, not by the ``TokenInfo``)."""
    info = _analyse(token)
    if gaz:
        info = replace(info, gaz=gaz)
    return info.stem, info.clusters[0] if info.clusters else "rare", _parts(info, keep)


def _gaz_tags(tokens: Sequence[str]) -> list[tuple[str, ...]] | None:
    """Gazetteer tags of every token (``B-LOC``, ``I-COUNTRY`` …), None when no phrase matches."""
    matches = match_phrases([_analyse(t).norm for t in tokens])
    if not matches:
        return None
    gaz: list[tuple[str, ...]] = [()] * len(tokens)
    for start, end, classes in matches:
        tags: dict[int, list[str]] = {k: [] for k in range(start, end)}
        for cls in sorted(classes):
            tags[start].append("B-" + cls)
            for k in range(start + 1, end):
                tags[k].append("I-" + cls)
        for k, found in tags.items():
            gaz[k] = tuple(found)
    return gaz


_BOS, _EOS, _NONE = ("BOS",), ("EOS",), ()


def sentence_features(tokens: Sequence[str], keep: frozenset[str] | None = None) -> list[list[str]]:
    """Feature strings of every token of one sentence (the CRF item sequence).

    ``keep``: leave out features not in this set (a tagger ignores attributes its model does not know, so
    its tags and marginals are the same; passing fewer strings to it is faster).
    """
    gaz = _gaz_tags(tokens)
    if gaz is None:
        rows = [_token_parts(t, (), keep) for t in tokens]
    else:
        rows = [_token_parts(t, g, keep) for t, g in zip(tokens, gaz, strict=True)]
    n = len(rows)
    stems = [r[0] for r in rows]
    k0s = [r[1] for r in rows]
    parts = [r[2] for r in rows]
    # the bigram of tokens i and i+1 is "bg+" of i and "bg-" of i+1: each pair is joined once
    bg = [stems[i] + "|" + stems[i + 1] for i in range(n - 1)]
    kb = [k0s[i] + "|" + k0s[i + 1] for i in range(n - 1)]
    if keep is None:
        bgm = {f"bg{d}": {x: f"bg{d}={x}" for x in bg} for d in "-+"}
        kbm = {f"kb{d}": {x: f"kb{d}={x}" for x in kb} for d in "-+"}
    else:
        known = _known(keep)
        bgm = {name: known.get(name, _NOTHING) for name in ("bg-", "bg+")}
        kbm = {name: known.get(name, _NOTHING) for name in ("kb-", "kb+")}
    bg_l, bg_r, kb_l, kb_r = bgm["bg-"], bgm["bg+"], kbm["kb-"], kbm["kb+"]
    out: list[list[str]] = []
    for i in range(n):
        extra: list[str] = []
        if i > 0:
            if (f := bg_l.get(bg[i - 1])) is not None:
                extra.append(f)
            if (f := kb_l.get(kb[i - 1])) is not None:
                extra.append(f)
        if i + 1 < n:
            if (f := bg_r.get(bg[i])) is not None:
                extra.append(f)
            if (f := kb_r.get(kb[i])) is not None:
                extra.append(f)
        out.append(
            [
                *parts[i][0],
                *(parts[i - 2][1] if i >= 2 else _BOS if i == 1 else _NONE),
                *(parts[i - 1][2] if i >= 1 else _BOS),
                *(parts[i + 1][3] if i + 1 < n else _EOS),
                *(parts[i + 2][4] if i + 2 < n else _EOS if i + 2 == n else _NONE),
                *extra,
                *(parts[i - 3][5] if i >= 3 else _NONE),
            ]
        )
    return out
