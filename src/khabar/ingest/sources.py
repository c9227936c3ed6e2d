"""Dispatch of ingest inputs: directories, text and HTML files, JSONL, RSS/Atom feeds, WARC archives, URLs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from khabar.errors import InputError, KhabarError
from khabar.ingest.feed import iter_feed, looks_like_feed
from khabar.ingest.html import article_from_html
from khabar.ingest.records import ArticleInput, iter_jsonl, open_jsonl
from khabar.ingest.warc import iter_warc
from khabar.input_checks import MAX_TEXT_BYTES, decode_bytes

Item = tuple[str, ArticleInput | KhabarError]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
DIR_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def kind_of(path: Path) -> str:
    """``jsonl``, ``warc``, ``feed``, ``html``, ``text`` or ``dir``; unknown suffixes are sniffed."""
    if path.is_dir():
        return "dir"
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    with path.open("rb") as fh:
        head = fh.read(2048)
    if looks_like_feed(head):
        return "feed"
    if b"<html" in head.lower() or b"<!doctype html" in head.lower():
        return "html"
    return "text"


def _read(path: Path, limit: int) -> bytes:
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{path}: over the limit of {limit:,} bytes")
    return data


def iter_path(path: Path, *, outlet: str | None = None) -> Iterator[Item]:
    """Every article of a file or (recursively, in name order) a directory, or the error reading it."""
    if not path.exists():
        yield str(path), InputError(f"{path}: no such file or directory")
        return
    kind = kind_of(path)
    if kind == "dir":
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DIR_SUFFIXES):
            yield from iter_path(child, outlet=outlet)
        return
    if kind == "jsonl":
        with open_jsonl(path) as stream:
            for lineno, item in iter_jsonl(stream):
                if isinstance(item, ArticleInput) and outlet:
                    item = _with_outlet(item, outlet)
                yield f"{path}:{lineno}", item
        return
    if kind == "warc":
        yield from iter_warc(path, outlet=outlet)
        return
    try:
        if kind == "feed":
            yield from iter_feed(_read(path, 5 * MAX_TEXT_BYTES), name=str(path), outlet=outlet)
        elif kind == "html":
            yield str(path), article_from_html(_read(path, 5 * MAX_TEXT_BYTES), outlet=outlet)
        else:
            text = decode_bytes(_read(path, MAX_TEXT_BYTES), name=str(path))
            yield str(path), ArticleInput(text=text, outlet=outlet)
    except KhabarError as exc:
        yield str(path), exc


def iter_url(url: str, *, outlet: str | None = None) -> Iterator[Item]:
    """Fetch ``url`` (timeout and size limit, see ``khabar.ingest.fetch``): a feed's entries or a page."""
    from khabar.ingest.fetch import fetch

    try:
        body, ctype = fetch(url)
        if "rss" in ctype or "atom" in ctype or ("xml" in ctype and looks_like_feed(body)) or looks_like_feed(body):
            yield from iter_feed(body, name=url, outlet=outlet)
        else:
            yield url, article_from_html(body, url=url, outlet=outlet)
    except KhabarError as exc:
        yield url, exc


def iter_inputs(targets: list[str], *, outlet: str | None = None, allow_urls: bool = True) -> Iterator[Item]:
    """All articles of all targets (paths or URLs), in the order given."""
    for target in targets:
        if is_url(target):
            if not allow_urls:
                yield target, InputError(f"{target}: fetching URLs is a command-line feature")
                continue
            yield from iter_url(target, outlet=outlet)
        else:
            yield from iter_path(Path(target), outlet=outlet)


def _with_outlet(item: ArticleInput, outlet: str) -> ArticleInput:
    from dataclasses import replace

    return replace(item, outlet=outlet)
