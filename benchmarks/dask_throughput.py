"""Dask: articles/s with 1 and 2 workers of a ``distributed.LocalCluster``, and the scheduler's cost per task.

Usage: python benchmarks/dask_throughput.py [--limit 200] [--workers 1,2] [--partition-size 16] [--file PATH]

For each worker count a fresh LocalCluster (processes, one thread each) is started and warmed up (every
worker builds its pipeline on one partition); then ``khabar.dask.records`` of the first ``--limit``
articles of all SaudiNewsNet is computed and timed. The overhead per task is the wall time of 500
no-op tasks through the same cluster, divided by 500. Prints the load average: on a shared machine
CPU is the limit, not Dask.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(os.environ.get("KHABAR_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared/data"))
DEFAULT = DATA / "news/saudinewsnet/all.jsonl.gz"


def noop(x: int) -> int:
    return x


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--partition-size", type=int, default=16)
    args = ap.parse_args()
    if not args.file.exists():
        print(f"data not found: {args.file}", file=sys.stderr)
        return 2
    from distributed import Client, LocalCluster

    import khabar.dask as kd
    from khabar.jsonlines import open_jsonl

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with open_jsonl(args.file) as fh, src.open("w", encoding="utf-8") as out:
            for _, line in zip(range(args.limit), fh, strict=False):
                out.write(line)
        bag = kd.article_bag([str(src)], partition_size=args.partition_size)
        n = bag.count().compute(scheduler="sync")
        print(f"{n} articles in {bag.npartitions} partitions of {args.partition_size}; "
              f"cores {os.cpu_count()}; load average {os.getloadavg()[0]:.2f}")
        base = None
        for workers in (int(w) for w in args.workers.split(",")):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                              silence_logs=40) as cluster, Client(cluster) as client:
                warm = kd.article_bag([str(src)], partition_size=2).take(2, npartitions=1, compute=False)
                client.run(lambda: kd.extract_partition([]))  # import khabar on every worker
                kd.records(warm).compute()
                client.run(kd.pipeline)  # every worker builds its pipeline
                start = time.perf_counter()
                recs = kd.records(bag).compute()
                wall = time.perf_counter() - start
                t = time.perf_counter()
                client.gather(client.map(noop, range(500), pure=False))
                per_task = (time.perf_counter() - t) / 500
                rate = len(recs) / wall
                base = base or rate
                print(f"Dask workers {workers}: {wall:.1f} s, {rate:.1f} articles/s "
                      f"({rate / workers:.1f} per worker), speedup {rate / base:.2f}x; "
                      f"scheduler overhead {1000 * per_task:.1f} ms per task "
                      f"({1000 * per_task / args.partition_size:.2f} ms per article at this partition size); "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
