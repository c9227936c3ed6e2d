"""What a cluster says: its reports, outlets, independent sources, agreed date and place, conflicting claims.

Independent sources are the cited sources de-duplicated across copy groups: a named source (SANA, the Turkish
interior ministry) is one voice however many outlets cite it; an anonymous source ("local sources") is one voice
per copy group citing it (two unrelated outlets' "local sources" are two, a wire reprinted by five outlets is one);
an outlet that cites no one is its own voice, and the copies of one uncited wire are one voice. Counts that differ
are all kept with who says each; the headline figure is the lowest (ACLED's conservative choice).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from khabar.corroborate.reports import Report

SCHEMA = "khabar/cluster-1"


def _day(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat() if ordinal > 0 else ""


def _num(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def source_voice(r: Report, copy_group: str, group_size: int) -> tuple[str, str]:
    """(kind, key) of the independent voice a report stands for."""
    if r.source_kind == "named" and r.source_key:
        return "named", f"named:{r.source_key}"
    if r.source_kind == "anonymous":
        return "anonymous", f"anonymous:{r.source_key}@{copy_group}"
    return "outlet", f"outlet:{copy_group if group_size > 1 else (r.outlet or r.article)}"


def summarize(cid: str, members: Sequence[Report], copy_groups: Mapping[str, str]) -> dict[str, Any]:
    """The JSON record of one cluster (schema ``khabar/cluster-1``, documented in the README)."""
    members = sorted(members, key=lambda r: (r.published or "", r.article, r.seq))
    group_of = {r.article: copy_groups.get(r.article, r.article) for r in members}
    group_size = Counter(group_of.values())
    by = [{"article": r.article, "event": r.event, "outlet": r.outlet} for r in members]

    voices: dict[str, dict[str, Any]] = {}
    for r, who in zip(members, by, strict=True):
        kind, key = source_voice(r, group_of[r.article], group_size[group_of[r.article]])
        v = voices.setdefault(key, {"key": key, "kind": kind, "text": r.source_text or (r.outlet or ""),
                                    "articles": [], "outlets": []})
        if who["article"] not in v["articles"]:
            v["articles"].append(who["article"])
        if r.outlet and r.outlet not in v["outlets"]:
            v["outlets"].append(r.outlet)
    mix = Counter(v["kind"] for v in voices.values())

    types = Counter(r.type for r in members)
    main_type = min(types, key=lambda t: (-types[t], t))

    dated = [r for r in members if r.dated]
    pool = dated or members
    lo, hi = max(r.lo for r in pool), min(r.hi for r in pool)
    when: dict[str, Any]
    if lo <= hi:
        when = {"agreed": _day(lo) if lo == hi else None, "from": _day(lo), "to": _day(hi), "conflict": False}
    else:
        when = {"agreed": None, "from": _day(min(r.lo for r in pool)), "to": _day(max(r.hi for r in pool)),
                "conflict": True}
    when["dated_reports"] = len(dated)

    placed = [r for r in members if r.place_id is not None]
    places: dict[int, dict[str, Any]] = {}
    for r in placed:
        assert r.place_id is not None
        p = places.setdefault(r.place_id, {"text": r.place_text, "geonameid": r.place_id, "country": r.country,
                                           "admin1": r.admin1, "precision": r.geo_precision, "lat": r.lat,
                                           "lon": r.lon, "reports": 0})
        p["reports"] += 1
    plist = sorted(places.values(), key=lambda p: (-p["reports"], p["geonameid"]))
    agreed_place: dict[str, Any] | None = None
    level = None
    if len(plist) == 1:
        agreed_place, level = dict(plist[0]), "place"
    elif plist and len({p["admin1"] for p in plist}) == 1 and plist[0]["admin1"]:
        agreed_place, level = {"country": plist[0]["country"], "admin1": plist[0]["admin1"]}, "admin1"
    elif plist and len({p["country"] for p in plist}) == 1:
        agreed_place, level = {"country": plist[0]["country"]}, "country"
    if agreed_place is not None:
        agreed_place.pop("reports", None)
    place = {"agreed": agreed_place, "level": level, "places": plist}

    counts_out = []
    claims: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = defaultdict(dict)
    for r, who in zip(members, by, strict=True):
        for c in r.counts:
            k = (c.value, c.low, c.high)
            claim = claims[c.of].setdefault(k, {"value": _num(c.value), "low": _num(c.low), "high": _num(c.high),
                                                "approx": c.approx, "text": c.text, "by": []})
            claim["by"].append({**who, "source": r.source_text or (r.outlet or "")})
    for of in sorted(claims):
        lst = sorted(claims[of].values(), key=lambda c: (c["value"], c["low"] or 0, c["high"] or 0))
        counts_out.append({"of": of, "headline": lst[0]["value"], "conflict": len(lst) > 1, "claims": lst})

    stat: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r, who in zip(members, by, strict=True):
        stat[r.status].append({**who, "source": r.source_text or (r.outlet or "")})
    statuses = {"conflict": len(stat) > 1,
                "claims": [{"status": s, "by": stat[s]} for s in sorted(stat)]}

    earliest = members[0]
    articles = sorted({r.article for r in members})
    return {
        "schema": SCHEMA,
        "id": cid,
        "type": main_type,
        "types": dict(sorted(types.items())),
        "events": [{"article": r.article, "event": r.event, "type": r.type, "status": r.status,
                    "outlet": r.outlet, "published": r.published, "trigger": r.trigger,
                    "copy_group": group_of[r.article],
                    "source": {"text": r.source_text or (r.outlet or ""), "kind": r.source_kind}}
                   for r in members],
        "articles": articles,
        "outlets": sorted({r.outlet for r in members if r.outlet}),
        "copy_groups": len(set(group_of.values())),
        "independent_sources": sorted(voices.values(), key=lambda v: v["key"]),
        "independent_source_count": len(voices),
        "source_mix": {"named": mix.get("named", 0), "anonymous": mix.get("anonymous", 0),
                       "outlet": mix.get("outlet", 0)},
        "earliest": {"article": earliest.article, "outlet": earliest.outlet, "published": earliest.published},
        "date": when,
        "place": place,
        "counts": counts_out,
        "statuses": statuses,
    }
