"""Stage events (placeholder until implemented)."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("events", requires=["entities", "sources", "times", "quantities", "geocode"], provides=["events"])
def events_stage(doc: Document) -> Document:
    return doc.with_layer("events")
