"""The held-out test split of the event annotations: 20 % of the candidate articles, fixed seed.

    python scripts/event_split.py [--share 0.2] [--seed 2015]   # writes eval/annotations/events/split.json

The articles are those of ``candidates.jsonl`` (conflict_subset.jsonl line numbers). The test split is
``random.Random(seed).sample(sorted lines, round(share * n))``, then closed under near-duplication: an
article whose content shares more than half of its word 5-grams with a test article (the same wire
story in two newspapers) joins the test split, so no story is on both sides. The test articles are
never to be used for training or tuning, only for the held-out figures. Needs the shared data
(``$KHABAR_SHARED_DATA`` or ``../shared/data``) for the article texts.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path

from khabar.evaluation.gold import find_data_dir

ROOT = Path(__file__).resolve().parents[1]
ANN = ROOT / "eval" / "annotations" / "events"
REL_PATH = "news/saudinewsnet/conflict_subset.jsonl"


def article_lines(candidates: Path) -> list[int]:
    with candidates.open(encoding="utf-8") as fh:
        return sorted({json.loads(x)["text_ref"]["line"] for x in fh if x.strip()})


def seeded_lines(lines: list[int], share: float, seed: int) -> list[int]:
    """``share`` of ``lines`` (rounded), drawn with ``seed``; sorted."""
    return sorted(random.Random(seed).sample(lines, round(share * len(lines))))


def _shingles(text: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    words = text.split()
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def near_duplicate_pairs(texts: Mapping[int, str], threshold: float = 0.5) -> list[tuple[int, int]]:
    """Pairs of articles sharing more than ``threshold`` of the smaller one's word 5-grams."""
    sh = {line: _shingles(text) for line, text in texts.items()}
    out = []
    for a, b in combinations(sorted(sh), 2):
        if sh[a] and sh[b] and len(sh[a] & sh[b]) / min(len(sh[a]), len(sh[b])) > threshold:
            out.append((a, b))
    return out


def close_under(test: Iterable[int], pairs: list[tuple[int, int]]) -> list[int]:
    """``test`` plus every article linked to it by a chain of near-duplicate pairs; sorted."""
    out = set(test)
    changed = True
    while changed:
        changed = False
        for a, b in pairs:
            if (a in out) != (b in out):
                out |= {a, b}
                changed = True
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--share", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--data", type=Path)
    ap.add_argument("--out", type=Path, default=ANN / "split.json")
    ns = ap.parse_args(argv)
    data = find_data_dir(ns.data, near=ROOT)
    if data is None or not (data / REL_PATH).is_file():
        print(f"error: {REL_PATH} not found in the shared data folder (give --data DIR)", file=sys.stderr)
        return 77
    source = (data / REL_PATH).read_text(encoding="utf-8").splitlines()
    lines = article_lines(ANN / "candidates.jsonl")
    texts = {line: str(json.loads(source[line - 1]).get("content") or "") for line in lines}
    pairs = near_duplicate_pairs(texts)
    seeded = seeded_lines(lines, ns.share, ns.seed)
    test = close_under(seeded, pairs)
    record = {
        "path": REL_PATH,
        "rule": f"random.Random({ns.seed}).sample(sorted article lines, round({ns.share} * n)), closed under "
        "near-duplication (> half of the word 5-grams shared); train: the rest",
        "articles": len(lines),
        "seeded": seeded,
        "near_duplicate_pairs": pairs,
        "test_lines": test,
    }
    ns.out.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(test)} of {len(lines)} articles in the test split ({len(seeded)} drawn, "
          f"{len(test) - len(seeded)} near-duplicates added) -> {ns.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
