"""Beyond one machine: extraction on a Dask ``distributed`` cluster, with idempotent writes (extra ``khabar[dask]``).

A task is a *partition* of articles (a list of ``(origin, ArticleInput)``). Each Dask worker process builds the
pipeline once (``khabar.parallel.pipeline``) and keeps it. Writes are safe when the scheduler runs a task
again (a worker died, a task was stolen):

- PostgreSQL (or SQLite on one machine): ``store_partition`` stores article by article, each in its own
  transaction, keyed by the content hash (``khabar.ingest``): an article a first attempt already committed is
  skipped, so a retried partition neither loses nor doubles anything.
- Parquet: ``write_parquet_partition`` writes the events of partition *i* to ``part-<i>.parquet`` through a
  temporary file renamed into place, so the dataset holds each partition once, whole or not at all.

    from distributed import Client
    import khabar.dask as kd

    client = Client("tcp://scheduler:8786")
    stats = kd.ingest(client, ["archive.jsonl.gz"], "postgresql://khabar:…@db/khabar")   # store
    bag = kd.article_bag(["archive.jsonl.gz"], partition_size=64)                          # or a dask.bag
    records = kd.records(bag).compute()                                                    # JSON records
    kd.write_parquet(bag, "events/")                                                       # Parquet dataset
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from khabar.errors import InputError, KhabarError
from khabar.extract import make_document
from khabar.ingest.records import ArticleInput
from khabar.ingest.run import Ingestor, IngestStats
from khabar.ingest.sources import Item, iter_inputs
from khabar.model import Document
from khabar.parallel import pipeline

Partition = list[Item]

_stores: dict[str, Any] = {}


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise KhabarError("Dask is not installed: pip install 'khabar[dask]'") from None


def partitions(targets: list[str], *, partition_size: int = 64, outlet: str | None = None) -> Iterator[Partition]:
    """The articles of ``targets`` (files, directories, feeds, archives; read here) in lists of ``partition_size``."""
    batch: Partition = []
    for item in iter_inputs(targets, outlet=outlet, allow_urls=False):
        batch.append(item)
        if len(batch) >= partition_size:
            yield batch
            batch = []
    if batch:
        yield batch


def article_bag(targets: list[str], *, partition_size: int = 64, outlet: str | None = None) -> Any:
    """A ``dask.bag`` of ``(origin, ArticleInput | KhabarError)`` items, ``partition_size`` per partition."""
    _require_dask()
    import dask.bag as db

    parts = list(partitions(targets, partition_size=partition_size, outlet=outlet))
    return db.from_delayed([_delayed_partition(p) for p in parts]) if parts else db.from_sequence([])


def _delayed_partition(part: Partition) -> Any:
    from dask import delayed

    return delayed(part, traverse=False)


def extract_partition(items: Iterable[Item]) -> list[Document | KhabarError]:
    """Run the worker's pipeline (built once per process) on every article of a partition; a bad article is
    its error in its place."""
    out: list[Document | KhabarError] = []
    for origin, item in items:
        if isinstance(item, KhabarError):
            out.append(item)
            continue
        try:
            doc = make_document(item.text, title=item.title, published=item.published, outlet=item.outlet,
                                id=item.id, url=item.url)
            out.append(pipeline()(doc))
        except InputError as exc:
            out.append(exc)
        except KhabarError as exc:
            out.append(KhabarError(f"{origin}: {exc}"))
        except Exception as exc:  # a bug in one stage fails one article, as in khabar ingest
            out.append(KhabarError(f"{origin}: pipeline failed: {type(exc).__name__}: {exc}"))
    return out


def _record(result: Document | KhabarError) -> dict[str, Any]:
    if isinstance(result, Document):
        return result.to_dict()
    return {"error": str(result)}


def records(bag: Any) -> Any:
    """A bag of JSON records (``Document.to_dict()``; ``{"error": …}`` for a bad article) from a bag of items."""
    return bag.map_partitions(extract_partition).map(_record)


def _store(url: str) -> Any:
    """One open store per worker process and URL (connections are pooled, not reopened per task)."""
    from khabar.store.db import open_store

    if url not in _stores:
        _stores[url] = open_store(url)
    return _stores[url]


def store_partition(items: Partition, url: str) -> dict[str, Any]:
    """Extract and store one partition (run on a worker); returns its counts. Safe to run again: what a
    first attempt committed is skipped by its content hash."""
    ing = Ingestor(_store(url))
    ing.pipeline = pipeline()
    ing.ingest_items(items)
    return asdict(ing.stats)


def ingest(
    client: Any,
    targets: list[str],
    url: str,
    *,
    partition_size: int = 64,
    outlet: str | None = None,
    in_flight: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_partition: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Ingest ``targets`` on the cluster of ``client`` into the database at ``url`` (which every worker must
    reach: PostgreSQL for several machines). The articles are read here and sent in partitions; at most
    ``in_flight`` partitions (default: 2 per worker thread) are queued at once."""
    _require_dask()
    from distributed import as_completed

    if url.startswith("sqlite") and ":memory:" in url:
        raise InputError("an in-memory SQLite database cannot be shared with Dask workers")
    from khabar.store.db import open_store

    open_store(url).close()  # create or migrate the schema once, before the workers write
    limit = in_flight or 2 * max(1, sum(client.nthreads().values()))
    total = IngestStats()
    queue = as_completed()
    parts = partitions(targets, partition_size=partition_size, outlet=outlet)

    def add(done: dict[str, Any]) -> None:
        for f in fields(IngestStats):
            if f.name == "errors":
                total.errors.extend(done["errors"])
            elif f.name != "interrupted":
                setattr(total, f.name, getattr(total, f.name) + done[f.name])
        if on_partition is not None:
            on_partition(total)

    pending = 0
    for part in parts:
        if should_stop():
            total.interrupted = True
            break
        queue.add(client.submit(store_partition, part, url, pure=False))
        pending += 1
        while pending >= limit:
            add(next(queue).result())
            pending -= 1
    for future in queue:
        add(future.result())
    return total


def write_parquet_partition(results: list[Document | KhabarError], index: int, directory: str) -> str:
    """Write the events of one partition to ``directory/part-<index>.parquet`` (temporary file, then rename)."""
    from khabar.export.parquet import write_parquet as write_events

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"part-{index:05d}.parquet"
    docs = [r for r in results if isinstance(r, Document)]
    fd, tmp = tempfile.mkstemp(prefix=f".part-{index:05d}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            write_events(((d, ev) for d in docs for ev in d.events), fh)
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return str(final)


def write_parquet(bag: Any, directory: str | Path) -> list[str]:
    """Extract a bag of items on the cluster and write one Parquet file of events per partition into
    ``directory`` (a partitioned dataset ``pyarrow.dataset`` and pandas read as one table); a rerun replaces
    each file whole. Returns the file paths."""
    _require_dask()
    from dask import compute, delayed

    parts = bag.map_partitions(extract_partition).to_delayed()
    tasks = [delayed(write_parquet_partition)(p, i, str(directory)) for i, p in enumerate(parts)]
    return list(compute(*tasks))


__all__ = [
    "ArticleInput",
    "article_bag",
    "extract_partition",
    "ingest",
    "partitions",
    "records",
    "store_partition",
    "write_parquet",
    "write_parquet_partition",
]
