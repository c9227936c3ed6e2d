"""Stage times (placeholder until implemented)."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("times", requires=["sentences"], provides=["times"])
def times_stage(doc: Document) -> Document:
    return doc.with_layer("times")
