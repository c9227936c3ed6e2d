"""Stage geocode (placeholder until implemented)."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("geocode", requires=["entities"], provides=["geocode"])
def geocode_stage(doc: Document) -> Document:
    return doc.with_layer("geocode")
