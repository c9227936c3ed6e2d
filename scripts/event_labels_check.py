"""Check event labels against their candidates and resolve actor/target texts to offsets.

    python scripts/event_labels_check.py [LABELS ...] [--offsets OUT.jsonl]

Each actor/target text must occur inside the candidate's sentence (of the article text as
``khabar.make_document(content, title=title)`` builds it); the occurrence nearest the trigger is
taken. Lists every label whose id is unknown, whose type/reason is invalid, or whose span is not
found; with ``--offsets`` writes the labels with ``actor_spans`` / ``target_spans`` ([start, end]
into the article text). Exit 0 when all resolve, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_label_sheet import ANN, REASONS, TYPES, article_text, load_candidates


def resolve(text: str, sentence: tuple[int, int], trigger: tuple[int, int], span: str) -> tuple[int, int] | None:
    """Offsets of ``span`` in ``text`` inside ``sentence``, the occurrence nearest ``trigger``."""
    lo, hi = sentence
    best: tuple[int, int] | None = None
    at = text.find(span, lo, hi)
    while at >= 0:
        dist = min(abs(at - trigger[1]), abs(at + len(span) - trigger[0]))
        if best is None or dist < best[0]:
            best = (dist, at)
        at = text.find(span, at + 1, hi)
    return None if best is None else (best[1], best[1] + len(span))


def check(label: dict[str, Any], cand: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    problems: list[str] = []
    if label["happening"]:
        if label.get("type") not in TYPES:
            problems.append(f"type {label.get('type')!r}")
    elif label.get("reason") not in REASONS:
        problems.append(f"reason {label.get('reason')!r}")
    if label.get("status") not in ("asserted", "denied", "planned", "hypothetical"):
        problems.append(f"status {label.get('status')!r}")
    text = article_text(cand["text_ref"]["line"])
    sent = (cand["sentence"][0], cand["sentence"][1])
    trig = (cand["start"], cand["end"])
    out = dict(label)
    for role in ("actor", "target"):
        spans = []
        for span in label.get(role) or []:
            where = resolve(text, sent, trig, span)
            if where is None:
                problems.append(f"{role} {span!r} not in sentence")
            else:
                spans.append(list(where))
        out[f"{role}_spans"] = spans
    return problems, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labels", type=Path, nargs="*", default=[ANN / "labels-a.jsonl"])
    ap.add_argument("--offsets", type=Path)
    ns = ap.parse_args(argv)
    cands = {c["id"]: c for c in load_candidates()}
    bad = total = 0
    resolved: list[dict[str, Any]] = []
    for path in ns.labels:
        for k, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            total += 1
            label = json.loads(raw)
            cand = cands.get(label.get("id"))
            if cand is None:
                print(f"{path}:{k}: unknown candidate id {label.get('id')!r}")
                bad += 1
                continue
            problems, out = check(label, cand)
            resolved.append(out)
            if problems:
                bad += 1
                print(f"{path}:{k}: {label['id']}: " + "; ".join(problems))
    if ns.offsets:
        with ns.offsets.open("w", encoding="utf-8") as fh:
            for rec in resolved:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{total} labels, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
