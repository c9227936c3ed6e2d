"""Stage quantities: counts of people and things with qualifiers, bounds and what is counted."""

from __future__ import annotations

from khabar.counts import find_quantities
from khabar.model import Document, Span
from khabar.pipeline import register_stage
from khabar.timex import find_times


@register_stage("quantities", requires=["tokens", "sentences"], provides=["quantities"])
def quantities_stage(doc: Document) -> Document:
    # Numbers inside time expressions (days, years) are not counts; reuse the times layer when present.
    times = doc.times if "times" in doc.layers else find_times(doc.text, doc.published)
    blocked = [Span(t.start, t.end) for t in times]
    return doc.with_layer("quantities", quantities=find_quantities(doc.text, doc.tokens, blocked))
