"""Benchmark: ingest the SaudiNewsNet corpus (31,030 articles) into SQLite; prints articles/s, peak memory, size.

    python benchmarks/ingest_sqlite.py [--limit N] [--db sqlite:///benchmarks/out/bench.db] [--input FILE]

The database is created fresh; a second pass over the same input measures the skip (resume) rate.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "all.jsonl.gz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def db_size_mb(store) -> float:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    if store.dialect == "postgresql":
        with store.connect() as conn:
            return conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one() / 2**20
    path = Path(store.url.removeprefix("sqlite:///"))
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def run(url: str, source: Path, limit: int | None, label: str) -> None:
    from khabar.ingest.run import Ingestor
    from khabar.ingest.sources import iter_inputs
    from khabar.store import open_store, pipeline_version

    if not source.exists():
        sys.exit(f"benchmark input not found: {source}")
    with open_store(url) as store:
        for pass_name in ("ingest", "re-ingest (all skipped)"):
            ing = Ingestor(store)
            items = itertools.islice(iter_inputs([str(source)]), limit)
            t0 = time.perf_counter()
            ing.ingest_items(items)
            dt = time.perf_counter() - t0
            st = ing.stats
            print(f"{label} {pass_name}: {st.seen:,} articles in {dt:,.1f} s = {st.seen / dt:,.1f} articles/s "
                  f"({st.summary()})")
        print(f"{label}: peak RSS {peak_rss_mb():,.0f} MB, database {db_size_mb(store):,.1f} MB, "
              f"{store.count('articles'):,} articles, {store.count('events'):,} events, "
              f"pipeline {pipeline_version()}")


def main(default_url: str, default_limit: int | None, label: str) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=default_url)
    parser.add_argument("--input", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=default_limit)
    args = parser.parse_args()
    if args.db.startswith("sqlite:///"):
        path = Path(args.db.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(path.name + "*"):
            old.unlink()
    else:
        _reset_postgres(args.db)
    run(args.db, args.input, args.limit, label)


def _reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    from khabar.store.url import engine_url

    engine = sa.create_engine(engine_url(url))
    with engine.begin() as conn:
        for table in ("article_fts", "event_quantities", "event_arguments", "events", "sources", "entities",
                      "times", "quantities", "articles", "alembic_version"):
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()


if __name__ == "__main__":
    main(f"sqlite:///{ROOT / 'benchmarks' / 'out' / 'bench.db'}", None, "sqlite")
