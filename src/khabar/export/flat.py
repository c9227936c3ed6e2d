"""One flat row per event (place, coordinates, actors, source chain, evidence): shared by query and exports."""

from __future__ import annotations

from typing import Any

from khabar.export.clusters import cluster_info
from khabar.model import Document, Event, Geo
from khabar.record import source_chain

# Column order of the flat event row (query --json, Parquet, GeoJSON properties).
COLUMNS = (
    "article_id", "event_id", "type", "mode", "status", "date", "date_precision", "date_text", "trigger",
    "actors", "targets", "place", "country_code", "admin1", "geo_name", "geonameid", "lat", "lon", "geo_precision",
    "fatalities", "quantities", "source", "source_kind", "source_category", "source_chain", "outlet", "published",
    "title", "url", "evidence", "evidence_start", "evidence_end", "confidence", "cluster_id", "independent_sources",
)
FATALITY_LABELS = frozenset({"killed", "dead", "deaths", "fatalities"})


def event_geo(doc: Document, ev: Event) -> Geo | None:
    """The coordinates of the event's place: its own, else those of the place entity."""
    if ev.place is None:
        return None
    if ev.place.geo is not None:
        return ev.place.geo
    ent = doc.entity(ev.place.entity) if ev.place.entity else None
    return ent.geo if ent is not None else None


def fatalities(ev: Event) -> int | None:
    """The largest count of killed people among the event's quantities (``of`` = killed), or None."""
    values = [q.value for q in ev.quantities if (q.of or "") in FATALITY_LABELS and q.value is not None]
    return int(max(values)) if values else None


def event_row(doc: Document, ev: Event) -> dict[str, Any]:
    """The flat row of ``ev`` (see ``COLUMNS``); lists are joined with ``"; "``."""
    geo = event_geo(doc, ev)
    src = doc.source(ev.source)
    chain = source_chain(doc, ev.source)
    cluster, voices = cluster_info(doc, ev)
    date_value = ev.date.value if ev.date is not None and ev.date.value else None
    return {
        "article_id": doc.id,
        "event_id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "status": ev.status,
        "date": date_value or (doc.published.isoformat() if doc.published else None),
        "date_precision": (ev.date.precision if date_value and ev.date is not None else None),
        "date_text": ev.date.text if ev.date is not None else None,
        "trigger": ev.trigger.text,
        "actors": "; ".join(a.text for a in ev.actors),
        "targets": "; ".join(a.text for a in ev.targets),
        "place": ev.place.text if ev.place is not None else None,
        "country_code": geo.country_code if geo else None,
        "admin1": geo.admin1 if geo else None,
        "geo_name": geo.name if geo else None,
        "geonameid": geo.geonameid if geo else None,
        "lat": geo.lat if geo else None,
        "lon": geo.lon if geo else None,
        "geo_precision": geo.precision if geo else None,
        "fatalities": fatalities(ev),
        "quantities": "; ".join(q.text for q in ev.quantities),
        "source": src.text if src is not None else (doc.outlet or ""),
        "source_kind": src.kind if src is not None else "outlet",
        "source_category": src.category if src is not None else None,
        "source_chain": " > ".join(link["text"] or "?" for link in chain),
        "outlet": doc.outlet,
        "published": doc.published.isoformat() if doc.published else None,
        "title": doc.title,
        "url": doc.url,
        "evidence": doc.text[ev.evidence.start : ev.evidence.end],
        "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end,
        "confidence": ev.confidence,
        "cluster_id": cluster,  # khabar corroborate: the happening this report is part of
        "independent_sources": voices,
    }
