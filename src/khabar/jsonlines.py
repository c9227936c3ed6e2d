"""JSON Lines reading shared by every reader (articles, system records, gold): a leaf module."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from khabar.errors import RecordError


def open_jsonl(path: Path) -> TextIO:
    """Open a JSONL file (``.gz`` too) as UTF-8 text; undecodable bytes become U+FFFD."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open("r", encoding="utf-8", errors="replace")


# A \uD800-\uDFFF escape: a valid pair decodes to one character, a lone one stays a surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _surrogate(value: Any) -> str | None:
    """The first lone surrogate in the strings (keys too) of a parsed value, else None (iterative: no depth limit)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            for ch in v:
                if "\ud800" <= ch <= "\udfff":
                    return ch
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return None


def parse_line(line: str, lineno: int | None = None) -> Any:
    """One JSON value, or ``RecordError`` for anything that is not a text khabar can carry: invalid JSON,
    nesting too deep for the parser, an integer too long to convert, a lone surrogate escape (not a character:
    it cannot be stored or written as UTF-8)."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON ({exc.msg} at column {exc.colno})", line=lineno) from None
    except RecursionError:
        raise RecordError("invalid JSON (nested too deeply)", line=lineno) from None
    except ValueError as exc:  # int_max_str_digits: "Exceeds the limit (4300 digits) for integer string ..."
        raise RecordError(f"invalid JSON (a number too long: {str(exc).split(';')[0]})", line=lineno) from None
    if _SURROGATE_ESCAPE.search(line):
        ch = _surrogate(value)
        if ch is not None:
            raise RecordError(f"invalid text: a lone surrogate escape (\\u{ord(ch):04x}) is not a character",
                              line=lineno)
    return value


def json_lines(stream: TextIO) -> Iterator[tuple[int, Any | RecordError]]:
    """Yield ``(line number, parsed value or RecordError)`` for every non-blank line; errors are yielded,
    so one bad line never ends the reading of the lines after it."""
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            yield lineno, parse_line(line, lineno)
        except RecordError as exc:
            yield lineno, exc
