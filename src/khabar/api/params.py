"""Query parameters of the event endpoints, bounded, and their mapping onto the store's ``EventFilter``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import Query
from pydantic import StringConstraints

from khabar.store.query import EventFilter, parse_bbox

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
_Short = Annotated[str, StringConstraints(max_length=200)]
_Many = list[_Short] | None
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class EventFormat(StrEnum):
    json = "json"  # a page: {count, limit, events, cursor, next}
    geojson = "geojson"  # a FeatureCollection (events without coordinates left out)
    csv = "csv"  # the flat event rows of `khabar query --json`, as CSV
    acled = "acled"  # ACLED-style CSV (types ACLED does not code left out)
    ndjson = "ndjson"  # one event JSON (as in `json`) per line
    plover = "plover"  # PLOVER JSON lines


def _split(values: list[str] | None) -> tuple[str, ...]:
    # Repeated (`?event_type=A&event_type=B`) or comma-separated (`?event_type=A,B`), as ACLED users write them.
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def event_filter(
    event_type: Annotated[_Many, Query(max_length=50, description="PLOVER type(s), repeated or comma-separated.")]
    = None,
    mode: Annotated[_Many, Query(max_length=50, description="PLOVER mode(s).")] = None,
    status: Annotated[_Many, Query(max_length=4, description="asserted, denied, planned, hypothetical.")] = None,
    country: Annotated[_Many, Query(max_length=50, description="ISO 3166 alpha-2 code(s) of the geocoded place.")]
    = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level region (GeoNames name).")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place as written, GeoNames name or ISO code.")]
    = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor as written (substring) or canonical.")]
    = None,
    target: Annotated[str | None, Query(max_length=200, description="Target as written (substring) or canonical.")]
    = None,
    source_kind: Annotated[str | None, Query(max_length=20, description="named, anonymous or outlet.")] = None,
    source: Annotated[str | None, Query(max_length=200, description="Cited source as written (substring).")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet (exact, case-insensitive).")] = None,
    event_date_from: Annotated[str | None, Query(pattern=_DATE, description="YYYY[-MM[-DD]], inclusive.")] = None,
    event_date_to: Annotated[str | None, Query(pattern=_DATE, description="YYYY[-MM[-DD]], inclusive.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="minlon,minlat,maxlon,maxlat (WGS 84).")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words that must all occur in the article.")] = None,
) -> EventFilter:
    """The ``EventFilter`` of a request (``InputError`` → 422 for values the store rejects)."""
    flt = EventFilter(
        types=_split(event_type), modes=_split(mode), statuses=_split(status), countries=_split(country),
        admin1=admin1 or None, place=place or None, actor=actor or None, target=target or None,
        source_kind=source_kind or None, source=source or None, outlet=outlet or None,
        since=event_date_from or None, until=event_date_to or None, min_confidence=min_confidence,
        bbox=parse_bbox(bbox) if bbox else None, text=q or None,
    )
    flt.check()
    return flt
