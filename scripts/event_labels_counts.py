"""Counts of one labels file of event candidates, as the README reports them.

    python scripts/event_labels_counts.py [LABELS] [--json]
    python scripts/event_labels_counts.py --all [--json]     # every primary file (labels-<letter>.jsonl) together

Prints the number of labels and of articles (with their line range), happenings and non-happenings,
happenings by type and by status, non-happenings by reason, how many happenings name an actor / a
target / neither, and how many labels (and articles) fall in the held-out test split of split.json.
Reads only the repository's files (no shared data needed).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

ANN = Path(__file__).resolve().parents[1] / "eval" / "annotations" / "events"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def counts(labels: list[dict[str, Any]], candidates: list[dict[str, Any]], test_lines: set[int]) -> dict[str, Any]:
    line_of = {c["id"]: c["text_ref"]["line"] for c in candidates}
    lexicon_type = {c["id"]: c["lexicon_type"] for c in candidates}
    lines = sorted({line_of[r["id"]] for r in labels})
    pos = [r for r in labels if r["happening"]]
    neg = [r for r in labels if not r["happening"]]
    test = [r for r in labels if line_of[r["id"]] in test_lines]
    return {
        "labels": len(labels),
        "articles": len(lines),
        "first_line": lines[0] if lines else None,
        "last_line": lines[-1] if lines else None,
        "happenings": len(pos),
        "non_happenings": len(neg),
        "by_type": dict(Counter(r["type"] for r in pos).most_common()),
        "by_status": dict(Counter(r["status"] for r in pos).most_common()),
        "by_reason": dict(Counter(r["reason"] for r in neg).most_common()),
        "with_actor": sum(1 for r in pos if r["actor"]),
        "with_target": sum(1 for r in pos if r["target"]),
        "with_neither": sum(1 for r in pos if not r["actor"] and not r["target"]),
        "type_differs_from_lexicon": sum(1 for r in pos if r["type"] != lexicon_type[r["id"]]),
        "test_labels": len(test),
        "test_articles": len({line_of[r["id"]] for r in test}),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labels", type=Path, nargs="?", default=ANN / "labels-b.jsonl")
    ap.add_argument("--all", action="store_true", help="every primary label file together")
    ap.add_argument("--json", action="store_true")
    ns = ap.parse_args(argv)
    candidates = _jsonl(ANN / "candidates.jsonl")
    split = json.loads((ANN / "split.json").read_text(encoding="utf-8"))
    if ns.all:
        from khabar.training.labels import label_files

        labels = [r for path in label_files(ANN) for r in _jsonl(path)]
    else:
        labels = _jsonl(ns.labels)
    result = counts(labels, candidates, set(split["test_lines"]))
    if ns.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    r = result
    print(f"{r['labels']} labels from {r['articles']} articles (lines {r['first_line']}-{r['last_line']})")
    share = round(100 * r["happenings"] / r["labels"], 1) if r["labels"] else 0.0
    print(f"{r['happenings']} happenings, {r['non_happenings']} non-happenings ({share} % positive)")
    print("by type: " + ", ".join(f"{k} {v}" for k, v in r["by_type"].items()))
    print("by status: " + ", ".join(f"{k} {v}" for k, v in r["by_status"].items()))
    print("by reason: " + ", ".join(f"{k} {v}" for k, v in r["by_reason"].items()))
    print(f"with an actor {r['with_actor']}, with a target {r['with_target']}, with neither {r['with_neither']}")
    print(f"type differs from the lexicon's: {r['type_differs_from_lexicon']}")
    print(f"in the test split: {r['test_labels']} labels from {r['test_articles']} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
