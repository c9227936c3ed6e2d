"""Stage quantities: counts of people and things with qualifiers, bounds and what is counted."""

from __future__ import annotations

from khabar.model import Document, Span
from khabar.pipeline import Stage
from khabar.quantities import find_quantities


def quantities_stage(doc: Document) -> Document:
    # Numbers inside time expressions (days, years) are not counts.
    blocked = [Span(t.start, t.end) for t in doc.times]
    return doc.with_layers(quantities=find_quantities(doc.text, doc.tokens, blocked))


STAGE = Stage("quantities", quantities_stage, requires=("tokens", "sentences", "times"), provides=("quantities",))
