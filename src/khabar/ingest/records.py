"""Article input records and the JSONL reader shared by ``extract --jsonl`` and ``ingest``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from khabar.errors import KhabarError, RecordError
from khabar.input_checks import parse_published
from khabar.jsonlines import json_lines, open_jsonl

__all__ = ["ArticleInput", "article_from_json", "iter_jsonl", "open_jsonl"]


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as read from a file, feed or archive, before extraction."""

    text: str
    title: str | None = None
    id: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


def _str(obj: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str | int | float):
            raise RecordError(f"field {key!r} must be a string, not {type(value).__name__}")
        value = str(value).strip()
        if value:
            return value
    return None


def article_from_json(obj: Any) -> ArticleInput:
    """Map a JSON object onto an article: ``id``, ``text`` or ``title`` + ``content``/``body``,
    ``published`` or ``date_extracted``, ``outlet`` or ``source``, ``url``."""
    if not isinstance(obj, dict):
        raise RecordError(f"expected a JSON object, got {type(obj).__name__}")
    text = _str(obj, "text", "content", "body")
    title = _str(obj, "title", "headline")
    if text is None and title is None:
        raise RecordError("no text: expected a 'text', 'content' or 'body' field")
    published = _str(obj, "published", "date", "date_extracted")
    if published is not None:
        try:
            day = parse_published(published)
            published = day.isoformat() if day is not None else None
        except KhabarError as exc:
            raise RecordError(str(exc)) from None
    return ArticleInput(
        text=text or "",
        title=title if "text" not in obj else None,
        id=_str(obj, "id"),
        published=published,
        outlet=_str(obj, "outlet", "source"),
        url=_str(obj, "url", "link"),
    )


def iter_jsonl(stream: TextIO) -> Iterator[tuple[int, ArticleInput | RecordError]]:
    """Yield ``(line_number, article or error)``; blank lines are skipped, errors are yielded, not raised."""
    for lineno, obj in json_lines(stream):
        if isinstance(obj, RecordError):
            yield lineno, obj
            continue
        try:
            yield lineno, article_from_json(obj)
        except RecordError as exc:
            yield lineno, RecordError(str(exc), line=lineno)
