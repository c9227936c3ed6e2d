"""PLOVER JSONL export: one record per event with the PLOVER fields, plus khabar's source chain and status.

Field names follow the PLOVER gold-standard records (openeventdata/PLOVER, PLOVER_GSR_CAMEO):
``id, date, source, target, event, mode, context, eventText, eventLoc, dead, injured, size, text,
textInfo, language, publication``. khabar adds ``khabar_*`` fields (README, "PLOVER export").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from khabar.export.base import FunctionExporter
from khabar.export.clusters import cluster_info
from khabar.model import Argument, Document, Event
from khabar.record import source_chain

_DEAD = frozenset({"killed", "dead", "deaths"})
_INJURED = frozenset({"injured", "wounded"})


def _actor(arg: Argument) -> dict[str, Any]:
    return {"actorText": arg.text, "entity": arg.entity}


def _count(ev: Event, kinds: frozenset[str]) -> int | None:
    values = [q.value for q in ev.quantities if q.of in kinds and q.value is not None]
    return int(sum(values)) if values else None


def _loc(ev: Event) -> dict[str, Any] | None:
    if ev.place is None:
        return None
    loc: dict[str, Any] = {"name": ev.place.text}
    geo = ev.place.geo
    if geo is not None:
        loc.update({"country code": geo.country_code, "lat": geo.lat, "lon": geo.lon, "geonameid": geo.geonameid})
    return loc


def plover_record(doc: Document, ev: Event) -> dict[str, Any]:
    """The PLOVER record of one event of ``doc``."""
    sentence = doc.text[ev.evidence.start : ev.evidence.end]
    src = doc.source(ev.source)
    cluster, voices = cluster_info(doc, ev)
    size = [q.value for q in ev.quantities if q.of not in _DEAD | _INJURED and q.value is not None]
    return {
        "id": f"{doc.id}-{ev.id}" if doc.id else ev.id,
        "date": ev.date.value if ev.date is not None else None,
        "source": [_actor(a) for a in ev.actors],
        "target": [_actor(a) for a in ev.targets],
        "event": ev.type,
        "mode": ev.mode,
        "context": None,
        "eventText": ev.trigger.text,
        "eventLoc": _loc(ev),
        "dead": _count(ev, _DEAD),
        "injured": _count(ev, _INJURED),
        "size": size[0] if size else None,
        "text": sentence,
        "textInfo": {"start": ev.evidence.start, "end": ev.evidence.end},
        "language": "ar",
        "publication": doc.outlet,
        "pubdate": doc.published.isoformat() if doc.published else None,
        "khabar_doc_id": doc.id,
        "khabar_event_id": ev.id,
        "khabar_status": ev.status,
        "khabar_source": {
            "text": src.text if src is not None else doc.outlet or "",
            "kind": src.kind if src is not None else "outlet",
            "chain": source_chain(doc, ev.source),
        },
        "khabar_date": (
            {"text": ev.date.text, "value": ev.date.value, "precision": ev.date.precision} if ev.date else None
        ),
        "khabar_evidence": {
            "trigger": [ev.trigger.start, ev.trigger.end],
            "actors": [[a.start, a.end] for a in ev.actors],
            "targets": [[a.start, a.end] for a in ev.targets],
            "place": [ev.place.start, ev.place.end] if ev.place else None,
        },
        "khabar_confidence": ev.confidence,
        "khabar_cluster": {"id": cluster, "independent_sources": voices} if cluster else None,
    }


def plover_records(doc: Document) -> list[dict[str, Any]]:
    """One PLOVER record per event of ``doc``, in text order."""
    return [plover_record(doc, ev) for ev in doc.events]


def write_plover(events: Iterable[tuple[Document, Event]], out: IO[str]) -> tuple[int, int]:
    """PLOVER JSONL, one line per event; returns ``(lines written, 0)``."""
    written = 0
    for doc, ev in events:
        out.write(json.dumps(plover_record(doc, ev), ensure_ascii=False) + "\n")
        written += 1
    return written, 0


EXPORTER = FunctionExporter("plover", write_plover, "application/x-ndjson", ".jsonl")
