"""Stage times: every time expression that refers to a date, resolved against ``doc.published``."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import register_stage
from khabar.timex import find_times


@register_stage("times", requires=["sentences"], provides=["times"])
def times_stage(doc: Document) -> Document:
    return doc.with_layer("times", times=find_times(doc.text, doc.published))
