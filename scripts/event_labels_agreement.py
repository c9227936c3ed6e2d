"""Agreement between two labellings of event candidates (a first pass and a blind second pass).

    python scripts/event_labels_agreement.py sample [--labels labels-a.jsonl ...] [--n 150] [--seed 10] [--first N]
        # prints the ids of the second-pass sample (fixed seed), one a line; several label files are
        # concatenated in the given order before drawing
    python scripts/event_labels_agreement.py score FIRST SECOND [--json]

``score`` compares the labels of the ids both files hold: happening yes/no (percent agreement and
Cohen's kappa), type on the candidates both call happenings, status on those, and actor / target
exact agreement on those (the two span lists equal as sets after khabar's text normalization and with
quotes and punctuation at the edges dropped, an empty list counting as a value) and overlap (both
empty or sharing a word); plus the reason code on agreed negatives.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from khabar.arabic.normalize import normalize

ANN = Path(__file__).resolve().parents[1] / "eval" / "annotations" / "events"


def load(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            rec = json.loads(raw)
            out[rec["id"]] = rec
    return out


def load_all(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """The labels of several files concatenated in the given order (file order within each)."""
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        for key, rec in load(path).items():
            if key in out:
                raise SystemExit(f"error: {key} is labelled in more than one of the files")
            out[key] = rec
    return out


def sample_ids(labels: dict[str, dict[str, Any]], n: int, seed: int) -> list[str]:
    """``n`` ids drawn with ``seed`` from the labelled ids (in file order before drawing)."""
    ids = list(labels)
    return sorted(random.Random(seed).sample(ids, min(n, len(ids))), key=ids.index)


def cohen_kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa of two binary labellings of the same items."""
    n = len(a)
    if n == 0:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


_QUOTES = "«»\"“”'()[]{}،,.:؛"


def _spans(rec: dict[str, Any], role: str) -> frozenset[str]:
    """The role's spans, normalized (khabar's normalization; quotes and punctuation at the edges dropped)."""
    return frozenset(" ".join(normalize(s).strip(_QUOTES).split()) for s in rec.get(role) or [])


def _overlap(a: dict[str, Any], b: dict[str, Any], role: str) -> bool:
    """Both empty, or the two lists share a word."""
    wa = {w for s in _spans(a, role) for w in s.split()}
    wb = {w for s in _spans(b, role) for w in s.split()}
    return (not wa and not wb) or bool(wa & wb)


def score(first: dict[str, dict[str, Any]], second: dict[str, dict[str, Any]]) -> dict[str, Any]:
    ids = [i for i in first if i in second]
    h1 = [bool(first[i]["happening"]) for i in ids]
    h2 = [bool(second[i]["happening"]) for i in ids]
    both = [i for i in ids if first[i]["happening"] and second[i]["happening"]]
    neither = [i for i in ids if not first[i]["happening"] and not second[i]["happening"]]

    def share(items: list[str], same: Any) -> dict[str, Any]:
        k = sum(1 for i in items if same(first[i], second[i]))
        return {"agree": k, "of": len(items), "percent": round(100 * k / len(items), 1) if items else None}

    disagreements = Counter(
        ("yes-no" if first[i]["happening"] else "no-yes", first[i].get("type") or second[i].get("type"))
        for i in ids
        if first[i]["happening"] != second[i]["happening"]
    )
    return {
        "items": len(ids),
        "happening": {
            **share(ids, lambda a, b: a["happening"] == b["happening"]),
            "kappa": round(cohen_kappa(h1, h2), 3),
            "positives_first": sum(h1),
            "positives_second": sum(h2),
        },
        "type_on_agreed_positives": share(both, lambda a, b: a["type"] == b["type"]),
        "mode_on_agreed_positives": share(both, lambda a, b: a.get("mode") == b.get("mode")),
        "status_on_agreed_positives": share(both, lambda a, b: a.get("status") == b.get("status")),
        "actor_exact_on_agreed_positives": share(both, lambda a, b: _spans(a, "actor") == _spans(b, "actor")),
        "target_exact_on_agreed_positives": share(both, lambda a, b: _spans(a, "target") == _spans(b, "target")),
        "actor_overlap_on_agreed_positives": share(both, lambda a, b: _overlap(a, b, "actor")),
        "target_overlap_on_agreed_positives": share(both, lambda a, b: _overlap(a, b, "target")),
        "reason_on_agreed_negatives": share(neither, lambda a, b: a.get("reason") == b.get("reason")),
        "happening_disagreements": {f"{d} {t}": c for (d, t), c in disagreements.most_common()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--labels", type=Path, nargs="+", action="extend",
                   help="label files, concatenated in this order (default labels-a.jsonl)")
    s.add_argument("--n", type=int, default=150)
    s.add_argument("--seed", type=int, default=10)
    s.add_argument("--first", type=int, help="draw from the first N labels only (file order)")
    c = sub.add_parser("score")
    c.add_argument("first", type=Path)
    c.add_argument("second", type=Path)
    c.add_argument("--json", action="store_true")
    ns = ap.parse_args(argv)
    if ns.cmd == "sample":
        labels = load_all(ns.labels or [ANN / "labels-a.jsonl"])
        if ns.first:
            labels = dict(list(labels.items())[: ns.first])
        for i in sample_ids(labels, ns.n, ns.seed):
            print(i)
        return 0
    for path in (ns.first, ns.second):
        if not path.is_file():
            print(f"error: {path} not found", file=sys.stderr)
            return 3
    result = score(load(ns.first), load(ns.second))
    if ns.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    h = result["happening"]
    print(f"{result['items']} candidates labelled twice")
    print(f"happening: {h['agree']}/{h['of']} = {h['percent']}%  kappa {h['kappa']}"
          f"  (positives {h['positives_first']} / {h['positives_second']})")
    for key in ("type", "mode", "status", "actor_exact", "target_exact", "actor_overlap", "target_overlap"):
        r = result[f"{key}_on_agreed_positives"]
        print(f"{key} on agreed positives: {r['agree']}/{r['of']} = {r['percent']}%")
    r = result["reason_on_agreed_negatives"]
    print(f"reason on agreed negatives: {r['agree']}/{r['of']} = {r['percent']}%")
    for k, v in result["happening_disagreements"].items():
        print(f"  disagreement {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
