"""Stage times: every time expression that refers to a date, resolved against ``doc.published``."""

from __future__ import annotations

from khabar.model import Document
from khabar.pipeline import Stage
from khabar.timex import find_times


def times_stage(doc: Document) -> Document:
    return doc.with_layers(times=find_times(doc.text, doc.published))


STAGE = Stage("times", times_stage, requires=("sentences",), provides=("times",))
