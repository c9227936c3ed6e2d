"""Time the entities + geocode stages per article over the SaudiNewsNet conflict subset (prints figures).

Run from the repository root:  python benchmarks/bench_entities.py [N]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar import KhabarError, Pipeline  # noqa: E402
from khabar.extract import make_document  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "conflict_subset.jsonl"


def main() -> int:
    if not DATA.exists():
        print(f"no data at {DATA}")
        return 0
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    text_stages = Pipeline(["tokens", "sentences"])
    ent_stages = Pipeline(["tokens", "sentences", "entities", "geocode"])
    t0 = time.perf_counter()
    ent_stages(make_document("تحميل البيانات في دمشق"))  # load data files and build the automaton once
    print(f"first call (loading lexicons, building automaton): {1000 * (time.perf_counter() - t0):.0f} ms")
    times, chars, ents = [], 0, 0
    for line in DATA.read_text(encoding="utf-8").splitlines()[:n]:
        r = json.loads(line)
        try:
            doc = make_document(r["content"], title=r.get("title"))
        except KhabarError:
            continue
        base = text_stages(doc)
        t = time.perf_counter()
        out = ent_stages.stages[2](base)
        out = ent_stages.stages[3](out)
        times.append(time.perf_counter() - t)
        chars += len(doc.text)
        ents += len(out.entities)
    ms = [1000 * x for x in times]
    print(f"articles {len(ms)}, mean {chars / len(ms):.0f} chars, {ents / len(ms):.1f} entities")
    print(f"entities+geocode per article: mean {statistics.mean(ms):.2f} ms, median {statistics.median(ms):.2f} ms, "
          f"p95 {sorted(ms)[int(0.95 * len(ms))]:.2f} ms, max {max(ms):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
