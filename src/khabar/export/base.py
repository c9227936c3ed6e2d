"""What an exporter is: a named writer of ``(Document, Event)`` pairs to an open file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any, Protocol, runtime_checkable

from khabar.model import Document, Event

Pairs = Iterable[tuple[Document, Event]]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """How many records were written, and how many events were left out and why."""

    written: int
    left_out: int = 0
    left_out_reason: str = ""  # e.g. "events without coordinates"


@runtime_checkable
class Exporter(Protocol):
    """Writes events to an open file: text (UTF-8) unless ``binary``; ``media_type`` for HTTP responses."""

    name: str
    binary: bool
    media_type: str
    suffix: str

    def write(self, events: Pairs, out: IO[Any]) -> ExportResult: ...


@dataclass(frozen=True, slots=True)
class FunctionExporter:
    """An exporter made of a function ``(events, out) -> (written, left out)``."""

    name: str
    func: Callable[[Pairs, Any], tuple[int, int]]  # (events, open file) -> (written, left out)
    media_type: str
    suffix: str
    binary: bool = False
    left_out_reason: str = ""

    def write(self, events: Pairs, out: IO[Any]) -> ExportResult:
        written, left_out = self.func(events, out)
        return ExportResult(written, left_out, self.left_out_reason if left_out else "")
