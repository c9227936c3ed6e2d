"""``GET /events``, ``/events/{id}``, ``/stats`` and ``/sources``: thin over ``khabar.store.query`` and ``browse``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any, AnyStr
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse

from khabar.api.cache import DocumentCache, EventCache
from khabar.api.params import DEFAULT_LIMIT, MAX_LIMIT, EventFormat, event_filter
from khabar.api.rows import feature
from khabar.api.serialize import dumps, split_event_key
from khabar.api.state import get_documents, get_events, get_store
from khabar.store.browse import event_counts, source_counts
from khabar.store.db import Store
from khabar.store.query import EventFilter, count_events, decode_cursor, event_page, event_page_counted

router = APIRouter(tags=["events"])

_MEDIA = {
    EventFormat.geojson: "application/geo+json",
    EventFormat.csv: "text/csv; charset=utf-8",
    EventFormat.acled: "text/csv; charset=utf-8",
    EventFormat.ndjson: "application/x-ndjson",
    EventFormat.plover: "application/x-ndjson",
}


def next_url(request: Request, cursor: str) -> str:
    """The request's own URL (path and query) with ``cursor`` replaced."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    params.append(("cursor", cursor))
    return f"{request.url.path}?{urlencode(params)}"


@router.get("/events", summary="Events matching every filter, in a stable order, one page at a time")
def list_events(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[Store, Depends(get_store)],
    docs: Annotated[DocumentCache, Depends(get_documents)],
    cache: Annotated[EventCache, Depends(get_events)],
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Page size; 0 (all) only for streamed formats.")]
    = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=2000, description="The `cursor` of the previous page.")] = None,
    format: Annotated[EventFormat, Query(description="json (default), geojson, csv, acled, ndjson, plover.")]
    = EventFormat.json,
    count: Annotated[bool, Query(description="Count every matching event (json and geojson).")] = True,
) -> Response:
    """Events by effective day (event date, else publication date; unknown first), article id and position."""
    if limit == 0 and format in (EventFormat.json,):
        raise HTTPException(422, "limit=0 (everything) is for the streamed formats: geojson, csv, acled, ndjson, "
                                 "plover; pages of json hold 1 to 1000 events")
    after = decode_cursor(cursor) if cursor else None
    total: int | None = None
    if count and limit and format in (EventFormat.json, EventFormat.geojson):
        keys, total = event_page_counted(store, flt, limit=limit + 1, after=after)
    else:
        keys = event_page(store, flt, limit=limit + 1 if limit else None, after=after)
        if count and format in (EventFormat.json, EventFormat.geojson):
            total = count_events(store, flt)
    more = bool(limit) and len(keys) > limit
    keys = keys[:limit] if limit else keys
    next_cursor = keys[-1].cursor() if more else None
    headers = {}
    link = next_url(request, next_cursor) if next_cursor else None
    if link:
        headers["Link"] = f'<{link}>; rel="next"'
    if total is not None:
        headers["X-Total-Count"] = str(total)
    pairs = [(k.article_id, k.event_id) for k in keys]
    if format is EventFormat.json:
        # orjson.dumps of {"count", "limit", "events", "cursor", "next"}, with the events' bytes as encoded
        body = b"".join((b'{"count":', dumps(total), b',"limit":', dumps(limit), b',"events":[',
                         b",".join(cache.encoded(store, pairs)), b'],"cursor":', dumps(next_cursor), b',"next":',
                         dumps(link), b"}"))
        return Response(body, media_type="application/json", headers=headers)
    if format is EventFormat.ndjson:
        return StreamingResponse(_chunks(rec + b"\n" for rec in cache.encoded(store, pairs)),
                                 media_type=_MEDIA[format], headers=headers)
    if format is EventFormat.geojson:
        return StreamingResponse(_chunks(_geojson(store, cache, pairs, total, link)), media_type=_MEDIA[format],
                                 headers=headers)
    return StreamingResponse(_chunks(_stream(store, docs, pairs, format)), media_type=_MEDIA[format],
                             headers=headers)


def _chunks(parts: Iterator[AnyStr], size: int = 64 * 1024) -> Iterator[AnyStr]:
    # Starlette runs a sync body iterator in a worker thread, one hop per item: pieces of about 64 KB instead of
    # one per event keep a page of GeoJSON from waiting for a thread a hundred times under load.
    buf: list[AnyStr] = []
    n = 0
    for part in parts:
        buf.append(part)
        n += len(part)
        if n >= size:
            yield buf[0][:0].join(buf)
            buf, n = [], 0
    if buf:
        yield buf[0][:0].join(buf)


def _geojson(store: Store, cache: EventCache, pairs: list[tuple[str, str]], total: int | None,
             link: str | None) -> Iterator[bytes]:
    # The Features (khabar.export.geojson.event_feature) from the events' JSON, cached or built from rows.
    yield b'{"type": "FeatureCollection", "features": [\n'
    first = True
    for body in cache.encoded(store, pairs):
        feat = feature(orjson.loads(body))
        if feat is not None:
            yield (b"" if first else b",\n") + dumps(feat)
            first = False
    yield b'\n], "count": ' + dumps(total) + b', "next": ' + dumps(link) + b"}\n"


def _stream(store: Store, docs: DocumentCache, pairs: list[tuple[str, str]], fmt: EventFormat) -> Iterator[str]:
    events = docs.load_events(store, pairs)
    if fmt is EventFormat.csv:
        from khabar.export.flat import COLUMNS, event_row

        yield from _csv(COLUMNS, (event_row(doc, ev) for doc, ev in events))
    elif fmt is EventFormat.acled:
        from khabar.export.acled import ACLED_COLUMNS, acled_row

        yield from _csv(ACLED_COLUMNS, (r for doc, ev in events if (r := acled_row(doc, ev)) is not None))
    else:
        from khabar.export.plover import plover_record

        for doc, ev in events:
            yield _dumps(plover_record(doc, ev)) + "\n"


def _csv(columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for i, row in enumerate(rows, 1):
        writer.writerow(row)
        if i % 100 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _dumps(obj: Any) -> str:
    return dumps(obj).decode("utf-8")


@router.get("/events/{key:path}", summary="One event with its evidence, source chain, place, date and article")
def get_event(key: str, store: Annotated[Store, Depends(get_store)],
              cache: Annotated[EventCache, Depends(get_events)]) -> Response:
    parts = split_event_key(key)
    for body in cache.encoded(store, [parts] if parts is not None else []):
        return Response(body, media_type="application/json")
    raise HTTPException(404, _no_event(key))


def _no_event(key: str) -> str:
    return f"no event {key!r} (event ids are 'article id:event id', as GET /events gives them)"


@router.get("/stats", summary="Matching events per day and type (a timeline), with totals per type")
def stats(flt: Annotated[EventFilter, Depends(event_filter)],
          store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    rows = event_counts(store, flt)
    by_type: dict[str, int] = {}
    for r in rows:
        by_type[r.type] = by_type.get(r.type, 0) + r.count
    days = [r.day for r in rows if r.day]
    return {
        "total": sum(by_type.values()),
        "by_type": dict(sorted(by_type.items())),
        "first_day": min(days) if days else None,
        "last_day": max(days) if days else None,
        "series": [{"day": r.day or None, "type": r.type, "count": r.count} for r in rows],
    }


@router.get("/sources", summary="Who the matching events are attributed to, most cited first")
def sources(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[Store, Depends(get_store)],
    kind: Annotated[str | None, Query(pattern="^(named|anonymous|outlet)$", description="Only this kind.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> dict[str, Any]:
    rows = source_counts(store, flt, kind=kind)
    by_kind: dict[str, int] = {}
    for r in rows:
        by_kind[r.kind] = by_kind.get(r.kind, 0) + r.events
    return {
        "total_sources": len(rows),
        "by_kind": dict(sorted(by_kind.items())),
        "sources": [{"text": r.text, "kind": r.kind, "events": r.events, "articles": r.articles}
                    for r in rows[:limit]],
    }

