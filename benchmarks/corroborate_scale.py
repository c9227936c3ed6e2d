"""Time and memory of corroboration (copies + same-event clustering) as the corpus grows (prints figures).

    python benchmarks/corroborate_scale.py --db sqlite:///corpus.db [--steps 4] [--min-shared N]

Reads the stored articles of a khabar store (``khabar ingest`` of ``../shared/data/news/saudinewsnet/all.jsonl.gz``,
as many as extraction allows), sorts them by publication day, and corroborates the first 1/steps, 2/steps … of them,
printing for each size: articles, events, copy-index time, clustering time, pair comparisons, comparisons per
event, CPU seconds and the peak of traced memory. Near-linear scaling shows as a flat "comparisons per event" and
"ms per event" column (the blocking by type family × country × day window bounds the candidates of a report by the
reports of its neighbourhood, not by the corpus). ``--min-shared 0`` turns the word pre-filter off (every cluster of
a report's blocks is scored, as before it existed); the default is the engine's. The last line gives the peak
resident memory of the process (``ru_maxrss``), loading included.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from collections.abc import Callable


def groups_equal(groups: dict[str, str]) -> Callable[[str, str], bool]:
    return lambda a, b: groups[a] == groups[b]


def main(argv: list[str] | None = None) -> int:
    import dataclasses
    import resource

    from khabar.corroborate.copies import CopyIndex
    from khabar.corroborate.engine import Clusterer, default_params, report_order
    from khabar.corroborate.reports import reports_of
    from khabar.store import open_store

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--min-shared", type=int, default=None, help="content words a cluster must share (0: off)")
    args = ap.parse_args(argv)
    params = default_params()
    if args.min_shared is not None:
        params = dataclasses.replace(params, min_shared=args.min_shared)

    with open_store(args.db, create=False) as store:
        t = time.perf_counter()
        docs = list(store.iter_documents(store.article_ids()))
        load_s = time.perf_counter() - t
    docs.sort(key=lambda d: (d.published.isoformat() if d.published else "", d.id))
    print(f"{len(docs)} stored articles loaded in {load_s:.1f} s; load average {os.getloadavg()[0]:.1f}; "
          f"min_shared {params.min_shared}")
    print(f"{'articles':>8} {'events':>7} {'copies s':>8} {'cluster s':>9} {'compared':>9} {'cmp/event':>9} "
          f"{'ms/event':>8} {'cpu s':>6} {'peak MB':>7} {'clusters':>8} {'multi':>6}")
    for step in range(1, args.steps + 1):
        part = docs[: len(docs) * step // args.steps]
        tracemalloc.start()
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        index = CopyIndex()
        for d in part:
            index.add(d.id, d.text)
        groups = index.groups()
        t1 = time.perf_counter()
        reports = sorted((r for d in part for r in reports_of(d)), key=report_order)
        cl = Clusterer(params, same_copy=groups_equal(groups))
        cl.add_all(reports)
        t2 = time.perf_counter()
        cpu = time.process_time() - cpu0
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        multi = sum(1 for c in cl.clusters.values() if len({r.article for r in c.members}) > 1)
        n = max(1, len(reports))
        print(f"{len(part):>8} {len(reports):>7} {t1 - t0:>8.1f} {t2 - t1:>9.1f} {cl.compared:>9} "
              f"{cl.compared / n:>9.1f} {1000 * (t2 - t1) / n:>8.2f} {cpu:>6.1f} {peak / 2**20:>7.1f} "
              f"{len(cl.clusters):>8} {multi:>6}")
        sys.stdout.flush()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
