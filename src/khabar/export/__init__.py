"""Exporters of stored or extracted events (PLOVER JSONL, ACLED-style CSV, GeoJSON, Parquet), through one door.

Built-in exporters are named in ``khabar/builtins.toml``; a plugin adds its own through the
``khabar.exporters`` entry-point group (an object with ``name``, ``binary``, ``media_type``, ``suffix`` and
``write(events, out) -> ExportResult``). ``export_file`` writes atomically.
"""

from __future__ import annotations

from pathlib import Path

from khabar.atomicfile import atomic_write
from khabar.errors import PipelineError
from khabar.export.base import Exporter, ExportResult, FunctionExporter, Pairs
from khabar.registry import Registry


def _exporter(obj: object) -> Exporter:
    if not isinstance(obj, Exporter):
        raise PipelineError(f"an exporter needs name, binary, media_type, suffix and write(); got {type(obj).__name__}")
    return obj


exporters: Registry[Exporter] = Registry("exporter", "exporters", "khabar.exporters", _exporter)


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name`` (``PipelineError`` for an unknown one, listing the known names)."""
    return exporters.get(name)


def export_file(name: str, events: Pairs, path: Path, *, excel: bool = False) -> ExportResult:
    """Write ``events`` to ``path`` with exporter ``name``, atomically (``OutputError`` when it cannot).

    ``excel`` starts a CSV with the UTF-8 byte-order mark, by which Excel (which otherwise reads a CSV in
    the system's ANSI code page) knows the Arabic text is UTF-8; a ``PipelineError`` for other formats."""
    exporter = get_exporter(name)
    if excel and (exporter.binary or not exporter.media_type.startswith("text/csv")):
        raise PipelineError(f"--excel is for CSV exports (acled-csv), not {name}")
    with atomic_write(path, binary=exporter.binary) as out:
        if excel:
            out.write("\ufeff")
        return exporter.write(events, out)


__all__ = ["ExportResult", "Exporter", "FunctionExporter", "export_file", "exporters", "get_exporter"]
