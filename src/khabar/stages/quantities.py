"""Stage quantities (placeholder until implemented)."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("quantities", requires=["tokens", "sentences"], provides=["quantities"])
def quantities_stage(doc: Document) -> Document:
    return doc.with_layer("quantities")
