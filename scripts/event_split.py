"""The held-out test split of the event annotations: 20 % of the candidate articles, fixed seed.

    python scripts/event_split.py [--share 0.2] [--seed 2015]   # writes eval/annotations/events/split.json

The articles are those of ``candidates.jsonl`` (conflict_subset.jsonl line numbers); the test articles
are never to be used for training or tuning, only for the held-out figures.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ANN = Path(__file__).resolve().parents[1] / "eval" / "annotations" / "events"


def article_lines(candidates: Path) -> list[int]:
    with candidates.open(encoding="utf-8") as fh:
        return sorted({json.loads(x)["text_ref"]["line"] for x in fh if x.strip()})


def test_lines(lines: list[int], share: float, seed: int) -> list[int]:
    """``share`` of ``lines`` (rounded), drawn with ``seed``; sorted."""
    return sorted(random.Random(seed).sample(lines, round(share * len(lines))))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--share", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--out", type=Path, default=ANN / "split.json")
    ns = ap.parse_args(argv)
    lines = article_lines(ANN / "candidates.jsonl")
    test = test_lines(lines, ns.share, ns.seed)
    record = {
        "path": "news/saudinewsnet/conflict_subset.jsonl",
        "rule": f"test = random.Random({ns.seed}).sample(sorted article lines, round({ns.share} * n)); train: the rest",
        "articles": len(lines),
        "test_lines": test,
    }
    ns.out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(test)} of {len(lines)} articles in the test split -> {ns.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
