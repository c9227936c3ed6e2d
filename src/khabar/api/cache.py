"""Stored Documents kept in memory between requests, checked against the database on every use.

``GET /events`` shows a page of events with their evidence, source chain and article, so it rebuilds the
Documents they come from; rebuilding one from its rows costs several milliseconds, and the same articles are
asked for again and again (the first page, the map, a filter changed and changed back). The cache keeps the most
recently used Documents; before one is used, one indexed query reads the ``updated_at``, ``content_hash`` and
``pipeline_version`` of every article of the request, and a Document whose row changed (another process ingested
or re-extracted it) or vanished is loaded again or left out. So a request never shows a stale article; it only
saves the rebuilding.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from khabar.model import Document, Event
from khabar.store import schema
from khabar.store.db import Store

DEFAULT_MAX_DOCUMENTS = 2000  # about 65 KB each for a news article of 3,000 characters: some 130 MB at most
MAX_CACHED_TEXT = 200_000  # characters; a longer article is rebuilt every time rather than held


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
        a = schema.articles
        q = sa.select(a.c.id, a.c.updated_at, a.c.content_hash, a.c.pipeline_version).where(a.c.id.in_(ids))
        with store.connect() as conn:
            versions = {r[0]: tuple(r[1:]) for r in conn.execute(q)}
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
