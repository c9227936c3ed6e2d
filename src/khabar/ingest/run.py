"""The ingest loop: read articles, skip the ones already stored, extract the rest and commit each one.

Each article is committed in its own transaction, so an interrupted run loses nothing it reported
as stored, and a rerun skips everything committed before (the content hash is the key). With
``workers`` > 1 worker processes extract (``khabar.parallel``); this process still reads, looks up and
stores every article, in input order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from khabar.errors import KhabarError, RecordError, StoreError
from khabar.extract import make_document
from khabar.ingest.records import ArticleInput
from khabar.ingest.sources import Item, iter_inputs
from khabar.model import Document, literal_values
from khabar.parallel import InOrder, JobFailed, WorkerPool
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

    @property
    def stored(self) -> int:
        return self.new + self.updated

    def summary(self) -> str:
        return (
            f"{self.seen:,} read, {self.stored:,} stored ({self.new:,} new, {self.updated:,} updated), "
            f"{self.skipped:,} skipped (already stored), {self.failed:,} failed; {self.events:,} events found"
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
    workers: int = 1

    def __post_init__(self) -> None:
        self.pipeline = Pipeline(self.stages)
        self.version = pipeline_version()
        self._pool = WorkerPool(self.workers, self.stages) if self.workers > 1 else None

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

    def _prepare(
        self, origin: str, item: ArticleInput | KhabarError, in_flight: Container[str] = ()
    ) -> _Prepared | Literal["wait"] | None:
        """The parent's part before extraction; None when the item is done (failed or skipped), ``"wait"``
        when the same text is being extracted (its turn comes after that one is stored)."""
        if isinstance(item, KhabarError):
            message = str(item)
            if isinstance(item, RecordError) and item.line is not None:
                message = message.removeprefix(f"line {item.line}: ")  # the origin names the line already
            self._done(origin, "failed", message)
            return None
        try:
            doc = make_document(item.text, title=item.title, published=item.published, outlet=item.outlet,
                                id=item.id, url=item.url)
        except KhabarError as exc:
            self._done(origin, "failed", str(exc))
            return None
        chash = content_hash(doc.text)
        if chash in in_flight:
            return "wait"
        known = self.store.lookup(chash)
        if known is not None:
            stored_id, stored_version = known
            if not (self.reprocess and stored_version != self.version):
                self._done(origin, "skipped")
                return None
            doc = dataclasses.replace(doc, id=stored_id)
        return _Prepared(origin, doc, chash, known is not None)

    def _finish(self, prep: _Prepared, doc: Document | KhabarError) -> None:
        """The parent's part after extraction: store the document (the parent is the only writer)."""
        if isinstance(doc, KhabarError):
            self._done(prep.origin, "failed", str(doc))
            return
        try:
            outcome = self.store.save(doc, origin=prep.origin, version=self.version, chash=prep.chash,
                                      expect_new=not prep.known)
        except RecordConflictError as exc:
            self._done(prep.origin, "failed", str(exc))
            return
        if outcome != "skipped":
            self.stats.events += len(doc.events)
        self._done(prep.origin, "updated" if prep.known and outcome != "skipped" else _OUTCOMES[outcome])

    def ingest_item(self, origin: str, item: ArticleInput | KhabarError) -> None:
        """Store one article (or count one bad item); store errors propagate."""
        prep = self._prepare(origin, item)
        if not isinstance(prep, _Prepared):
            return
        try:
            doc: Document | KhabarError = self._run_pipeline(prep.doc)
        except KhabarError as exc:
            doc = exc
        self._finish(prep, doc)

    def ingest_items(self, items: Iterable[Item]) -> None:
        if self._pool is not None:
            self._ingest_parallel(items)
            return
        for origin, item in items:
            if self.should_stop():
                self.stats.interrupted = True
                return
            try:
                self.ingest_item(origin, item)
            except RecordConflictError as exc:
                self._done(origin, "failed", str(exc))
            except StoreError:
                raise
            except KhabarError as exc:
                self._done(origin, "failed", str(exc))
            except Exception as exc:  # one article that breaks anything else fails alone; the run goes on
                self._done(origin, "failed", f"unexpected error ({type(exc).__name__}: {exc})")

    def _ingest_parallel(self, items: Iterable[Item]) -> None:
        # Workers extract; this process prepares (content hash, lookup) and stores, in input order. An article
        # whose text is already in flight waits for its turn and is then handled here (it is a duplicate).
        runner: InOrder[_Prepared | Item] = InOrder(self._pool)
        in_flight: dict[str, int] = {}

        def take(results: Iterator[tuple[_Prepared | Item, object]]) -> None:
            for key, result in results:
                if not isinstance(key, _Prepared):
                    self.ingest_item(*key)
                    continue
                left = in_flight.pop(key.chash) - 1
                if left:
                    in_flight[key.chash] = left
                self._finish(key, _worker_result(result))

        for origin, item in items:
            if self.should_stop():
                self.stats.interrupted = True
                break
            prep = self._prepare(origin, item, in_flight)
            if prep == "wait":
                runner.put((origin, item))
            elif isinstance(prep, _Prepared):
                in_flight[prep.chash] = in_flight.get(prep.chash, 0) + 1
                runner.put(prep, _extract_in_worker, prep.doc)
            take(runner.ready())
        take(runner.drain())  # what is in flight is stored (after Ctrl-C too; a second one stops at once)

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
        runner: InOrder[str] = InOrder(self._pool)

        def take(results: Iterator[tuple[str, object]]) -> None:
            for article_id, result in results:
                doc = _worker_result(result)
                if isinstance(doc, KhabarError):
                    self._done(article_id, "failed", str(doc))
                    continue
                self.store.save(doc, origin=None, version=self.version)
                self.stats.events += len(doc.events)
                self._done(article_id, "updated")

        for article_id in self.store.article_ids(stale_only=True):
            if self.should_stop():
                self.stats.interrupted = True
                break
            stored = self.store.load_document(article_id)
            base = Document(text=stored.text, id=stored.id, published=stored.published, outlet=stored.outlet,
                            title=stored.title, url=stored.url, headline=stored.headline, meta=stored.meta)
            runner.put(article_id, _extract_in_worker if self._pool is not None else self._extract, base)
            take(runner.ready())
        take(runner.drain())
        return self.stats

    def _extract(self, doc: Document) -> Document | KhabarError:
        try:
            return self._run_pipeline(doc)
        except KhabarError as exc:
            return exc

    def close(self) -> None:
        """End the worker processes (if any)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class _Prepared:
    origin: str
    doc: Document
    chash: str
    known: bool


def _extract_in_worker(doc: Document) -> Document | str:
    """Run the worker's pipeline on one document; an error comes back as its message."""
    from khabar.parallel import pipeline

    try:
        return pipeline()(doc)
    except KhabarError as exc:
        return str(exc)
    except Exception as exc:  # the same message as in-process (Ingestor._run_pipeline)
        return f"pipeline failed: {type(exc).__name__}: {exc}"


def _worker_result(result: object) -> Document | KhabarError:
    if isinstance(result, Document | KhabarError):
        return result
    if isinstance(result, JobFailed):
        return KhabarError(f"pipeline failed: {result.message}")
    return KhabarError(str(result))
