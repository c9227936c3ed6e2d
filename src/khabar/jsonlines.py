"""JSON Lines reading shared by every reader (articles, system records, gold): a leaf module."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from khabar.errors import RecordError


def open_jsonl(path: Path) -> TextIO:
    """Open a JSONL file (``.gz`` too) as UTF-8 text; undecodable bytes become U+FFFD."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open("r", encoding="utf-8", errors="replace")


def json_lines(stream: TextIO) -> Iterator[tuple[int, Any | RecordError]]:
    """Yield ``(line number, parsed value or RecordError)`` for every non-blank line; errors are yielded."""
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, RecordError(f"invalid JSON ({exc.msg})", line=lineno)
