"""CRF features of a token sequence: normalized form, clitic reading, affixes, shape, gazetteers, cues, ±2 window.

Features are computed from the token *strings* only, so the pre-tokenized training corpora
(ANERcorp, Wojood) and khabar's own tokens at run time go through exactly the same code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.arabic.normalize import is_arabic_letter, normalize
from khabar.arabic.tokenize import best_reading
from khabar.ner.gazetteer import cues_of, match_phrases

FEATURE_VERSION = 1  # bump when features change: a model trained on other features is useless
_DIGIT_RE = re.compile(r"[0-9]")
_WINDOW = (-2, -1, 1, 2)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What the features need to know about one token."""

    norm: str
    prefix: str
    stem: str
    shape: str
    cues: frozenset[str]
    gaz: tuple[str, ...]  # e.g. ("B-LOC", "B-COUNTRY") when a gazetteer phrase starts here


def shape_of(norm: str) -> str:
    """A coarse class: ar (Arabic word), num, latin, punct, mixed (e.g. "(د" or "12م")."""
    has_ar = any(is_arabic_letter(c) for c in norm)
    has_digit = bool(_DIGIT_RE.search(norm))
    has_latin = any("a" <= c <= "z" for c in norm)
    has_other = any(not (c.isalnum()) for c in norm)
    kinds = has_ar + has_digit + has_latin
    if kinds == 0:
        return "punct"
    if kinds > 1 or has_other:
        return "mixed"
    return "ar" if has_ar else "num" if has_digit else "latin"


def token_infos(tokens: Sequence[str]) -> list[TokenInfo]:
    """Per-token analyses of one sentence."""
    norms = [normalize(t) for t in tokens]
    gaz: list[list[str]] = [[] for _ in norms]
    for start, end, classes in match_phrases(norms):
        for cls in sorted(classes):
            gaz[start].append("B-" + cls)
            for k in range(start + 1, end):
                gaz[k].append("I-" + cls)
    infos: list[TokenInfo] = []
    for norm, g in zip(norms, gaz, strict=True):
        shape = shape_of(norm)
        prefix, stem = best_reading(norm) if shape == "ar" else ("", norm)
        infos.append(TokenInfo(norm, prefix, stem, shape, cues_of(norm) if shape == "ar" else frozenset(), tuple(g)))
    return infos


def _own(info: TokenInfo) -> list[str]:
    s = info.stem
    feats = [
        "bias",
        "n=" + info.norm,
        "s=" + s,
        "p=" + info.prefix,
        "sh=" + info.shape,
        "len=" + str(min(len(s), 8)),
        "s2=" + s[:2],
        "s3=" + s[:3],
        "e1=" + s[-1:],
        "e2=" + s[-2:],
        "e3=" + s[-3:],
    ]
    feats.extend("c=" + c for c in info.cues)
    feats.extend("g=" + g for g in info.gaz)
    return feats


def _neighbour(info: TokenInfo, off: int) -> list[str]:
    tag = f"{off:+d}"
    feats = [tag + "n=" + info.norm, tag + "s=" + info.stem, tag + "sh=" + info.shape, tag + "p=" + info.prefix]
    feats.extend(tag + "c=" + c for c in info.cues)
    feats.extend(tag + "g=" + g for g in info.gaz)
    return feats


def sentence_features(tokens: Sequence[str]) -> list[list[str]]:
    """Feature strings of every token of one sentence (the CRF item sequence)."""
    infos = token_infos(tokens)
    n = len(infos)
    out: list[list[str]] = []
    for i, info in enumerate(infos):
        feats = _own(info)
        for off in _WINDOW:
            j = i + off
            if 0 <= j < n:
                feats.extend(_neighbour(infos[j], off))
            elif j == -1:
                feats.append("BOS")
            elif j == n:
                feats.append("EOS")
        if i > 0:
            feats.append("bg-=" + infos[i - 1].stem + "|" + info.stem)
        if i + 1 < n:
            feats.append("bg+=" + info.stem + "|" + infos[i + 1].stem)
        out.append(feats)
    return out
