"""Conversion between a Document and the rows of the schema, both ways (no database access here)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from khabar.arabic.normalize import normalize
from khabar.model import Argument, Count, Cue, Document, Entity, Event, Geo, Quantity, Sentence, Source, Span, TimeValue

Row = dict[str, Any]
ROLES = ("trigger", "actor", "target", "place")


def _geo_row(geo: Geo | None) -> Row:
    if geo is None:
        return dict.fromkeys(
            ("geonameid", "lat", "lon", "country_code", "admin1", "geo_precision", "geo_name", "geo_feature",
             "geo_inherited_from"),
        )
    return {
        "geonameid": geo.geonameid,
        "lat": geo.lat,
        "lon": geo.lon,
        "country_code": geo.country_code,
        "admin1": geo.admin1,
        "geo_precision": geo.precision,
        "geo_name": geo.name,
        "geo_feature": geo.feature,
        "geo_inherited_from": geo.inherited_from,
    }


def _quantity_row(q: Quantity) -> Row:
    return {"text": q.text, "start": q.start, "end": q.end, "value": q.value, "low": q.low, "high": q.high,
            "approx": q.approx, "of": q.of, "unit": q.unit, "period": q.period}


def _count_row(c: Count) -> Row:
    return {"kind": c.kind, "text": c.text, "start": c.start, "end": c.end, "value": c.value, "low": c.low,
            "high": c.high, "approx": c.approx, "of": c.of, "unit": c.unit, "source_id": c.source, "part": c.part}


def _arg_row(a: Argument) -> Row:
    return {"text": a.text, "norm": normalize(a.text), "start": a.start, "end": a.end, "entity_id": a.entity,
            **_geo_row(a.geo)}


def event_day(doc: Document, ev: Event) -> str | None:
    """The date an event is filtered by: the first day of its own date, else the publication date."""
    value = ev.date.value if ev.date is not None else None
    if value:
        parts = value.split("-")
        while len(parts) < 3:
            parts.append("01")
        return "-".join(parts[:3])
    return doc.published.isoformat() if doc.published else None


def document_rows(doc: Document, version: str) -> dict[str, list[Row]]:
    """The child-table rows of ``doc`` (everything but the ``articles`` row), keyed by table name."""
    key = {"article_id": doc.id}
    ver = {"pipeline_version": version}
    out: dict[str, list[Row]] = defaultdict(list)
    for seq, e in enumerate(doc.entities):
        out["entities"].append({
            **key, "id": e.id, "seq": seq, "text": e.text, "type": e.type, "subtype": e.subtype, "start": e.start,
            "end": e.end, "aliases": json.dumps(list(e.aliases), ensure_ascii=False),
            "mentions": json.dumps([[m.start, m.end] for m in e.mentions]), "origin": e.origin,
            "canonical": e.canonical, **_geo_row(e.geo), **ver,
        })
    for seq, s in enumerate(doc.sources):
        out["sources"].append({
            **key, "id": s.id, "seq": seq, "text": s.text, "kind": s.kind, "category": s.category, "start": s.start,
            "end": s.end, "cue": s.cue, "entity_id": s.entity, "parent_id": s.parent, **ver,
        })
    for seq, ev in enumerate(doc.events):
        d = ev.date
        out["events"].append({
            **key, "id": ev.id, "seq": seq, "type": ev.type, "mode": ev.mode, "status": ev.status,
            "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end, "source_id": ev.source,
            "confidence": ev.confidence,
            "date_text": d.text if d else None, "date_start": d.start if d else None,
            "date_end": d.end if d else None, "date_value": d.value if d else None,
            "date_precision": d.precision if d else None, "date_relative": d.relative if d else None,
            "date_calendar": d.calendar if d else None, "day": event_day(doc, ev), **ver,
        })
        args: list[tuple[str, int, Argument]] = [("trigger", 0, ev.trigger)]
        args += [("actor", i, a) for i, a in enumerate(ev.actors)]
        args += [("target", i, a) for i, a in enumerate(ev.targets)]
        if ev.place is not None:
            args.append(("place", 0, ev.place))
        for role, i, a in args:
            out["event_arguments"].append({**key, "event_id": ev.id, "role": role, "ordinal": i, **_arg_row(a)})
        for i, q in enumerate(ev.quantities):
            out["event_quantities"].append({**key, "event_id": ev.id, "ordinal": i, **_quantity_row(q)})
        for i, c in enumerate(ev.counts):
            out["event_counts"].append({**key, "event_id": ev.id, "ordinal": i, **_count_row(c)})
    for i, t in enumerate(doc.times):
        out["times"].append({
            **key, "ordinal": i, "text": t.text, "start": t.start, "end": t.end, "value": t.value,
            "precision": t.precision, "relative": t.relative, "calendar": t.calendar, **ver,
        })
    for i, q in enumerate(doc.quantities):
        out["quantities"].append({**key, "ordinal": i, **_quantity_row(q), **ver})
    return out


def article_row(doc: Document, version: str, *, content_hash: str, origin: str | None) -> Row:
    """The ``articles`` row of ``doc`` (timestamps are added by the store)."""
    return {
        "id": doc.id, "content_hash": content_hash, "text": doc.text, "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None, "outlet": doc.outlet,
        "url": doc.url, "headline_start": doc.headline.start if doc.headline else None,
        "headline_end": doc.headline.end if doc.headline else None,
        "sentences": json.dumps([[s.start, s.end, s.headline] for s in doc.sentences]),
        "layers": json.dumps(sorted(doc.layers)), "meta": json.dumps([list(kv) for kv in doc.meta], ensure_ascii=False),
        "cues": _cues_json(doc) if "cues" in doc.layers else None,
        "origin": origin, "pipeline_version": version,
    }


def _cues_json(doc: Document) -> str:
    return json.dumps([
        [c.family, c.start, c.end, c.source, c.anchor, [[p.start, p.end] for p in c.phrases],
         [c.announcer.start, c.announcer.end] if c.announcer else None]
        for c in doc.cues
    ], ensure_ascii=False)


def _cues(packed: str | None) -> tuple[Cue, ...]:
    if packed is None:
        return ()
    return tuple(
        Cue(family, start, end, source, anchor, tuple(Span(s, e) for s, e in phrases),
            Span(*announcer) if announcer else None)
        for family, start, end, source, anchor, phrases, announcer in json.loads(packed)
    )


# Before the cues layer, the sources stage packed token positions into meta under this key.
_OLD_META_KEY = "khabar.attribution"


def number(value: float | None) -> float | int | None:
    """A stored count or bound: stored as a float, a whole number comes back as an int (as the pipeline writes
    counts)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _geo(r: Mapping[str, Any]) -> Geo | None:
    if r["geo_precision"] is None:
        return None
    return Geo(geonameid=r["geonameid"], lat=r["lat"], lon=r["lon"], country_code=r["country_code"],
               admin1=r["admin1"], precision=r["geo_precision"], name=r["geo_name"] or "",
               feature=r["geo_feature"] or "", inherited_from=r["geo_inherited_from"])


def _quantity(r: Mapping[str, Any]) -> Quantity:
    return Quantity(text=r["text"], start=r["start"], end=r["end"], value=number(r["value"]), low=number(r["low"]),
                    high=number(r["high"]), approx=bool(r["approx"]), of=r["of"], unit=r["unit"],
                    period=r.get("period"))


def count_from_row(r: Mapping[str, Any]) -> Count:
    """The Count of an ``event_counts`` row."""
    return Count(kind=r["kind"], text=r["text"], start=r["start"], end=r["end"], value=number(r["value"]),
                 low=number(r["low"]), high=number(r["high"]), approx=bool(r["approx"]), of=r["of"], unit=r["unit"],
                 source=r["source_id"], part=bool(r["part"]))


def _arg(r: Mapping[str, Any]) -> Argument:
    return Argument(text=r["text"], start=r["start"], end=r["end"], entity=r["entity_id"], geo=_geo(r))


def document_from_rows(article: Mapping[str, Any], children: Mapping[str, list[Mapping[str, Any]]]) -> Document:
    """Rebuild the Document (all layers but tokens) from its ``articles`` row and child rows in key order."""
    args: dict[str, dict[str, list[Argument]]] = defaultdict(lambda: defaultdict(list))
    for r in children.get("event_arguments", []):
        args[r["event_id"]][r["role"]].append(_arg(r))
    evq: dict[str, list[Quantity]] = defaultdict(list)
    for r in children.get("event_quantities", []):
        evq[r["event_id"]].append(_quantity(r))
    evc: dict[str, list[Count]] = defaultdict(list)
    for r in children.get("event_counts", []):
        evc[r["event_id"]].append(count_from_row(r))
    events = []
    for r in children.get("events", []):
        a = args[r["id"]]
        date_value = None
        if r["date_text"] is not None:
            date_value = TimeValue(text=r["date_text"], start=r["date_start"], end=r["date_end"],
                                   value=r["date_value"], precision=r["date_precision"],
                                   relative=bool(r["date_relative"]), calendar=r["date_calendar"])
        events.append(Event(
            id=r["id"], type=r["type"], trigger=a["trigger"][0],
            evidence=Span(r["evidence_start"], r["evidence_end"]), mode=r["mode"], status=r["status"],
            actors=tuple(a["actor"]), targets=tuple(a["target"]), place=a["place"][0] if a["place"] else None,
            date=date_value, quantities=tuple(evq[r["id"]]), source=r["source_id"], confidence=r["confidence"],
            counts=tuple(evc[r["id"]]),
        ))
    entities = tuple(
        Entity(id=r["id"], text=r["text"], type=r["type"], start=r["start"], end=r["end"], subtype=r["subtype"],
               aliases=tuple(json.loads(r["aliases"])),
               mentions=tuple(Span(s, e) for s, e in json.loads(r["mentions"])), origin=r["origin"],
               geo=_geo(r), canonical=r["canonical"])
        for r in children.get("entities", [])
    )
    sources = tuple(
        Source(id=r["id"], text=r["text"], kind=r["kind"], category=r["category"], start=r["start"], end=r["end"],
               cue=r["cue"], entity=r["entity_id"], parent=r["parent_id"])
        for r in children.get("sources", [])
    )
    times = tuple(
        TimeValue(text=r["text"], start=r["start"], end=r["end"], value=r["value"], precision=r["precision"],
                  relative=bool(r["relative"]), calendar=r["calendar"])
        for r in children.get("times", [])
    )
    headline = None
    if article["headline_start"] is not None:
        headline = Span(article["headline_start"], article["headline_end"])
    return Document(
        text=article["text"], id=article["id"],
        published=date.fromisoformat(article["published"]) if article["published"] else None,
        outlet=article["outlet"], title=article["title"], url=article["url"], headline=headline,
        layers=frozenset(json.loads(article["layers"])) - {"tokens"} - ({"cues"} if article["cues"] is None else set()),
        sentences=tuple(Sentence(s, e, bool(h)) for s, e, h in json.loads(article["sentences"])),
        entities=entities, sources=sources, events=tuple(events), times=times,
        quantities=tuple(_quantity(r) for r in children.get("quantities", [])),
        cues=_cues(article["cues"]),
        meta=tuple((k, v) for k, v in json.loads(article["meta"]) if k != _OLD_META_KEY),
    )
