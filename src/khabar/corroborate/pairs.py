"""Can two reports be one happening? Type compatibility, pair features, hard conflicts and the learned score.

The score is a logistic regression over the features of ``features`` with weights in
``lexicon/data/cluster_weights.json`` (fitted on the training part of eval/gold/clusters by
``scripts/train_cluster_weights.py``). Hard conflicts (incompatible types, two different explicit days, two
different towns far apart) are rules: a pair in conflict is never linked, whatever its score.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from khabar.corroborate.reports import Report
from khabar.errors import ResourceError
from khabar.lexicon import data_text, load_tsv
from khabar.ontology import event_types

FEATURES = (
    "bias",
    "same_type",
    "same_mode",
    "date_overlap",
    "date_gap",
    "same_day_dated",
    "undated",
    "same_place",
    "place_contained",
    "same_country",
    "place_far",
    "place_missing",
    "place_inferred",
    "actor_match",
    "target_match",
    "party_disjoint",
    "count_agree",
    "count_differ",
    "word_jaccard",
    "word_overlap",
    "same_copy",
    "same_outlet",
    "same_source",
)
FAR_KM = 60.0
DAY_SLACK = 2  # two explicit days further apart than this are two happenings (timex slips by a day or two)
GAP_CAP = 7


@lru_cache(maxsize=1)
def compatible_pairs() -> frozenset[frozenset[str]]:
    known = set(event_types())
    out = set()
    for row in load_tsv("plover_compatible.tsv"):
        a, b = row["type_a"], row["type_b"]
        if a not in known or b not in known:
            raise ResourceError(f"plover_compatible.tsv: unknown PLOVER type in {a}/{b}")
        out.add(frozenset((a, b)))
    return frozenset(out)


def compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in compatible_pairs()


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    """Each PLOVER type's family: the types connected by compatible pairs share one (named by its first type)."""
    types = sorted(event_types())
    parent = {t: t for t in types}

    def find(t: str) -> str:
        while parent[t] != t:
            t = parent[t]
        return t

    for pair in sorted(tuple(sorted(p)) for p in compatible_pairs()):
        ra, rb = find(pair[0]), find(pair[1])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {t: find(t) for t in types}


def family(event_type: str) -> str:
    return families().get(event_type, event_type)


def km(a: Report, b: Report) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_FINE = {"city", "subcity"}


def conflict(a: Report, b: Report) -> str | None:
    """Why two reports cannot be one happening, or None."""
    if not compatible(a.type, b.type):
        return "type"
    if a.precision == "day" and b.precision == "day" and abs(a.lo - b.lo) > DAY_SLACK:
        return "date"
    if a.hi + GAP_CAP < b.lo or b.hi + GAP_CAP < a.lo:
        return "date"
    if a.geo_precision in _FINE and b.geo_precision in _FINE and a.place_id != b.place_id:
        dist = km(a, b)
        if dist is not None and dist > FAR_KM:
            return "place"
    return None


def _counts_relation(a: Report, b: Report) -> tuple[float, float]:
    agree = differ = 0.0
    bvals: dict[str, list[float]] = {}
    for c in b.counts:
        bvals.setdefault(c.of, []).append(c.value)
    for c in a.counts:
        for v in bvals.get(c.of, ()):
            hi, lo = max(c.value, v), min(c.value, v)
            if hi == lo or (lo > 0 and hi / lo <= 1.5):
                agree = 1.0
            else:
                differ = 1.0
    return agree, differ


def features(a: Report, b: Report, same_copy: bool = False) -> list[float]:
    """The feature vector of a pair, in the order of ``FEATURES``."""
    gap = max(0, max(a.lo, b.lo) - min(a.hi, b.hi))
    place_missing = a.country is None or b.country is None
    same_place = a.place_id is not None and a.place_id == b.place_id
    contained = 0.0
    if not same_place and a.place_id is not None and b.place_id is not None and a.country == b.country:
        coarse = {"country", "region"}
        if (a.geo_precision in coarse or b.geo_precision in coarse) and (
            a.geo_precision == "country" or b.geo_precision == "country" or a.admin1 == b.admin1
        ):
            contained = 1.0
        elif a.admin1 and a.admin1 == b.admin1:
            contained = 1.0
    dist = km(a, b)
    far = 1.0 if dist is not None and dist > FAR_KM and not same_place and not contained else 0.0
    pa, pb = a.actors | a.targets, b.actors | b.targets
    agree, differ = _counts_relation(a, b)
    inter = len(a.words & b.words)
    union = len(a.words | b.words) or 1
    return [
        1.0,
        1.0 if a.type == b.type else 0.0,
        1.0 if a.mode and a.mode == b.mode else 0.0,
        1.0 if gap == 0 else 0.0,
        min(gap, GAP_CAP) / GAP_CAP,
        1.0 if a.precision == "day" and b.precision == "day" and a.lo == b.lo else 0.0,
        1.0 if not (a.dated and b.dated) else 0.0,
        1.0 if same_place else 0.0,
        contained,
        1.0 if a.country is not None and a.country == b.country else 0.0,
        far,
        1.0 if place_missing else 0.0,
        1.0 if a.place_inferred or b.place_inferred else 0.0,
        1.0 if a.actors & b.actors else 0.0,
        1.0 if a.targets & b.targets else 0.0,
        1.0 if pa and pb and not (pa & pb) else 0.0,
        agree,
        differ,
        inter / union,
        min(inter, 10) / 10,
        1.0 if same_copy else 0.0,
        1.0 if a.outlet is not None and a.outlet == b.outlet else 0.0,
        1.0 if a.source_key and a.source_key == b.source_key else 0.0,
    ]


@lru_cache(maxsize=1)
def model() -> dict[str, object]:
    """The packaged weights and clustering thresholds (``cluster_weights.json``)."""
    try:
        data = json.loads(data_text("cluster_weights.json"))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"cluster_weights.json: invalid JSON: {exc}") from None
    names = tuple(data.get("features", ()))
    if names != FEATURES:
        raise ResourceError("cluster_weights.json: its features differ from khabar.corroborate.pairs.FEATURES "
                            "(rerun scripts/train_cluster_weights.py)")
    weights: dict[str, object] = data
    return weights


def score(vec: list[float], weights: list[float]) -> float:
    z = sum(w * x for w, x in zip(weights, vec, strict=True))
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
