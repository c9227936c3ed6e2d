"""Checking and decoding of user input: bytes → text, size limit, Arabic content, publication dates."""

from __future__ import annotations

import hashlib
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

from khabar.arabic.normalize import arabic_ratio
from khabar.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    NotArabicError,
)

MAX_TEXT_BYTES = 2_000_000  # an article larger than 2 MB is not a news report
MIN_ARABIC_LETTERS = 3
MIN_ARABIC_SHARE = 0.3


# Byte order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def not_a_file(path: Path) -> InputError | None:
    """The error for a path that is not a regular file (missing, a directory, a FIFO, a socket, a device), else None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return InputError(f"{path}: no such file")
    except OSError as exc:
        return InputError(f"{path}: cannot read ({exc.strerror})")
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return InputError(f"{path}: is a directory, not a file")
    kind = (
        "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return InputError(f"{path}: is {kind}, not a regular file (to read a stream, pipe it to standard input: -)")


def _nul_kind(head: bytes) -> str:
    """What NUL bytes in a text file most likely mean: UTF-16 without its byte order mark (NULs only at odd or
    only at even offsets: the high bytes of spaces, digits and Latin letters), else binary data."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd >= 3 and (even == 0) != (odd == 0):
        return f"UTF-16 {'LE' if odd else 'BE'} text without a byte order mark: convert it to UTF-8 or add the mark"
    return "binary data (NUL bytes), not a text article"


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode UTF-8 (a BOM is allowed), or UTF-16/UTF-32 that starts with its byte order mark; binary data and
    invalid text raise ``BinaryInputError``."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputTooLargeError(f"{name}: {len(data):,} bytes, over the limit of {MAX_TEXT_BYTES:,}")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise BinaryInputError(
                    f"{name}: starts with a {label} byte order mark but is not valid {label} "
                    f"(byte {exc.start + len(bom)})"
                ) from None
    if b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name}: {_nul_kind(data[:8192])}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BinaryInputError(
            f"{name}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from None


def check_text(text: str, *, name: str = "input") -> str:
    """Return ``text`` if it is an Arabic article khabar can process, else raise an ``InputError``."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a lone surrogate (a JSON "\ud800" escape): not a character
        raise BinaryInputError(
            f"{name}: not valid Unicode (a lone surrogate U+{ord(text[exc.start]):04X} at character {exc.start})"
        ) from None
    if size > MAX_TEXT_BYTES:
        raise InputTooLargeError(f"{name}: over the limit of {MAX_TEXT_BYTES:,} bytes")
    if not text.strip():
        raise EmptyInputError(f"{name}: empty text")
    head = text[:8192]
    controls = sum(1 for c in head if ord(c) < 32 and c not in "\t\n\r\f\v")
    # Real articles carry the odd stray control character (U+001A in SaudiNewsNet); binary data
    # has NUL bytes or many of them.
    if "\x00" in head or controls > max(2, len(head) // 100):
        raise BinaryInputError(f"{name}: binary data (control characters), not a text article")
    arabic, share = arabic_ratio(text)
    if arabic < MIN_ARABIC_LETTERS or share < MIN_ARABIC_SHARE:
        raise NotArabicError(f"{name}: not Arabic text ({arabic} Arabic letters, {share:.0%} of all letters)")
    return text


def parse_published(value: Any, *, name: str = "published") -> date | None:
    """Accept a date, a datetime, ``YYYY-MM-DD`` or ``YYYY-MM-DD hh:mm:ss`` (or ISO with T); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            pass
    raise InputError(f"{name}: {value!r} is not a date (expected YYYY-MM-DD)")


def default_id(text: str) -> str:
    """A stable id from the text, for articles that come without one."""
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
