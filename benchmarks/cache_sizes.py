"""Hit rate of khabar's bounded caches as a function of their size, from a trace of real calls.

Usage: python benchmarks/cache_sizes.py [--limit 1000] [--sizes 1000,2000,5000,...] [--file PATH]

Every bounded ``functools.lru_cache`` of khabar (maxsize > 1) is replaced by a wrapper that records the
hash of each call's arguments, then ``khabar.extract`` runs over the first ``--limit`` articles of all
SaudiNewsNet. The recorded key sequences are replayed through an LRU of each size: the printed hit rates
are what each ``maxsize`` would give on this stream (the cache sizes in the code are chosen from them),
with the number of distinct keys (the size at which nothing is ever evicted).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(os.environ.get("KHABAR_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared/data"))
DEFAULT = DATA / "news/saudinewsnet/all.jsonl.gz"


def bounded_caches() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("khabar"):
            continue
        for attr, obj in vars(module).items():
            info = getattr(obj, "cache_info", None)
            if info is None or getattr(obj, "__module__", None) != name:
                continue
            if (info().maxsize or 0) > 1:
                found[f"{name}.{attr}"] = obj
    return found


def trace(caches: dict[str, Any]) -> dict[str, list[int]]:
    """Replace every cache (under every name a khabar module has for it) by a recording wrapper."""
    keys: dict[str, list[int]] = {name: [] for name in caches}
    wrappers: dict[int, Callable[..., Any]] = {}
    for name, fn in caches.items():
        log = keys[name].append

        def wrapper(*args: Any, _fn: Any = fn, _log: Any = log, **kw: Any) -> Any:
            _log(hash((args, tuple(sorted(kw.items())))))
            return _fn(*args, **kw)

        wrappers[id(fn)] = wrapper
    for mod_name, module in list(sys.modules.items()):
        if mod_name.startswith("khabar"):
            for attr, obj in list(vars(module).items()):
                if id(obj) in wrappers:
                    setattr(module, attr, wrappers[id(obj)])
    return keys


def lru_hits(seq: list[int], size: int) -> int:
    cache: OrderedDict[int, None] = OrderedDict()
    hits = 0
    for k in seq:
        if k in cache:
            hits += 1
            cache.move_to_end(k)
        else:
            cache[k] = None
            if len(cache) > size:
                cache.popitem(last=False)
    return hits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--sizes", default="1000,2000,5000,10000,20000,50000,100000,200000,400000")
    args = ap.parse_args()
    if not args.file.exists():
        print(f"data not found: {args.file}", file=sys.stderr)
        return 2
    import khabar
    from khabar.errors import KhabarError
    from khabar.ingest.records import article_from_json, open_jsonl

    khabar.extract("قال مصدر إن هجوما وقع أمس في الحسكة.")  # load every module (and its caches)
    keys = trace(bounded_caches())
    n = 0
    with open_jsonl(args.file) as fh:
        for line in fh:
            if n >= args.limit:
                break
            try:
                a = article_from_json(json.loads(line))
                khabar.extract(a.text, title=a.title, published=a.published, outlet=a.outlet)
            except KhabarError:
                continue
            n += 1
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{n} articles of {args.file.name}; hit rate (%) by cache size")
    print(f"{'cache':44s} {'calls':>10s} {'distinct':>9s} " + " ".join(f"{s:>7,}" for s in sizes))
    for name, seq in sorted(keys.items()):
        if not seq:
            continue
        rates = " ".join(f"{100 * lru_hits(seq, s) / len(seq):7.1f}" for s in sizes)
        print(f"{name:44s} {len(seq):10,} {len(set(seq)):9,} {rates}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
