"""Second pass on the cluster gold: draw a blind sample, then score agreement with the first pass.

    python scripts/cluster_gold_agreement.py sample   # blind sheets under /tmp (article text, never in the repo)
    python scripts/cluster_gold_agreement.py record   # store the blind labels with the first-pass labels
    python scripts/cluster_gold_agreement.py score    # agreement recorded in eval/gold/clusters/second_pass.jsonl

The sample is fixed by ``--seed``: 60 same-event pairs drawn from the clusters (two events of different articles in
one cluster) and 40 pairs from the hard negatives, shuffled together, plus 50 labelled copy pairs. The blind sheet
shows only the two passages (outlet, date and the text around each trigger), never the first label. ``record``
stores each blind label beside the first-pass label of the pair as sampled (so later corrections of the gold do
not change the figure), and ``score`` reports percent agreement and Cohen's kappa per kind.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_candidates import DATA, articles

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold" / "clusters"
BLIND = Path("/tmp/annot-clusters")
N_POS, N_NEG, N_COPY = 60, 40, 50


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _ref(ev: dict[str, Any]) -> str:
    return f"{ev['article']['line']}:{ev['start']}"


def event_sample(seed: int) -> list[dict[str, Any]]:
    """The fixed sample of event pairs with their first-pass label (same / different)."""
    clusters = _jsonl(GOLD / "clusters.jsonl")
    positives = []
    for c in clusters:
        for a, b in itertools.combinations(c["events"], 2):
            if a["article"]["line"] != b["article"]["line"]:
                positives.append({"id": f"{c['cluster']}|{_ref(a)}|{_ref(b)}", "a": a, "b": b, "label": "same"})
    negatives = [
        {"id": f"{n['pair']}|{_ref(n['a'])}|{_ref(n['b'])}", "a": n["a"], "b": n["b"], "label": "different"}
        for n in _jsonl(GOLD / "negatives.jsonl")
    ]
    rng = random.Random(seed)
    sample = rng.sample(positives, min(N_POS, len(positives))) + rng.sample(negatives, min(N_NEG, len(negatives)))
    rng.shuffle(sample)
    return sample


def copy_sample(seed: int) -> list[dict[str, Any]]:
    rows = _jsonl(GOLD / "copies.jsonl")
    rng = random.Random(seed + 1)
    return rng.sample(rows, min(N_COPY, len(rows)))


def _texts() -> dict[int, tuple[str, str, str]]:
    from khabar import make_document

    out = {}
    for line, art in articles(DATA):
        doc = make_document(art.get("content") or "", title=art.get("title"))
        out[line] = (doc.text, art.get("source") or "", (art.get("date_extracted") or "")[:10])
    return out


def write_blind(seed: int) -> None:
    texts = _texts()
    BLIND.mkdir(parents=True, exist_ok=True)
    with (BLIND / "blind_events.txt").open("w", encoding="utf-8") as fh:
        for k, pair in enumerate(event_sample(seed)):
            fh.write(f"#E{k:03d} {pair['id'].split('|', 1)[1]}\n")
            for side in ("a", "b"):
                ev = pair[side]
                text, outlet, pub = texts[ev["article"]["line"]]
                s, e = ev["start"], ev["end"]
                ctx = (text[max(0, s - 160) : s] + "[[" + text[s:e] + "]]" + text[e : e + 160]).replace("\n", " ")
                fh.write(f"   {side.upper()} {outlet} {pub} | {ctx}\n")
    with (BLIND / "blind_copies.txt").open("w", encoding="utf-8") as fh:
        for k, pair in enumerate(copy_sample(seed)):
            fh.write(f"#C{k:03d} {pair['pair']}\n")
            for side in ("a", "b"):
                text, outlet, pub = texts[pair[side]["line"]]
                words = len(text.split())
                body = text.replace("\n", " ")
                fh.write(f"   {side.upper()} {outlet} {pub} w={words} | {body[:260]} … {body[-160:]}\n")
    print(f"blind sheets written to {BLIND}/blind_events.txt and blind_copies.txt", file=sys.stderr)


def kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa of two label sequences."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    ca, cb = Counter(first), Counter(second)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def record(seed: int, labels: Path, out: Path) -> None:
    """Store the second-pass labels next to the first-pass labels of the sample they were given on."""
    second = {(r["kind"], r["id"]): r["label"] for r in _jsonl(labels)}
    rows = []
    for kind, sample, key in (
        ("event", event_sample(seed), lambda p: p["id"].split("|", 1)[1]),
        ("copy", copy_sample(seed), lambda p: p["pair"]),
    ):
        for pair in sample:
            got = second.get((kind, key(pair)))
            if got is None:
                raise SystemExit(f"second pass has no {kind} label for {key(pair)}")
            row = {"kind": kind, "id": key(pair), "first": pair["label"], "second": got}
            if kind == "event":
                row["pair"] = pair["id"].split("|", 1)[0]
            rows.append(row)
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def score(second_pass: Path) -> dict[str, Any]:
    """Percent agreement and Cohen's kappa of the recorded first and second labels, per kind."""
    rows = _jsonl(second_pass)
    report: dict[str, Any] = {}
    for kind in ("event", "copy"):
        sel = [r for r in rows if r["kind"] == kind]
        first = [r["first"] for r in sel]
        second = [r["second"] for r in sel]
        report[kind] = {
            "n": len(sel),
            "agreement": round(sum(a == b for a, b in zip(first, second, strict=True)) / len(sel), 3),
            "kappa": round(kappa(first, second), 3),
            "first": dict(Counter(first)),
            "second": dict(Counter(second)),
            "disagreements": [r["id"] for r in sel if r["first"] != r["second"]],
        }
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["sample", "record", "score"])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--second-pass", type=Path, default=GOLD / "second_pass.jsonl")
    ap.add_argument("--labels", type=Path, default=BLIND / "second_labels.jsonl", help="record: the blind labels")
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        write_blind(args.seed)
    elif args.cmd == "record":
        record(args.seed, args.labels, args.second_pass)
    else:
        print(json.dumps(score(args.second_pass), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
