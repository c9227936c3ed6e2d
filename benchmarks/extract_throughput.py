"""Throughput of ``khabar.extract``: articles/s on one process and peak memory.

Usage: python benchmarks/extract_throughput.py [--limit 2000] [--file PATH] [--stages a,b,c]
Reads ../shared/data/news/saudinewsnet/conflict_subset.jsonl by default.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

import khabar
from khabar.arabic.normalize import normalize
from khabar.arabic.tokenize import tokenize
from khabar.errors import InputError, KhabarError
from khabar.ingest.records import article_from_json, open_jsonl
from khabar.pipeline import DEFAULT_STAGES, Pipeline

_WORDS = re.compile(r"\w+")
DATA = Path(os.environ.get("KHABAR_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared/data"))
DEFAULT = DATA / "news/saudinewsnet/conflict_subset.jsonl"


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
    texts: list[str] = []
    cpu0 = time.process_time()
    start = time.perf_counter()
    for a in articles:
        try:
            doc = khabar.make_document(a.text, title=a.title, published=a.published, outlet=a.outlet)
        except InputError:
            skipped += 1
            continue
        for stage in pipeline.stages:
            t = time.process_time()  # CPU time: on a shared machine wall time per stage is mostly waiting
            doc = stage(doc)
            per_stage[stage.name] += time.process_time() - t
        n += 1
        texts.append(doc.text)
        chars += len(doc.text)
        events += len(doc.events)
        entities += len(doc.entities)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    bare = {}
    for name, func in (("regex word split", _WORDS.findall), ("normalize", normalize), ("khabar tokenizer", tokenize)):
        t = time.process_time()
        for text in texts:
            func(text)
        bare[name] = time.process_time() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file: {args.file.name}  articles: {n} (skipped: {skipped} bad text, {bad_records} bad records)")
    print(f"characters: {chars:,}")
    print(f"warm-up (load data, first article): {load:.2f} s")
    print(f"throughput: {n / elapsed:.1f} articles/s  ({chars / elapsed / 1000:.0f} k chars/s), {elapsed:.1f} s")
    print(f"per article: {1000 * elapsed / max(n, 1):.1f} ms   entities: {entities}  events: {events}")
    print("per stage (CPU ms/article): " + ", ".join(f"{k} {1000 * v / max(n, 1):.2f}" for k, v in per_stage.items()))
    print(f"CPU: {cpu:.1f} s, {1000 * cpu / max(n, 1):.1f} ms/article ({n / cpu:.1f} articles per CPU second); "
          f"load average {os.getloadavg()[0]:.2f}")
    print("bare passes over the same texts (CPU ms/article): "
          + ", ".join(f"{k} {1000 * v / max(n, 1):.2f}" for k, v in bare.items())
          + f"; extraction = {cpu / bare['regex word split']:.0f}x the word split, "
          f"{cpu / bare['khabar tokenizer']:.0f}x the tokenizer")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
