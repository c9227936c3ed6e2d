"""RSS and Atom feeds to article inputs (feedparser): text from the entry content or summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from khabar.errors import InputError, KhabarError
from khabar.ingest.html import html_to_text
from khabar.ingest.records import ArticleInput


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a file are an RSS, Atom or RDF document."""
    lowered = head[:2048].lower()
    return b"<rss" in lowered or b"<feed" in lowered or b"<rdf:rdf" in lowered


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
    return None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return html_to_text(value)
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def iter_feed(data: bytes, *, name: str, outlet: str | None = None) -> Iterator[tuple[str, ArticleInput | KhabarError]]:
    """Yield ``(origin, article or error)`` for each entry; the outlet is the feed's title unless given."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(f"{name}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    feed_outlet = outlet or (parsed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(parsed.entries, start=1):
        origin = f"{name}#entry{i}"
        text = _entry_text(entry)
        title = html_to_text(entry.get("title") or "") or None
        if not text and not title:
            yield origin, InputError(f"{origin}: entry has no text")
            continue
        yield origin, ArticleInput(
            text=text,
            title=title,
            id=(entry.get("id") or entry.get("link") or None),
            published=_entry_date(entry),
            outlet=feed_outlet,
            url=entry.get("link") or None,
        )
