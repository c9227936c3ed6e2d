"""Parquet (pyarrow): the events table, one row per event with the flat columns of ``export.rows``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from khabar.export.base import FunctionExporter
from khabar.export.flat import COLUMNS, event_row
from khabar.model import Document, Event

_INT = ("geonameid", "fatalities", "evidence_start", "evidence_end", "independent_sources")
_FLOAT = ("lat", "lon", "confidence")


def parquet_schema() -> Any:
    import pyarrow as pa

    fields = []
    for name in COLUMNS:
        if name in _INT:
            fields.append(pa.field(name, pa.int64()))
        elif name in _FLOAT:
            fields.append(pa.field(name, pa.float64()))
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def write_parquet(events: Iterable[tuple[Document, Event]], path: Path | IO[bytes], *, batch: int = 5000) -> int:
    """Write the events to ``path`` (a file name or an open binary file) in row groups of ``batch``; returns the
    number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    rows: list[dict[str, Any]] = []
    total = 0
    where = str(path) if isinstance(path, Path) else path
    with pq.ParquetWriter(where, schema, compression="zstd") as writer:
        for doc, ev in events:
            rows.append(event_row(doc, ev))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                total += len(rows)
                rows = []
        if rows or total == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            total += len(rows)
    return total


def _write(events: Iterable[tuple[Document, Event]], out: IO[bytes]) -> tuple[int, int]:
    return write_parquet(events, out), 0


EXPORTER = FunctionExporter("parquet", _write, "application/vnd.apache.parquet", ".parquet", binary=True)
