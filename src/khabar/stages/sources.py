"""Stage sources: who the article cites (``sources``) and the reporting cues that cite them (``cues``)."""

from __future__ import annotations

from khabar.attribution import attribute
from khabar.model import Document
from khabar.pipeline import Stage


def sources_stage(doc: Document) -> Document:
    att = attribute(doc)
    return doc.with_layers(sources=att.sources, cues=att.cues)


STAGE = Stage(
    "sources", sources_stage, requires=("tokens", "sentences", "entities", "times"), provides=("sources", "cues")
)
