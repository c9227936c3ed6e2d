"""Benchmark: ingest 2,000 SaudiNewsNet articles into PostgreSQL; prints articles/s, peak memory, database size.

    python benchmarks/ingest_postgres.py [--limit 2000] [--db postgresql://khabar:khabar@localhost:5432/khabar]

Start a server first (``bash .ci/postgres.sh``). The benchmark drops khabar's tables in that database.
"""

from __future__ import annotations

import os

from ingest_sqlite import main

if __name__ == "__main__":
    main(os.environ.get("KHABAR_BENCH_PG_URL", "postgresql://khabar:khabar@localhost:5432/khabar"), 2000, "postgresql")
