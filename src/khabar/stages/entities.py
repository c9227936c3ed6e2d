"""Stage entities (placeholder until implemented)."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("entities", requires=["tokens", "sentences"], provides=["entities"])
def entities_stage(doc: Document) -> Document:
    return doc.with_layer("entities")
