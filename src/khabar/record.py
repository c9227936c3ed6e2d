"""The public JSON document record (schema ``khabar/doc-1``): built from a Document, only ever extended."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khabar.about import __version__

if TYPE_CHECKING:  # types only: khabar.model calls this module from Document.to_dict
    from khabar.model import Argument, Count, Document, Entity, Event, Geo, Quantity, Source, TimeValue

SCHEMA_VERSION = "khabar/doc-1"


def _geo(geo: Geo | None) -> dict[str, Any] | None:
    if geo is None:
        return None
    return {
        "geonameid": geo.geonameid,
        "lat": geo.lat,
        "lon": geo.lon,
        "country_code": geo.country_code,
        "admin1": geo.admin1,
        "precision": geo.precision,
        "name": geo.name,
        "feature": geo.feature,
        "inherited_from": geo.inherited_from,
    }


def _entity(ent: Entity) -> dict[str, Any]:
    return {
        "id": ent.id,
        "text": ent.text,
        "type": ent.type,
        "subtype": ent.subtype,
        "start": ent.start,
        "end": ent.end,
        "aliases": list(ent.aliases),
        "mentions": [[m.start, m.end] for m in ent.mentions],
        "origin": ent.origin,
        "canonical": ent.canonical,
        "geo": _geo(ent.geo),
    }


def _source(src: Source) -> dict[str, Any]:
    return {
        "id": src.id,
        "text": src.text,
        "kind": src.kind,
        "category": src.category,
        "start": src.start,
        "end": src.end,
        "cue": src.cue,
        "entity": src.entity,
        "parent": src.parent,
    }


def _time(t: TimeValue) -> dict[str, Any]:
    return {
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "value": t.value,
        "precision": t.precision,
        "relative": t.relative,
        "calendar": t.calendar,
    }


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "approx": q.approx,
        "of": q.of,
        "unit": q.unit,
        "period": q.period,
    }


def _count(c: Count) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "value": c.value,
        "low": c.low,
        "high": c.high,
        "approx": c.approx,
        "of": c.of,
        "unit": c.unit,
        "source": c.source,
        "part": c.part,
    }


def _arg(a: Argument) -> dict[str, Any]:
    out: dict[str, Any] = {"text": a.text, "start": a.start, "end": a.end, "entity": a.entity}
    if a.geo is not None:
        out["geo"] = _geo(a.geo)
    return out


def source_chain(doc: Document, source_id: str | None) -> list[dict[str, Any]]:
    """The chain outlet → … → cited source for an event, outermost first."""
    chain: list[dict[str, Any]] = []
    seen: set[str] = set()
    current = doc.source(source_id)
    while current is not None and current.id not in seen:
        seen.add(current.id)
        chain.append({"id": current.id, "text": current.text, "kind": current.kind})
        current = doc.source(current.parent)
    chain.append({"id": None, "text": doc.outlet or "", "kind": "outlet"})
    chain.reverse()
    return chain


def event_to_dict(doc: Document, ev: Event) -> dict[str, Any]:
    """The JSON record of one event of ``doc`` (an item of the record's ``events``)."""
    src = doc.source(ev.source)
    if src is not None:
        source: dict[str, Any] = {"id": src.id, "text": src.text, "kind": src.kind}
    else:
        source = {"id": None, "text": doc.outlet or "", "kind": "outlet"}
    source["chain"] = source_chain(doc, ev.source)
    return {
        "id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "status": ev.status,
        "trigger": _arg(ev.trigger),
        "actors": [_arg(a) for a in ev.actors],
        "targets": [_arg(a) for a in ev.targets],
        "place": _arg(ev.place) if ev.place is not None else None,
        "date": _time(ev.date) if ev.date is not None else None,
        "quantities": [_quantity(q) for q in ev.quantities],
        "counts": [_count(c) for c in ev.counts],
        "source": source,
        "evidence": {
            "text": doc.text[ev.evidence.start : ev.evidence.end],
            "start": ev.evidence.start,
            "end": ev.evidence.end,
        },
        "confidence": ev.confidence,
    }


def document_to_dict(doc: Document, *, include_text: bool = True) -> dict[str, Any]:
    """The JSON record of ``doc`` as plain dicts and lists (see README, "The JSON record")."""
    record: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "id": doc.id,
        "doc": {
            "published": doc.published.isoformat() if doc.published else None,
            "outlet": doc.outlet,
            "title": doc.title,
            "url": doc.url,
            "length": len(doc.text),
            "headline": [doc.headline.start, doc.headline.end] if doc.headline else None,
            "khabar_version": __version__,
        },
    }
    if include_text:
        record["text"] = doc.text
    record["sentences"] = [[s.start, s.end] for s in doc.sentences]
    record["entities"] = [_entity(e) for e in doc.entities]
    record["sources"] = [_source(s) for s in doc.sources]
    record["events"] = [event_to_dict(doc, e) for e in doc.events]
    record["times"] = [_time(t) for t in doc.times]
    record["quantities"] = [_quantity(q) for q in doc.quantities]
    return record
