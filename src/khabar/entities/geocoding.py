"""Geocoding of place entities from the packaged gazetteer, with the article as context for ambiguous names.

A name with several gazetteer rows (طرابلس in Libya and Lebanon, عمان the country and the city) is resolved by
the countries the article mentions (countries named, places whose country is certain, organizations with a
country), then by region cues (محافظة، ريف، ولاية → the region reading), then by population. A facility or
neighbourhood inherits the coordinates of the town named with it ("سجن غويران في مدينة الحسكة", "قاعدة
الشدادي") with precision ``subcity``; failing that it keeps its own curated coordinates, or no geo at all.

A town named with the region or town it lies in ("مدينة أريحا بمحافظة إدلب", "بلدة X في ريف حلب", "X التابعة
لمحافظة Y", "مارع شمال حلب") is resolved inside it: among its rows in that region (same admin1, or within
``_INSIDE_KM``), else among the small places of ``gazetteer_contained.tsv`` (GeoNames places of the conflict
countries too small for the main gazetteer, looked up only this way), else it takes the region's coordinates
with precision ``region`` (``inherited_from`` names the region) rather than a town of the same name elsewhere.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from khabar.entities.resources import Place, contained_places_by_name, norm_name, org_by_key, places_by_name, word_set
from khabar.entities.rules import forms
from khabar.model import Document, Entity, Geo, GeoPrecision

_FEATURE_BONUS = {"PCLI": 3.0, "PPLC": 1.0, "ADM1": 0.2, "ADM2": 0.1, "REG": 0.5, "FAC": 0.0, "PPLX": 0.0}
_ARAB = {
    "SY",
    "IQ",
    "YE",
    "LY",
    "LB",
    "PS",
    "JO",
    "EG",
    "SA",
    "AE",
    "QA",
    "KW",
    "BH",
    "OM",
    "SD",
    "TN",
    "DZ",
    "MA",
    "MR",
    "SO",
    "DJ",
    "TR",
    "IR",
    "IL",
}
_NEAR = 60  # characters after a facility where its town may be named ("في مدينة الحسكة")
_LINK_GAP = 30  # characters between a town and the region named as containing it ("بمحافظة ", " في ريف ")
_INSIDE_KM = {"region": 120.0, "country": math.inf}  # a row this close to the container lies in it
_INSIDE_KM_TOWN = 40.0  # … to a town: "مارع شمال حلب"
_WORD_SPLIT = re.compile(r"[\s،,]+")


def _rows(ent: Entity) -> tuple[Place, ...]:
    key = ent.canonical or norm_name(ent.text)
    rows = places_by_name().get(key, ())
    if not rows:
        for _, form in forms(norm_name(ent.text)):
            rows = places_by_name().get(form, ())
            if rows:
                break
    return rows


def context_countries(doc: Document, ents: Sequence[Entity]) -> Counter[str]:
    """Weight of each country in the article: its mentions, mentions of places certainly in it, national orgs."""
    weight: Counter[str] = Counter()  # float weights: organizations count half
    for ent in ents:
        if ent.type == "LOC":
            ccs = {p.cc for p in _rows(ent) if p.cc != "XX"}
            if len(ccs) == 1:
                weight[ccs.pop()] += len(ent.mentions)
        elif ent.type == "ORG" and ent.canonical:
            org = org_by_key().get(ent.canonical)
            if org and org.country:
                weight[org.country] += len(ent.mentions) // 2 or 1
    return weight


def _region_cue(doc: Document, ent: Entity) -> bool:
    """Is the place read as a region here (محافظة X، ريف X، ولاية X)?"""
    heads = word_set("region_heads")
    cued = 0
    for m in ent.mentions:
        before = doc.text[max(0, m.start - 12) : m.start].split()
        first = norm_name(doc.text[m.start : m.end]).split()[0]
        if first in heads or (before and any(f in heads for _, f in forms(norm_name(before[-1])))):
            cued += 1
    return cued * 2 >= len(ent.mentions) if len(ent.mentions) > 1 else cued == 1


def choose(rows: Sequence[Place], weight: Counter[str], region: bool) -> Place:
    """The most plausible row for the article."""
    total = sum(weight.values()) or 1.0

    def score(p: Place) -> float:
        s = 4.0 * weight.get(p.cc, 0.0) / total
        s += _FEATURE_BONUS.get(p.feature, 0.0) + math.log10(p.population + 10) / 4
        s += 0.6 if p.cc in _ARAB else 0.0
        if p.feature in ("ADM1", "ADM2"):
            s += 3.0 if region else -0.8
        return s

    return max(rows, key=lambda p: (score(p), p.source == "curated", p.geonameid))


def to_geo(p: Place, precision: GeoPrecision | None = None, inherited_from: str | None = None) -> Geo:
    gid = int(p.geonameid) if p.geonameid.isdigit() else None
    return Geo(
        gid,
        p.lat,
        p.lon,
        p.cc if p.cc != "XX" else "",
        p.admin1 or None,
        precision or p.precision,
        p.name_en,
        p.feature,
        inherited_from,
    )


def _town_for(doc: Document, fac: Entity, located: dict[str, tuple[Entity, Geo]]) -> tuple[Entity, Geo] | None:
    """The town a facility belongs to: a place inside its name, else the nearest place named just after it."""
    best: tuple[int, Entity, Geo] | None = None
    for ent, geo in located.values():
        if ent.id == fac.id or geo.precision == "subcity":
            continue
        for m in ent.mentions:
            for f in fac.mentions:
                if f.start <= m.start and m.end <= f.end:
                    dist = -1
                elif 0 <= m.start - f.end <= _NEAR and "." not in doc.text[f.end : m.start]:
                    dist = m.start - f.end
                else:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, ent, geo)
    return (best[1], best[2]) if best else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _container(doc: Document, ent: Entity, located: dict[str, tuple[Entity, Geo]]) -> tuple[Entity, Geo] | None:
    """The located place named just after a mention of ``ent`` and joined to it by containment words only
    (بمحافظة، في ريف، التابعة لـ، شمال), the nearest one; None when there is none."""
    links = word_set("containment_links") | word_set("region_heads") | word_set("settlement_heads")
    weak = word_set("containment_weak_links")
    best: tuple[int, Entity, Geo] | None = None
    for m in ent.mentions:
        for other, geo in located.values():
            if other.id == ent.id:
                continue
            for om in other.mentions:
                gap = om.start - m.end
                if not 0 <= gap <= _LINK_GAP or (best is not None and gap >= best[0]):
                    continue
                words = [norm_name(w) for w in _WORD_SPLIT.split(doc.text[m.end : om.start]) if w.strip()]
                if not words or set(words) <= weak:
                    continue
                if all(any(f in links for _, f in forms(w)) for w in words):
                    best = (gap, other, geo)
    return (best[1], best[2]) if best else None


def _inside(p: Place, region: Geo) -> bool:
    if p.cc != region.country_code or region.lat is None or region.lon is None:
        return False
    if region.precision == "country":
        return True
    if region.admin1 and p.admin1 == region.admin1:
        return True
    limit = _INSIDE_KM.get(region.precision, _INSIDE_KM_TOWN)
    return _km(p.lat, p.lon, region.lat, region.lon) <= limit


def _resolve_inside(
    doc: Document, ent: Entity, geo: Geo | None, container: tuple[Entity, Geo], weight: Counter[str]
) -> Geo:
    c_ent, c_geo = container
    rows = [p for p in _rows(ent) if _inside(p, c_geo)]
    if not rows:
        key = ent.canonical or norm_name(ent.text)
        rows = [p for p in contained_places_by_name().get(key, ()) if _inside(p, c_geo)]
    if rows:
        return to_geo(choose(rows, weight, _region_cue(doc, ent)))
    if geo is not None and c_geo.precision == "country" and geo.country_code == c_geo.country_code:
        return geo
    # a town of that name elsewhere is not it: what the article says is that it lies in (or by) the container
    return Geo(c_geo.geonameid, c_geo.lat, c_geo.lon, c_geo.country_code, c_geo.admin1, "region", c_geo.name,
               c_geo.feature, c_ent.text)


def geocode_entities(doc: Document) -> tuple[Entity, ...]:
    ents = doc.entities
    weight = context_countries(doc, ents)
    located: dict[str, tuple[Entity, Geo]] = {}
    for ent in ents:
        if ent.type != "LOC" or ent.subtype == "FAC":
            continue
        rows = _rows(ent)
        if rows:
            located[ent.id] = (ent, to_geo(choose(rows, weight, _region_cue(doc, ent))))
    # a town named with the region it lies in is resolved inside that region (containers as first located)
    first = dict(located)
    for ent in ents:
        if ent.type != "LOC" or ent.subtype == "FAC":
            continue
        container = _container(doc, ent, first)
        if container is not None and container[1].precision != "subcity":
            known = first.get(ent.id)
            located[ent.id] = (ent, _resolve_inside(doc, ent, known[1] if known else None, container, weight))
    # places named inside a facility name (قاعدة الشدادي) are located too, even when not an entity themselves
    out = []
    for ent in ents:
        geo = located.get(ent.id, (ent, None))[1]
        if ent.type == "LOC" and ent.subtype == "FAC":
            inner, near = _inner_town(ent, weight, False), _town_for(doc, ent, located)
            if inner is not None and near is not None and not weight[inner[1].country_code]:
                inner = None  # حي اليرموك غربي بعقوبة: a name from a country the article is not about
            town = inner or near or _inner_town(ent, weight, True)
            rows = _rows(ent)
            if town is not None:
                t_ent, t_geo = town
                geo = Geo(
                    t_geo.geonameid,
                    t_geo.lat,
                    t_geo.lon,
                    t_geo.country_code,
                    t_geo.admin1,
                    "subcity",
                    t_geo.name,
                    "FAC",
                    t_ent.text,
                )
            elif rows:
                geo = to_geo(choose(rows, weight, False), "subcity")
        out.append(
            Entity(
                ent.id,
                ent.text,
                ent.type,
                ent.start,
                ent.end,
                ent.subtype,
                ent.aliases,
                ent.mentions,
                ent.origin,
                geo,
                ent.canonical,
            )
        )
    return tuple(out)


def _inner_town(fac: Entity, weight: Counter[str], subcity: bool) -> tuple[Entity, Geo] | None:
    """A known place in the words of a facility name (قاعدة الشدادي → الشدادي); a town or region, or with
    ``subcity`` a neighbourhood (حي التواهي → التواهي) when no town is named nearby."""
    words = norm_name(fac.text).split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(1, len(words) - n + 1):
            name = " ".join(words[i : i + n])
            rows = places_by_name().get(name)
            usable = [r for r in rows or () if r.feature != "FAC" and (subcity or r.precision != "subcity")]
            if usable:
                p = choose(usable, weight, False)
                town = Entity("", fac.text.split()[i] if n == 1 else name, "LOC", fac.start, fac.end)
                return town, to_geo(p)
    return None
