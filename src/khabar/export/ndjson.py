"""Newline-delimited JSON: one flat event row per line (the columns of ``khabar query --json``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from khabar.export.base import FunctionExporter
from khabar.export.flat import event_row
from khabar.model import Document, Event


def write_ndjson(events: Iterable[tuple[Document, Event]], out: IO[str]) -> tuple[int, int]:
    """One JSON object per event and line; returns ``(rows written, 0)``."""
    written = 0
    for doc, ev in events:
        out.write(json.dumps(event_row(doc, ev), ensure_ascii=False) + "\n")
        written += 1
    return written, 0


EXPORTER = FunctionExporter("ndjson", write_ndjson, "application/x-ndjson", ".ndjson")
