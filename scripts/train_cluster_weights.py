"""Fit the pair weights and clustering threshold of khabar.corroborate on the TRAIN part of the cluster gold.

    KHABAR_SHARED_DATA=../shared/data python scripts/train_cluster_weights.py [--db sqlite:////tmp/conflict.db]

Reads eval/gold/clusters, extracts every article of its corpus file with the current pipeline (or loads them from
``--db``, a khabar store used as a cache: extracted articles are saved there), and:

1. builds the training pairs: every two gold events of the train split (clusters and hard negatives; never the
   held-out part of ``split.json``) from different articles that the blocking would compare (same type family and
   country, days within the window) and that are in no hard conflict; label 1 when they are in one gold cluster;
2. fits an L2-regularised logistic regression (Newton's method in numpy: no randomness, same data → same bytes);
3. chooses the clustering threshold, ``top`` and ``share`` (the part of a cluster's articles a report must match
   with probability ``SUPPORT``) by clustering the whole corpus and scoring the train split (mean of pairwise F1
   and B³ F1; ties: the lower threshold, then the smaller ``top`` and ``share``);
4. writes ``src/khabar/lexicon/data/cluster_weights.json`` (weights rounded to 4 decimals).

Run it again after the events layer changes; ``--check`` fails (exit 1) when the file would change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from khabar.corroborate.copies import CopyIndex  # noqa: E402
from khabar.corroborate.engine import Clusterer, ClusterParams, report_order  # noqa: E402
from khabar.corroborate.pairs import FEATURES, conflict, family, features  # noqa: E402
from khabar.corroborate.reports import Report, reports_of  # noqa: E402
from khabar.evaluation.clusters import (  # noqa: E402
    gold_documents,
    gold_partition,
    load_cluster_gold,
    match_event,
    score_clusters,
)

OUT = ROOT / "src" / "khabar" / "lexicon" / "data" / "cluster_weights.json"
L2 = 1.0
THRESHOLDS = (0.2, 0.3, 0.4)
TOPS = (1, 2, 3)
SHARES = (0.0, 0.3, 0.4)
SUPPORT = 0.1


def data_root() -> Path:
    env = os.environ.get("KHABAR_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, iters: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method, the bias (column 0) unpenalised."""
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + pen * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(pen) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return w


def blocked(a: Report, b: Report, window: int) -> bool:
    if family(a.type) != family(b.type) or (a.country or "?") != (b.country or "?"):
        return False
    return a.lo - window <= b.hi and b.lo - window <= a.hi


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "clusters")
    ap.add_argument("--db", default=None, help="khabar store used as a cache of the extracted articles")
    ap.add_argument("--check", action="store_true", help="exit 1 when the weights file would change")
    args = ap.parse_args(argv)

    gold = load_cluster_gold(args.gold)
    train = gold.select("train")
    store = None
    if args.db:
        from khabar.store.db import open_store

        store = open_store(args.db)
    docs = gold_documents(gold, data_root(), store=store)
    print(f"{len(docs)} articles", file=sys.stderr)

    ordered = sorted(docs.values(), key=lambda d: (d.published.isoformat() if d.published else "", d.id))
    index = CopyIndex()
    for d in ordered:
        index.add(d.id, d.text)
    groups = index.groups()
    reports = {r.key: r for d in ordered for r in reports_of(d)}

    part = gold_partition(train)
    events = {e.key: e for evs in train.clusters.values() for e in evs}
    for pair in train.negatives.values():
        for e in pair:
            events.setdefault(e.key, e)
    items: list[tuple[str, Report]] = []
    for key, g in sorted(events.items()):
        doc = docs.get(g.article)
        ev = match_event(doc, g) if doc is not None else None
        if ev is not None:
            items.append((part[key], reports[f"{g.article}/{ev}"]))
    window = ClusterParams().window
    rows, labels = [], []
    for i, (la, a) in enumerate(items):
        for lb, b in items[i + 1:]:
            if a.article == b.article or not blocked(a, b, window) or conflict(a, b) is not None:
                continue
            rows.append(features(a, b, groups[a.article] == groups[b.article]))
            labels.append(1.0 if la == lb else 0.0)
    x, y = np.asarray(rows), np.asarray(labels)
    print(f"{len(items)} train gold events matched, {len(y)} pairs ({int(y.sum())} same happening)", file=sys.stderr)
    w = [round(float(v), 4) + 0.0 for v in fit(x, y)]  # + 0.0: no "-0.0" in the file

    ranked = sorted(reports.values(), key=report_order)
    best: tuple[float, float, int, float] | None = None
    tried = []
    for top in TOPS:
        for thr in THRESHOLDS:
            for share in SHARES:
                cl = Clusterer(ClusterParams(threshold=thr, top=top, share=share, support=SUPPORT), weights=w,
                               same_copy=lambda a, b: groups[a] == groups[b])
                cl.add_all(ranked)
                rep = score_clusters(train, docs, cl.of, groups, "train")
                value = round((rep.pairwise.f1 + rep.b3.f1) / 2, 6)
                tried.append({"threshold": thr, "top": top, "share": share, "pairwise_f1": round(rep.pairwise.f1, 4),
                              "b3_f1": round(rep.b3.f1, 4)})
                print(f"top={top} threshold={thr} share={share}: pairwise F1 {rep.pairwise.f1:.3f}  "
                      f"B3 F1 {rep.b3.f1:.3f}", file=sys.stderr)
                if best is None or value > best[0] or (
                        value == best[0] and (thr, top, share) < (best[1], best[2], best[3])):
                    best = (value, thr, top, share)
    assert best is not None
    out = {
        "about": "pair weights (logistic regression) and clustering threshold of khabar.corroborate, fitted on the "
                 "train split of eval/gold/clusters by scripts/train_cluster_weights.py",
        "features": list(FEATURES),
        "weights": w,
        "threshold": best[1],
        "top": best[2],
        "share": best[3],
        "support": SUPPORT,
        "training": {"gold_events": len(items), "pairs": len(y), "positive_pairs": int(y.sum()), "l2": L2,
                     "grid": tried},
    }
    text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("unchanged" if same else "cluster_weights.json would change", file=sys.stderr)
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} (threshold {best[1]}, top {best[2]}, share {best[3]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
