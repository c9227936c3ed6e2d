"""Speed of the times and quantities stages over the SaudiNewsNet conflict subset (prints figures).

Usage: PYTHONPATH=src python benchmarks/bench_times_quantities.py [N_ARTICLES] [--show K] [--data FILE.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from khabar.arabic.sentences import split_sentences
from khabar.arabic.tokenize import tokenize
from khabar.model import Document
from khabar.stages.quantities import quantities_stage
from khabar.stages.times import times_stage

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet" / "conflict_subset.jsonl"


def main() -> None:
    args = sys.argv[1:]
    show = int(args[args.index("--show") + 1]) if "--show" in args else 0
    limit = int(args[0]) if args and args[0].isdigit() else 10_000
    data = Path(args[args.index("--data") + 1]) if "--data" in args else DATA
    if not data.exists():
        print(f"data not found: {data}")
        return
    docs = []
    with data.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = f"{row['title']}\n\n{row['content']}"
            published = date.fromisoformat(row["date_extracted"][:10])
            doc = Document(text=text, id=row["url"], published=published)
            doc = doc.with_layer("tokens", tokens=tokenize(text))
            docs.append(doc.with_layer("sentences", sentences=split_sentences(text, None)))
            if len(docs) >= limit:
                break
    times_stage(docs[0])  # load the lexicons and compile the patterns once
    quantities_stage(docs[0])
    t0, c0 = time.perf_counter(), time.process_time()
    out = [quantities_stage(times_stage(d)) for d in docs]
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    n_t = sum(len(d.times) for d in out)
    n_q = sum(len(d.quantities) for d in out)
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} articles, {chars / len(docs):.0f} chars on average")
    per, per_cpu = elapsed / len(docs) * 1000, cpu / len(docs) * 1000
    print(f"times + quantities: {per:.2f} ms per article wall, {per_cpu:.2f} ms CPU; {n_t} times, {n_q} quantities")
    for d in out[:show]:
        print("==", d.id, d.published)
        for t in d.times:
            print("  T", repr(t.text), t.value, t.precision)
        for q in d.quantities:
            print("  Q", repr(q.text), q.value, q.low, q.high, q.approx, q.of, repr(q.unit))


if __name__ == "__main__":
    main()
