"""The event JSON of ``GET /events`` straight from the database rows: batched SQLAlchemy Core queries, no Documents.

``serialize.event_json`` builds an event from its rebuilt Document; rebuilding every layer of an article (its
entities, times, cues …) to show a few of its events cost ~1.4 ms of CPU per article. Here one query per table
fetches only what a page of events shows (the events, their arguments, quantities and counts, the sources of
their articles for the chain, the entities that geocode a place, and each article's title, outlet, date, URL and
text for the evidence), whatever the page's size, and the dicts are built as ``event_json`` builds them: the same
keys, in the same order, with the same values (``tests/api/test_rows.py`` compares the two on every event).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa

from khabar.api.serialize import article_url, event_key, event_url
from khabar.events.counts import toll
from khabar.store import schema
from khabar.store.db import Store
from khabar.store.mapping import count_from_row, number

Row = Mapping[Any, Any]  # a RowMapping
BATCH = 500  # events per round of queries (two bound parameters per event at most)

_GEO = ("geonameid", "lat", "lon", "country_code", "admin1", "geo_precision", "geo_name", "geo_feature",
        "geo_inherited_from")


def _geo(r: Row) -> dict[str, Any] | None:
    # record._geo of mapping._geo of the row
    if r["geo_precision"] is None:
        return None
    return {"geonameid": r["geonameid"], "lat": r["lat"], "lon": r["lon"], "country_code": r["country_code"],
            "admin1": r["admin1"], "precision": r["geo_precision"], "name": r["geo_name"] or "",
            "feature": r["geo_feature"] or "", "inherited_from": r["geo_inherited_from"]}


def _arg(r: Row) -> dict[str, Any]:
    out: dict[str, Any] = {"text": r["text"], "start": r["start"], "end": r["end"], "entity": r["entity_id"]}
    geo = _geo(r)
    if geo is not None:
        out["geo"] = geo
    return out


def _quantity(r: Row) -> dict[str, Any]:
    return {"text": r["text"], "start": r["start"], "end": r["end"], "value": number(r["value"]),
            "low": number(r["low"]), "high": number(r["high"]), "approx": bool(r["approx"]), "of": r["of"],
            "unit": r["unit"], "period": r["period"]}


def _count(r: Row) -> dict[str, Any]:
    return {"kind": r["kind"], "text": r["text"], "start": r["start"], "end": r["end"], "value": number(r["value"]),
            "low": number(r["low"]), "high": number(r["high"]), "approx": bool(r["approx"]), "of": r["of"],
            "unit": r["unit"], "source": r["source_id"], "part": bool(r["part"])}


def _outlet_link(outlet: str | None) -> dict[str, Any]:
    return {"id": None, "text": outlet or "", "kind": "outlet", "category": "outlet", "cue": None, "start": None,
            "end": None}


def _chain(sources: Mapping[str, Row], source_id: str | None, outlet: str | None) -> list[dict[str, Any]]:
    # record.source_chain with serialize._chain's extra fields: outlet first, the cited source last.
    chain: list[dict[str, Any]] = []
    seen: set[str] = set()
    current = sources.get(source_id) if source_id is not None else None
    while current is not None and current["id"] not in seen:
        seen.add(current["id"])
        chain.append({"id": current["id"], "text": current["text"], "kind": current["kind"],
                      "category": current["category"], "cue": current["cue"], "start": current["start"],
                      "end": current["end"]})
        parent = current["parent_id"]
        current = sources.get(parent) if parent is not None else None
    chain.append(_outlet_link(outlet))
    chain.reverse()
    return chain


def _day(date_value: str | None, published: str | None) -> str | None:
    # mapping.event_day
    if date_value:
        parts = date_value.split("-")
        while len(parts) < 3:
            parts.append("01")
        return "-".join(parts[:3])
    return published


class _Batch:
    """The rows of one batch of events, fetched with one query per table."""

    def __init__(self, store: Store, keys: list[tuple[str, str]]) -> None:
        a, e, s, ent = schema.articles, schema.events, schema.sources, schema.entities
        args, evq, evc = schema.event_arguments, schema.event_quantities, schema.event_counts
        pairs = sorted(set(keys))
        article_ids = sorted({k[0] for k in keys})

        def of_events(table: sa.Table, event_id: str = "event_id") -> sa.ColumnElement[bool]:
            # The article ids let the database seek the primary key; the pairs keep only the page's events.
            return sa.and_(table.c.article_id.in_(article_ids),
                           sa.tuple_(table.c.article_id, table.c[event_id]).in_(pairs))

        with store.connect() as conn:
            self.articles: dict[str, Row] = {
                r["id"]: r for r in conn.execute(
                    sa.select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.url, a.c.text)
                    .where(a.c.id.in_(article_ids))).mappings()
            }
            self.events: dict[tuple[str, str], Row] = {}
            q = sa.select(*(c for c in e.c if c.name != "pipeline_version")).where(of_events(e, "id"))
            for r in conn.execute(q).mappings():
                self.events[(r["article_id"], r["id"])] = r
            self.args: dict[tuple[str, str], dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
            places: set[tuple[str, str]] = set()
            q = sa.select(args.c.article_id, args.c.event_id, args.c.role, args.c.text, args.c.start, args.c.end,
                          args.c.entity_id, *(args.c[g] for g in _GEO)).where(of_events(args)).order_by(
                args.c.article_id, args.c.event_id, args.c.role, args.c.ordinal)
            for r in conn.execute(q).mappings():
                key = (r["article_id"], r["event_id"])
                if key in self.events:
                    self.args[key][r["role"]].append(r)
                    if r["role"] == "place" and r["geo_precision"] is None and r["entity_id"]:
                        places.add((r["article_id"], r["entity_id"]))
            self.quantities = self._children(conn, evq, of_events(evq))
            self.counts = self._children(conn, evc, of_events(evc))
            self.sources: dict[str, dict[str, Row]] = defaultdict(dict)
            q = sa.select(s.c.article_id, s.c.id, s.c.text, s.c.kind, s.c.category, s.c.start, s.c.end, s.c.cue,
                          s.c.parent_id).where(s.c.article_id.in_(article_ids)).order_by(s.c.article_id, s.c.seq)
            for r in conn.execute(q).mappings():
                self.sources[r["article_id"]].setdefault(r["id"], r)  # Document.source: the first of an id
            self.entity_geo: dict[tuple[str, str], Row] = {}
            if places:
                q = sa.select(ent.c.article_id, ent.c.id, *(ent.c[g] for g in _GEO)).where(
                    ent.c.article_id.in_(sorted({p[0] for p in places})),
                    ent.c.id.in_(sorted({p[1] for p in places}))).order_by(ent.c.article_id, ent.c.seq)
                for r in conn.execute(q).mappings():
                    self.entity_geo.setdefault((r["article_id"], r["id"]), r)  # Document.entity: the first

    def _children(self, conn: sa.Connection, table: sa.Table,
                  where: sa.ColumnElement[bool]) -> dict[tuple[str, str], list[Row]]:
        out: dict[tuple[str, str], list[Row]] = defaultdict(list)
        q = sa.select(table).where(where).order_by(table.c.article_id, table.c.event_id, table.c.ordinal)
        for r in conn.execute(q).mappings():
            key = (r["article_id"], r["event_id"])
            if key in self.events:
                out[key].append(r)
        return out

    def event(self, key: tuple[str, str]) -> dict[str, Any] | None:
        """``serialize.event_json`` of the event ``key``, or None when it is not stored."""
        r = self.events.get(key)
        art = self.articles.get(key[0])
        if r is None or art is None:
            return None
        article_id, event_id = key
        args = self.args.get(key, {})
        trigger = args.get("trigger")
        if not trigger:  # every stored event has its trigger; a row without one is not an event
            return None
        place = args.get("place")
        sources = self.sources.get(article_id, {})
        outlet = art["outlet"]
        cited = sources.get(r["source_id"]) if r["source_id"] is not None else None
        if cited is not None:
            source: dict[str, Any] = {"id": cited["id"], "text": cited["text"], "kind": cited["kind"]}
        else:
            source = {"id": None, "text": outlet or "", "kind": "outlet"}
        source["chain"] = _chain(sources, r["source_id"], outlet)
        date_json = None
        if r["date_text"] is not None:
            date_json = {"text": r["date_text"], "start": r["date_start"], "end": r["date_end"],
                         "value": r["date_value"], "precision": r["date_precision"],
                         "relative": bool(r["date_relative"]), "calendar": r["date_calendar"]}
        counts = self.counts.get(key, [])
        geo_row: Row | None = None
        if place:
            p = place[0]
            if p["geo_precision"] is not None:
                geo_row = p
            elif p["entity_id"]:
                geo_row = self.entity_geo.get((article_id, p["entity_id"]))
        geo = _geo(geo_row) if geo_row is not None else None
        published = date.fromisoformat(art["published"]).isoformat() if art["published"] else None
        start, end = r["evidence_start"], r["evidence_end"]
        return {
            "id": event_key(article_id, event_id),
            "article_id": article_id,
            "event_id": event_id,
            "type": r["type"],
            "mode": r["mode"],
            "status": r["status"],
            "trigger": _arg(trigger[0]),
            "actors": [_arg(x) for x in args.get("actor", ())],
            "targets": [_arg(x) for x in args.get("target", ())],
            "place": _arg(place[0]) if place else None,
            "date": date_json,
            "quantities": [_quantity(x) for x in self.quantities.get(key, ())],
            "counts": [_count(x) for x in counts],
            "source": source,
            "evidence": {"text": art["text"][start:end], "start": start, "end": end},
            "confidence": r["confidence"],
            "geo": None if geo is None else {
                "lat": geo["lat"], "lon": geo["lon"], "country_code": geo["country_code"], "admin1": geo["admin1"],
                "name": geo["name"], "precision": geo["precision"], "geonameid": geo["geonameid"],
                "inherited_from": geo["inherited_from"],
            },
            "day": _day(r["date_value"] if date_json is not None else None, published),
            "fatalities": toll([count_from_row(x) for x in counts], "killed") if counts else None,
            "article": {"id": article_id, "title": art["title"], "outlet": outlet, "published": published,
                        "url": art["url"]},
            "cluster": None,
            "links": {"self": event_url(article_id, event_id), "article": article_url(article_id)},
        }


def event_records(store: Store, keys: Iterable[tuple[str, str]], *, batch: int = BATCH) -> Iterator[dict[str, Any]]:
    """The event JSON of each ``(article id, event id)`` in order (events not stored are left out), fetched in
    batches of ``batch`` events with one query per table."""
    chunk: list[tuple[str, str]] = []
    for key in keys:
        if "\x00" in key[0] or "\x00" in key[1]:  # no stored id holds one (PostgreSQL text cannot)
            continue
        chunk.append(key)
        if len(chunk) >= batch:
            yield from _records(store, chunk)
            chunk = []
    if chunk:
        yield from _records(store, chunk)


def _records(store: Store, keys: list[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    rows = _Batch(store, keys)
    for key in keys:
        rec = rows.event(key)
        if rec is not None:
            yield rec


def feature(rec: Mapping[str, Any]) -> dict[str, Any] | None:
    """``khabar.export.geojson.event_feature`` of the event whose JSON is ``rec`` (``event_records``): the same
    Feature from the record's fields, no Document needed; None when the event has no coordinates."""
    geo = rec["geo"]
    if geo is None:
        return None
    when = rec["date"]
    date_value = when["value"] if when is not None and when["value"] else None
    source, chain = rec["source"], rec["source"]["chain"]
    art = rec["article"]
    props = {  # export.flat.event_row without lat and lon, in its order
        "article_id": rec["article_id"],
        "event_id": rec["event_id"],
        "type": rec["type"],
        "mode": rec["mode"],
        "status": rec["status"],
        "date": date_value or art["published"],
        "date_precision": when["precision"] if date_value else None,
        "date_text": when["text"] if when is not None else None,
        "trigger": rec["trigger"]["text"],
        "actors": "; ".join(a["text"] for a in rec["actors"]),
        "targets": "; ".join(a["text"] for a in rec["targets"]),
        "place": rec["place"]["text"] if rec["place"] is not None else None,
        "country_code": geo["country_code"],
        "admin1": geo["admin1"],
        "geo_name": geo["name"],
        "geonameid": geo["geonameid"],
        "geo_precision": geo["precision"],
        "fatalities": rec["fatalities"],
        "quantities": "; ".join(q["text"] for q in rec["quantities"]),
        "source": source["text"],
        "source_kind": source["kind"],
        "source_category": chain[-1]["category"] if source["id"] is not None else None,
        "source_chain": " > ".join(link["text"] or "?" for link in chain),
        "outlet": art["outlet"],
        "published": art["published"],
        "title": art["title"],
        "url": art["url"],
        "evidence": rec["evidence"]["text"],
        "evidence_start": rec["evidence"]["start"],
        "evidence_end": rec["evidence"]["end"],
        "confidence": rec["confidence"],
        "cluster_id": None,  # the API's exports name no cluster (GET /events/{id}/cluster does)
        "independent_sources": None,
    }
    return {"type": "Feature", "id": rec["id"], "geometry": {"type": "Point", "coordinates": [geo["lon"], geo["lat"]]},
            "properties": props}
