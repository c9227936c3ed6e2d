"""Dispatch of ingest inputs: directories, text and HTML files, JSONL, RSS/Atom feeds, WARC archives, URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from khabar.errors import InputError, KhabarError
from khabar.ingest.feed import iter_feed, looks_like_feed
from khabar.ingest.html import article_from_html
from khabar.ingest.records import ArticleInput, iter_jsonl, open_jsonl
from khabar.ingest.warc import iter_warc
from khabar.input_checks import MAX_TEXT_BYTES, decode_bytes, not_a_file

Item = tuple[str, ArticleInput | KhabarError]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
DIR_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def is_url(target: str) -> bool:
    return target[:8].lower().startswith(("http://", "https://"))


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def scheme_error(target: str) -> InputError | None:
    """The error for a URL khabar does not fetch (``file://``, ``ftp://`` …), or None."""
    if _SCHEME.match(target) and not is_url(target):
        return InputError(f"{target}: only http and https URLs can be fetched")
    return None


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
    if not path.is_dir() and (err := not_a_file(path)) is not None:  # a FIFO or device would block or never end
        yield str(path), err
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


def iter_url(url: str, *, outlet: str | None = None, allow_private: bool = False) -> Iterator[Item]:
    """Fetch ``url`` (address checks, redirect, time and size limits: ``khabar.ingest.fetch``): a feed's
    entries or a page."""
    from khabar.ingest.fetch import fetch

    try:
        body, ctype = fetch(url, allow_private=allow_private)
        if "rss" in ctype or "atom" in ctype or ("xml" in ctype and looks_like_feed(body)) or looks_like_feed(body):
            yield from iter_feed(body, name=url, outlet=outlet)
        else:
            yield url, article_from_html(body, url=url, outlet=outlet)
    except KhabarError as exc:
        yield url, exc


def iter_inputs(
    targets: list[str], *, outlet: str | None = None, allow_urls: bool = True, allow_private: bool = False
) -> Iterator[Item]:
    """All articles of all targets (paths or URLs), in the order given; ``allow_private`` lets URLs reach
    loopback, private and link-local addresses."""
    for target in targets:
        if (bad := scheme_error(target)) is not None and not Path(target).exists():
            yield target, bad
            continue
        if is_url(target):
            if not allow_urls:
                yield target, InputError(f"{target}: fetching URLs is a command-line feature")
                continue
            yield from iter_url(target, outlet=outlet, allow_private=allow_private)
        else:
            yield from iter_path(Path(target), outlet=outlet)


def _with_outlet(item: ArticleInput, outlet: str) -> ArticleInput:
    from dataclasses import replace

    return replace(item, outlet=outlet)
