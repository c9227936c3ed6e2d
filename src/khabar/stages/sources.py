"""Stage sources (placeholder until implemented)."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("sources", requires=["entities", "sentences"], provides=["sources"])
def sources_stage(doc: Document) -> Document:
    return doc.with_layer("sources")
