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


def export_file(name: str, events: Pairs, path: Path) -> ExportResult:
    """Write ``events`` to ``path`` with exporter ``name``, atomically (``OutputError`` when it cannot)."""
    exporter = get_exporter(name)
    with atomic_write(path, binary=exporter.binary) as out:
        return exporter.write(events, out)


__all__ = ["ExportResult", "Exporter", "FunctionExporter", "export_file", "exporters", "get_exporter"]
