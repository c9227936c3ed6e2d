"""The ingest loop: read articles, skip the ones already stored, extract the rest and commit each one.

Each article is committed in its own transaction, so an interrupted run loses nothing it reported
as stored, and a rerun skips everything committed before (the content hash is the key).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from khabar.errors import KhabarError, RecordError, StoreError
from khabar.extract import make_document
from khabar.ingest.records import ArticleInput
from khabar.ingest.sources import Item, iter_inputs
from khabar.model import Document, literal_values
from khabar.pipeline import DEFAULT_STAGES, Pipeline, Stage
from khabar.store.db import RecordConflictError, Store
from khabar.store.version import content_hash, pipeline_version

Outcome = Literal["new", "updated", "skipped", "failed"]
_OUTCOMES: dict[str, Outcome] = literal_values(Outcome)
Report = Callable[[str, Outcome, str | None], None]


@dataclass(slots=True)
class IngestStats:
    """Counts of one ingest run (the end summary)."""

    new: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.new + self.updated + self.skipped + self.failed

    def summary(self) -> str:
        return (
            f"{self.new} new, {self.updated} updated, {self.skipped} skipped, {self.failed} failed; "
            f"{self.events} events found"
        )


@dataclass
class Ingestor:
    """Ingests items into ``store``; ``should_stop`` is polled between articles (Ctrl-C sets it)."""

    store: Store
    reprocess: bool = False
    stages: tuple[str | Stage, ...] = DEFAULT_STAGES
    report: Report | None = None
    should_stop: Callable[[], bool] = lambda: False
    stats: IngestStats = field(default_factory=IngestStats)

    def __post_init__(self) -> None:
        self.pipeline = Pipeline(self.stages)
        self.version = pipeline_version()

    def _done(self, origin: str, outcome: Outcome, error: str | None = None) -> None:
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)
        if error:
            self.stats.errors.append(f"{origin}: {error}")
        if self.report is not None:
            self.report(origin, outcome, error)

    def _run_pipeline(self, doc: Document) -> Document:
        try:
            return self.pipeline(doc)
        except KhabarError:
            raise
        except Exception as exc:  # a bug in one stage must not stop a corpus-scale ingest
            raise KhabarError(f"pipeline failed: {type(exc).__name__}: {exc}") from exc

    def ingest_item(self, origin: str, item: ArticleInput | KhabarError) -> None:
        """Store one article (or count one bad item); store errors propagate."""
        if isinstance(item, KhabarError):
            message = str(item)
            if isinstance(item, RecordError) and item.line is not None:
                message = message.removeprefix(f"line {item.line}: ")  # the origin names the line already
            self._done(origin, "failed", message)
            return
        try:
            doc = make_document(item.text, title=item.title, published=item.published, outlet=item.outlet,
                                id=item.id, url=item.url)
        except KhabarError as exc:
            self._done(origin, "failed", str(exc))
            return
        chash = content_hash(doc.text)
        known = self.store.lookup(chash)
        if known is not None:
            stored_id, stored_version = known
            if not (self.reprocess and stored_version != self.version):
                self._done(origin, "skipped")
                return
            doc = dataclasses.replace(doc, id=stored_id)
        try:
            doc = self._run_pipeline(doc)
        except KhabarError as exc:
            self._done(origin, "failed", str(exc))
            return
        try:
            outcome = self.store.save(doc, origin=origin, version=self.version, chash=chash, expect_new=known is None)
        except RecordConflictError as exc:
            self._done(origin, "failed", str(exc))
            return
        if outcome != "skipped":
            self.stats.events += len(doc.events)
        self._done(origin, "updated" if known is not None and outcome != "skipped" else _OUTCOMES[outcome])

    def ingest_items(self, items: Iterable[Item]) -> None:
        for origin, item in items:
            if self.should_stop():
                self.stats.interrupted = True
                return
            self.ingest_item(origin, item)

    def ingest(
        self, targets: list[str], *, outlet: str | None = None, allow_urls: bool = True, allow_private: bool = False
    ) -> IngestStats:
        """Ingest every article of ``targets`` (paths or URLs); a target that cannot be read counts as failed."""
        for target in targets:
            try:
                items = iter_inputs([target], outlet=outlet, allow_urls=allow_urls, allow_private=allow_private)
                self.ingest_items(items)
            except StoreError:
                raise
            except KhabarError as exc:
                self._done(target, "failed", str(exc))
            except Exception as exc:  # a corrupt archive or feed (zlib, lxml, gzip errors) fails its target only
                self._done(target, "failed", f"cannot read ({type(exc).__name__}: {exc})")
            if self.stats.interrupted:
                break
        return self.stats

    def reprocess_stored(self) -> IngestStats:
        """Re-extract every stored article made by another pipeline version, from its stored text."""
        for article_id in self.store.article_ids(stale_only=True):
            if self.should_stop():
                self.stats.interrupted = True
                break
            stored = self.store.load_document(article_id)
            base = Document(text=stored.text, id=stored.id, published=stored.published, outlet=stored.outlet,
                            title=stored.title, url=stored.url, headline=stored.headline, meta=stored.meta)
            try:
                doc = self._run_pipeline(base)
            except KhabarError as exc:
                self._done(article_id, "failed", str(exc))
                continue
            self.store.save(doc, origin=None, version=self.version)
            self.stats.events += len(doc.events)
            self._done(article_id, "updated")
        return self.stats
