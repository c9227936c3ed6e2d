"""Memory of one process over a long run: RSS every 500 articles, and the hit rates of khabar's caches.

Usage: python benchmarks/memory.py [--limit 5000] [--every 500] [--file PATH]

Runs ``khabar.extract`` on the first ``--limit`` articles of all SaudiNewsNet (``all.jsonl.gz``) in this
process and prints the resident set size (VmRSS) after warm-up and every ``--every`` articles, the peak
(VmHWM), and, for every bounded ``functools.lru_cache`` of khabar (maxsize > 1), its size, hits, misses and
hit rate over the run: the figures the cache sizes are chosen from.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import khabar
from khabar.errors import KhabarError
from khabar.ingest.records import article_from_json, open_jsonl

DATA = Path(os.environ.get("KHABAR_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared/data"))
DEFAULT = DATA / "news/saudinewsnet/all.jsonl.gz"


def status(key: str) -> float:
    """A ``/proc/self/status`` figure in MB (VmRSS: now, VmHWM: peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def caches() -> dict[str, Any]:
    """Every lru_cache-wrapped function of a loaded khabar module with a maxsize above 1."""
    found: dict[str, Any] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("khabar"):
            continue
        for attr, obj in vars(module).items():
            info = getattr(obj, "cache_info", None)
            if info is None or getattr(obj, "__module__", None) != name:
                continue
            maxsize = info().maxsize
            if maxsize is None or maxsize > 1:
                found[f"{name}.{attr}"] = obj
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--every", type=int, default=500)
    args = ap.parse_args()
    if not args.file.exists():
        print(f"data not found: {args.file}", file=sys.stderr)
        return 2
    print(f"file: {args.file.name}  articles: {args.limit}  load average: {os.getloadavg()[0]:.2f}", flush=True)
    n = 0
    start = time.perf_counter()
    with open_jsonl(args.file) as fh:
        for line in fh:
            if n >= args.limit:
                break
            try:
                a = article_from_json(json.loads(line))
                khabar.extract(a.text, title=a.title, published=a.published, outlet=a.outlet)
            except KhabarError:  # lines with an empty content field
                continue
            n += 1
            if n == 20:
                for fn in caches().values():  # hit rates over the run after warm-up
                    fn.cache_info()
                print(f"after warm-up ({n} articles): RSS {status('VmRSS'):.0f} MB", flush=True)
            if n % args.every == 0:
                gc.collect()
                print(f"{n:6d} articles: RSS {status('VmRSS'):.0f} MB  peak {status('VmHWM'):.0f} MB  "
                      f"({n / (time.perf_counter() - start):.1f} articles/s)", flush=True)
    print(f"peak RSS (VmHWM) over {n} articles: {status('VmHWM'):.0f} MB")
    print("caches (maxsize > 1): size / maxsize, hits, misses, hit rate")
    for name, fn in sorted(caches().items()):
        info = fn.cache_info()
        total = info.hits + info.misses
        rate = info.hits / total if total else 0.0
        print(f"  {name}: {info.currsize:,} / {info.maxsize if info.maxsize else 'unbounded'}, "
              f"{info.hits:,} hits, {info.misses:,} misses, {100 * rate:.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
