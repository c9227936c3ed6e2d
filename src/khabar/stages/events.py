"""Stage events: PLOVER events with arguments, place, date, quantities, status and source (``khabar.events``)."""

from __future__ import annotations

from khabar.events import extract_events
from khabar.model import Document
from khabar.pipeline import Stage


def events_stage(doc: Document) -> Document:
    return doc.with_layers(events=extract_events(doc))


STAGE = Stage(
    "events",
    events_stage,
    requires=("tokens", "sentences", "entities", "geocode", "times", "quantities", "sources", "cues"),
    provides=("events",),
)
