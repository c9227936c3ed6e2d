"""Stored Documents and encoded events kept in memory between requests, checked against the database on every use.

``GET /events`` shows a page of events with their evidence, source chain and article, so it rebuilds the
Documents they come from; rebuilding one from its rows costs several milliseconds, and the same articles are
asked for again and again (the first page, the map, a filter changed and changed back). The cache keeps the most
recently used Documents; before one is used, one indexed query reads the ``updated_at``, ``content_hash`` and
``pipeline_version`` of every article of the request, and a Document whose row changed (another process ingested
or re-extracted it) or vanished is loaded again or left out. So a request never shows a stale article; it only
saves the rebuilding.

``EventCache`` does the same for the encoded JSON of single events (``GET /events`` as JSON and ndjson,
``GET /events/{id}``): an event shown before, of an article unchanged since, is not fetched, built or encoded
again; its bytes go into the page as they are.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from khabar.model import Document, Event
from khabar.store import schema
from khabar.store.db import Store

DEFAULT_MAX_DOCUMENTS = 2000  # about 65 KB each for a news article of 3,000 characters: some 130 MB at most
DEFAULT_MAX_EVENTS = 20_000  # about 2 KB each: some 40 MB at most
MAX_CACHED_TEXT = 200_000  # characters; a longer article is rebuilt every time rather than held


def article_versions(store: Store, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """``updated_at``, ``content_hash`` and ``pipeline_version`` of each stored article of ``ids``: what changes
    when another process stores, updates or re-extracts it (one indexed query)."""
    a = schema.articles
    q = sa.select(a.c.id, a.c.updated_at, a.c.content_hash, a.c.pipeline_version).where(a.c.id.in_(sorted(set(ids))))
    with store.connect() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(q)}


class DocumentCache:
    """The last ``max_documents`` Documents used (0: no cache, every Document rebuilt), thread-safe."""

    def __init__(self, max_documents: int = DEFAULT_MAX_DOCUMENTS) -> None:
        self.max_documents = max_documents
        self._docs: OrderedDict[str, tuple[Any, Document]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._docs)

    def documents(self, store: Store, ids: list[str]) -> dict[str, Document]:
        """The stored Documents of ``ids`` that exist, as they are in the database now."""
        if not ids:
            return {}
        if self.max_documents <= 0:
            return {d.id: d for d in store.load_documents(ids)}
        versions = article_versions(store, ids)
        out: dict[str, Document] = {}
        missing: list[str] = []
        with self._lock:
            for article_id in versions:
                held = self._docs.get(article_id)
                if held is not None and held[0] == versions[article_id]:
                    self._docs.move_to_end(article_id)
                    out[article_id] = held[1]
                else:
                    missing.append(article_id)
            self.hits += len(out)
            self.misses += len(missing)
        if missing:
            loaded = store.load_documents(missing)
            with self._lock:
                for doc in loaded:
                    out[doc.id] = doc
                    if len(doc.text) <= MAX_CACHED_TEXT:
                        self._docs[doc.id] = (versions[doc.id], doc)
                        self._docs.move_to_end(doc.id)
                while len(self._docs) > self.max_documents:
                    self._docs.popitem(last=False)
        return out

    def load_events(self, store: Store, keys: list[tuple[str, str]], *,
                    batch: int = 200) -> Iterator[tuple[Document, Event]]:
        """As ``khabar.store.query.load_events``: the ``(Document, Event)`` of each ``(article id, event id)`` in
        order, missing ones left out, articles fetched in batches."""
        for i in range(0, len(keys), batch):
            chunk = keys[i : i + batch]
            docs = self.documents(store, sorted({k[0] for k in chunk}))
            for article_id, event_id in chunk:
                doc = docs.get(article_id)
                if doc is None:
                    continue
                for ev in doc.events:
                    if ev.id == event_id:
                        yield doc, ev
                        break


class EventCache:
    """The encoded JSON (``khabar.api.rows.event_records``, orjson) of the last ``max_events`` events used
    (0: no cache, every event fetched and encoded), each kept with its article's version; thread-safe."""

    def __init__(self, max_events: int = DEFAULT_MAX_EVENTS) -> None:
        self.max_events = max_events
        self._events: OrderedDict[tuple[str, str], tuple[Any, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._events)

    def encoded(self, store: Store, keys: list[tuple[str, str]], *, batch: int = 500) -> Iterator[bytes]:
        """The JSON bytes of each ``(article id, event id)`` in order, events not stored left out, as the
        database holds them now."""
        from khabar.api.rows import event_records
        from khabar.api.serialize import dumps

        keys = [k for k in keys if "\x00" not in k[0] and "\x00" not in k[1]]  # never stored (PostgreSQL text)
        for i in range(0, len(keys), batch):
            chunk = keys[i : i + batch]
            if self.max_events <= 0:
                yield from (dumps(rec) for rec in event_records(store, chunk))
                continue
            # The versions are read before the rows: a row written in between is kept under the older version,
            # so the next use reads it again (never the other way round).
            versions = article_versions(store, (k[0] for k in chunk))
            out: dict[tuple[str, str], bytes] = {}
            missing: list[tuple[str, str]] = []
            with self._lock:
                for key in chunk:
                    version = versions.get(key[0])
                    if version is None:
                        continue
                    held = self._events.get(key)
                    if held is not None and held[0] == version:
                        self._events.move_to_end(key)
                        out[key] = held[1]
                    else:
                        missing.append(key)
                self.hits += len(out)
                self.misses += len(missing)
            if missing:
                fresh = {(rec["article_id"], rec["event_id"]): dumps(rec) for rec in event_records(store, missing)}
                with self._lock:
                    for key, body in fresh.items():
                        out[key] = body
                        self._events[key] = (versions[key[0]], body)
                        self._events.move_to_end(key)
                    while len(self._events) > self.max_events:
                        self._events.popitem(last=False)
            yield from (out[key] for key in chunk if key in out)
