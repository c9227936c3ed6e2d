"""Throughput of ``khabar.extract``: articles/s on one process and peak memory.

Usage: python benchmarks/extract_throughput.py [--limit 2000] [--file PATH] [--stages a,b,c]
Reads ../shared/data/news/saudinewsnet/conflict_subset.jsonl by default.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import khabar
from khabar.errors import InputError, KhabarError
from khabar.ingest.records import article_from_json, open_jsonl
from khabar.pipeline import DEFAULT_STAGES, Pipeline

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/news/saudinewsnet/conflict_subset.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--stages", default=",".join(DEFAULT_STAGES))
    args = ap.parse_args()
    if not args.file.exists():
        print(f"data not found: {args.file}", file=sys.stderr)
        return 2
    stages = tuple(args.stages.split(","))
    articles = []
    bad_records = 0
    with open_jsonl(args.file) as fh:
        for line in fh:
            if len(articles) + bad_records >= args.limit:
                break
            try:
                articles.append(article_from_json(json.loads(line)))
            except KhabarError:  # SaudiNewsNet has lines with an empty content field
                bad_records += 1
    t0 = time.perf_counter()
    Pipeline(stages)  # build once; the first extract also loads lexicons and models
    khabar.extract(articles[0].text, title=articles[0].title, stages=stages)
    load = time.perf_counter() - t0

    n = chars = events = entities = skipped = 0
    per_stage = {name: 0.0 for name in stages}
    pipeline = Pipeline(stages)
    start = time.perf_counter()
    for a in articles:
        try:
            doc = khabar.make_document(a.text, title=a.title, published=a.published, outlet=a.outlet)
        except InputError:
            skipped += 1
            continue
        for stage in pipeline.stages:
            t = time.perf_counter()
            doc = stage(doc)
            per_stage[stage.name] += time.perf_counter() - t
        n += 1
        chars += len(doc.text)
        events += len(doc.events)
        entities += len(doc.entities)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file: {args.file.name}  articles: {n} (skipped: {skipped} bad text, {bad_records} bad records)")
    print(f"characters: {chars:,}")
    print(f"warm-up (load data, first article): {load:.2f} s")
    print(f"throughput: {n / elapsed:.1f} articles/s  ({chars / elapsed / 1000:.0f} k chars/s), {elapsed:.1f} s")
    print(f"per article: {1000 * elapsed / max(n, 1):.1f} ms   entities: {entities}  events: {events}")
    print("per stage (ms/article): " + ", ".join(f"{k} {1000 * v / max(n, 1):.2f}" for k, v in per_stage.items()))
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
