"""Checking and decoding of user input: bytes → text, size limit, Arabic content, publication dates."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
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


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode UTF-8 (a BOM is allowed); binary data and invalid UTF-8 raise ``BinaryInputError``."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputTooLargeError(f"{name}: {len(data):,} bytes, over the limit of {MAX_TEXT_BYTES:,}")
    if b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name}: binary data (NUL bytes), not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BinaryInputError(
            f"{name}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from None


def check_text(text: str, *, name: str = "input") -> str:
    """Return ``text`` if it is an Arabic article khabar can process, else raise an ``InputError``."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
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
