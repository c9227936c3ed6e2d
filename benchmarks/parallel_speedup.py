"""Speedup of worker processes (``khabar extract --jsonl … --workers N``) over one process.

Usage: python benchmarks/parallel_speedup.py [--limit 400] [--workers 1,2] [--file PATH] [--cli]

Runs the code ``khabar extract --jsonl`` runs (``khabar.parallel`` with the CLI's per-article job: extract and
serialize the JSON record) on the same articles with each worker count. The pool is started and warmed up
(every worker has loaded its resources) before the clock starts, so the figures are steady-state throughput;
``--cli`` also times the whole command (start-up included) in a subprocess. Prints wall time, articles/s, the
CPU seconds of this process and of its workers, the speedup over the first worker count and the load average
(the machine may be shared: CPU seconds per article is the figure that load does not distort).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.cli.extract import Format, _extract_job
from khabar.errors import KhabarError
from khabar.ingest.records import ArticleInput, article_from_json, open_jsonl
from khabar.parallel import InOrder, WorkerPool, set_pipeline
from khabar.pipeline import DEFAULT_STAGES

DATA = Path(os.environ.get("KHABAR_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared/data"))
DEFAULT = DATA / "news/saudinewsnet/all.jsonl.gz"


def read(path: Path, limit: int) -> list[tuple[int, ArticleInput, Format, float | None]]:
    jobs: list[tuple[int, ArticleInput, Format, float | None]] = []
    with open_jsonl(path) as fh:
        for lineno, line in enumerate(fh, start=1):
            if len(jobs) >= limit:
                break
            try:
                jobs.append((lineno, article_from_json(json.loads(line)), Format.json, None))
            except KhabarError:  # SaudiNewsNet has lines with an empty content field
                continue
    return jobs


def timed_job(job: tuple[int, ArticleInput, Format, float | None]) -> tuple[object, float]:
    """The CLI's job, with the CPU seconds it took in its worker."""
    t = time.process_time()
    result = _extract_job(job)
    return result, time.process_time() - t


def cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run(workers: int, jobs: list[tuple[int, ArticleInput, Format, float | None]]) -> tuple[float, float, float, int]:
    """(wall s, parent CPU s, CPU s inside the jobs, output bytes) of the timed part."""
    pool = WorkerPool(workers) if workers > 1 else None
    if pool is None:
        set_pipeline(DEFAULT_STAGES)
    warm: InOrder[int] = InOrder(pool)
    for i, job in enumerate(jobs[: 2 * workers]):  # every worker loads its resources before the clock starts
        warm.put(i, _extract_job, job)
    list(warm.drain())
    runner: InOrder[int] = InOrder(pool)
    size, in_jobs = 0, 0.0

    def take(results: object) -> None:
        nonlocal size, in_jobs
        for _, (result, seconds) in results:  # type: ignore[attr-defined]
            size += len(result[1])
            in_jobs += seconds

    parent0, start = cpu(resource.RUSAGE_SELF), time.perf_counter()
    for i, job in enumerate(jobs):
        runner.put(i, timed_job, job)
        take(runner.ready())
    take(runner.drain())
    wall, parent = time.perf_counter() - start, cpu(resource.RUSAGE_SELF) - parent0
    if pool is not None:
        pool.close()
    else:
        parent -= in_jobs  # the jobs ran in this process
    return wall, parent, in_jobs, size


def run_cli(workers: int, path: Path) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        children0, start = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([sys.executable, "-m", "khabar", "extract", "--jsonl", str(path), "--skip-bad",
                        "--workers", str(workers), "-o", str(Path(tmp) / "out.jsonl")], check=True,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start, cpu(resource.RUSAGE_CHILDREN) - children0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--cli", action="store_true", help="also time the whole command in a subprocess")
    args = ap.parse_args()
    if not args.file.exists():
        print(f"data not found: {args.file}", file=sys.stderr)
        return 2
    counts = [int(w) for w in args.workers.split(",")]
    jobs = read(args.file, args.limit)
    print(f"file: {args.file.name}  articles: {len(jobs)}  cores: {os.cpu_count()}  "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    base = None
    sizes = set()
    for n in counts:
        wall, parent, workers_cpu, size = run(n, jobs)
        sizes.add(size)
        rate = len(jobs) / wall
        base = base or rate
        print(f"workers {n}: {wall:6.1f} s wall  {rate:5.1f} articles/s  speedup {rate / base:.2f}x  "
              f"CPU: in the jobs {workers_cpu:.1f} s ({1000 * workers_cpu / len(jobs):.0f} ms/article), "
              f"parent besides {parent:.1f} s  "
              f"load {os.getloadavg()[0]:.2f}")
    print(f"output identical for every worker count: {len(sizes) == 1}")
    if args.cli:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.jsonl"
            with open_jsonl(args.file) as fh, src.open("w", encoding="utf-8") as out:
                for _, line in zip(range(args.limit), fh, strict=False):
                    out.write(line)
            cli_base = None
            for n in counts:
                wall, cpu_s = run_cli(n, src)
                cli_base = cli_base or wall
                print(f"CLI workers {n}: {wall:.1f} s wall (start-up included), {cpu_s:.1f} CPU s, "
                      f"speedup {cli_base / wall:.2f}x  load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
