"""Time of the sources + events stages per article on the SaudiNewsNet conflict subset (prints figures)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from khabar.extract import make_document
from khabar.pipeline import Pipeline
from khabar.stages.events import events_stage
from khabar.stages.sources import sources_stage

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet" / "conflict_subset.jsonl"


def main(n: int = 200) -> None:
    if not DATA.exists():
        sys.exit(f"data not found: {DATA}")
    before = Pipeline(["tokens", "sentences", "entities", "geocode", "times", "quantities"])
    docs = []
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            doc = make_document(row["content"], title=row["title"], published=row["date_extracted"][:10],
                                outlet=row["source"])
            docs.append(before(doc))
            if len(docs) >= n:
                break
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} articles, {chars / len(docs):.0f} chars on average")
    for label in ("cold caches", "warm caches"):
        t0 = time.perf_counter()
        events = sources = 0
        for doc in docs:
            out = events_stage(sources_stage(doc))
            events += len(out.events)
            sources += len(out.sources)
        dt = time.perf_counter() - t0
        print(f"sources+events ({label}): {dt / len(docs) * 1000:.2f} ms/article; "
              f"{events / len(docs):.1f} events, {sources / len(docs):.1f} sources per article")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
