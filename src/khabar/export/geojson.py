"""GeoJSON: a FeatureCollection with one Point feature per geocoded event (properties: the flat event row)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from khabar.export.flat import event_geo, event_row
from khabar.model import Document, Event


def event_feature(doc: Document, ev: Event) -> dict[str, Any] | None:
    """The Feature of one event, or None when its place has no coordinates."""
    geo = event_geo(doc, ev)
    if geo is None:
        return None
    props = {k: v for k, v in event_row(doc, ev).items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "id": f"{doc.id}:{ev.id}",
        "geometry": {"type": "Point", "coordinates": [geo.lon, geo.lat]},
        "properties": props,
    }


def write_geojson(events: Iterable[tuple[Document, Event]], out: TextIO) -> tuple[int, int]:
    """Stream a FeatureCollection to ``out``; returns ``(features written, events without coordinates)``."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = left_out = 0
    for doc, ev in events:
        feature = event_feature(doc, ev)
        if feature is None:
            left_out += 1
            continue
        if written:
            out.write(",\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written, left_out
