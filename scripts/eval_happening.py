"""Held-out figures of the happening classifier (issue 10) on the test articles of ``eval/annotations/events``.

    python scripts/eval_happening.py [--data ../shared/data] [--json] [--end-to-end-only]

Two measures, both on the articles of ``split.json``'s ``test_lines`` only (never used for training):

* **classifier**: the labelled candidates the engine reaches, decided by the shipped model at 0.5 / 0.7 / 0.9;
  precision, recall, F1 of "is a reported happening", overall and per type (a candidate counts for type T
  when the engine gives it T and the label says a happening of type T). The rule the model replaced (a
  candidate with an actor or target, or a nominal fight/arrest/protest with a place) on the same rows is
  the baseline.
* **end to end**: the events ``khabar.extract`` emits on those articles against every labelled happening
  (also those the candidate generator never reaches). An emitted event is right when the label of its
  trigger says a happening (typed: of the event's type); a labelled happening is found when an emitted
  event of its type has its sentence as evidence. ``--end-to-end-only`` needs nothing but ``khabar.extract``,
  so an older checkout (``PYTHONPATH=old/src``) gives the before figure.

Exit 77 without the shared data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REL_PATH = "news/saudinewsnet/conflict_subset.jsonl"
ANN = ROOT / "eval" / "annotations" / "events"
TYPES = ("ASSAULT", "PROTEST", "COERCE")
THRESHOLDS = (0.5, 0.7, 0.9)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def _score(decided: list[tuple[bool, str, bool, str | None]]) -> dict[str, Any]:
    """(predicted, engine type, happening, labelled type) rows → overall and per-type P/R/F1."""
    out: dict[str, Any] = {}
    c = Counter((pred, gold) for pred, _, gold, _ in decided)
    out["all"] = _prf(c[True, True], c[True, False], c[False, True])
    for t in TYPES:
        tp = sum(p and g and e == t and lt == t for p, e, g, lt in decided)
        fp = sum(p and e == t and not (g and lt == t) for p, e, g, lt in decided)
        fn = sum(g and lt == t and not (p and e == t) for p, e, g, lt in decided)
        out[t] = _prf(tp, fp, fn)
    return out


def classifier_figures(data: Path) -> dict[str, Any]:
    from khabar.events.happening import score
    from khabar.events.retype import decide
    from khabar.training.happening import build_rows

    rows, _ = build_rows(ROOT, data)
    test = [r for r in rows if r.test]
    probs = [score(r.features) for r in test]
    kinds = [decide(r.lexicon_type, None, r.features)[0] for r in test]  # the engine's type after the type model
    out: dict[str, Any] = {"rows": len(test), "positives": sum(r.happening for r in test)}
    for t in THRESHOLDS:
        decided = [(p >= t, k, r.happening, r.type) for p, k, r in zip(probs, kinds, test, strict=True)]
        out[f"p>={t}"] = _score(decided)

    def rule(f: dict[str, float]) -> bool:
        told_by_place = "pos=n" in f and "has_place" in f and f.get("type=ASSAULT", f.get("type=COERCE", 0.0)) > 0
        return "has_actor" in f or "has_target" in f or told_by_place or ("type=PROTEST" in f and "has_place" in f)

    out["rule"] = _score([(rule(r.features), r.lexicon_type, r.happening, r.type) for r in test])
    # calibration: mean predicted probability against the observed rate, in five bins
    bins: dict[str, list[float]] = {}
    for p, r in zip(probs, test, strict=True):
        key = f"{min(int(p * 5), 4) / 5:.1f}"
        bins.setdefault(key, []).append(float(r.happening))
        bins.setdefault(key + "_p", []).append(p)
    out["calibration"] = {
        k: {"n": len(v), "mean_p": round(sum(bins[k + "_p"]) / len(v), 3), "observed": round(sum(v) / len(v), 3)}
        for k, v in sorted(bins.items())
        if not k.endswith("_p")
    }
    return out


def end_to_end(data: Path) -> dict[str, Any]:
    from khabar.extract import extract
    from khabar.training.labels import load_all

    labels = load_all(ANN)  # every primary label file (labels-<letter>.jsonl)
    cands = {}
    for line in (ANN / "candidates.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        cands[obj["id"]] = obj
    held = set(json.loads((ANN / "split.json").read_text(encoding="utf-8"))["test_lines"])
    by_line: dict[int, list[str]] = {}
    for cid in labels:
        line_no = int(cid[3:].split("-")[0])
        if line_no in held:
            by_line.setdefault(line_no, []).append(cid)
    texts = (data / REL_PATH).read_text(encoding="utf-8").splitlines()
    emitted: list[tuple[str, bool, bool, str]] = []  # (type, untyped right, typed right, id)
    found: list[tuple[str | None, bool]] = []  # (labelled type, found by an event of that type)
    for line_no in sorted(by_line):
        art = json.loads(texts[line_no - 1])
        published = (art.get("date_extracted") or "")[:10] or None
        doc = extract(str(art.get("content") or ""), title=art.get("title") or None, published=published)
        for ev in doc.events:
            lab = labels.get(f"snn{line_no}-{ev.trigger.start}")
            hap = bool(lab and lab["happening"])
            emitted.append((ev.type, hap, hap and lab is not None and lab["type"] == ev.type, ev.id))
        for cid in by_line[line_no]:
            lab = labels[cid]
            if not lab["happening"]:
                continue
            sent = cands[cid]["sentence"]
            hit = any(ev.type == lab["type"] and ev.evidence.start <= sent[0] < ev.evidence.end for ev in doc.events)
            found.append((lab["type"], hit))
    out: dict[str, Any] = {"articles": len(by_line), "events": len(emitted), "happenings": len(found)}

    def fig(kind: str | None) -> dict[str, Any]:
        em = [e for e in emitted if kind is None or e[0] == kind]
        fo = [f for f in found if kind is None or f[0] == kind]
        right = sum(e[2] for e in em)
        p = right / len(em) if em else 0.0
        r = sum(h for _, h in fo) / len(fo) if fo else 0.0
        return {
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "events": len(em), "happenings": len(fo),
        }

    out["typed"] = fig(None)
    out["untyped_precision"] = round(sum(e[1] for e in emitted) / len(emitted), 3) if emitted else 0.0
    for t in TYPES:
        out[t] = fig(t)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--end-to-end-only", action="store_true")
    ns = ap.parse_args(argv)
    from khabar.evaluation.gold import find_data_dir

    data = find_data_dir(ns.data, near=ROOT)
    if data is None or not (data / REL_PATH).is_file():
        print(f"error: {REL_PATH} not found in the shared data folder (give --data DIR)", file=sys.stderr)
        return 77
    result: dict[str, Any] = {"end_to_end": end_to_end(data)}
    if not ns.end_to_end_only:
        result["classifier"] = classifier_figures(data)
    if ns.json:
        print(json.dumps(result, indent=1, sort_keys=True))
        return 0
    if "classifier" in result:
        c = result["classifier"]
        print(f"classifier, held-out candidates: {c['rows']} rows, {c['positives']} happenings")
        for key in [f"p>={t}" for t in THRESHOLDS] + ["rule"]:
            cells = "  ".join(
                f"{k} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (n={v['tp'] + v['fn']})"
                for k, v in c[key].items()
            )
            print(f"  {key:7} {cells}")
        print("  calibration " + "  ".join(f"[{k}: n={v['n']} p={v['mean_p']} obs={v['observed']}]"
                                           for k, v in c["calibration"].items()))
    e = result["end_to_end"]
    print(f"end to end, {e['articles']} test articles: {e['events']} events, {e['happenings']} labelled happenings, "
          f"untyped precision {e['untyped_precision']:.3f}")
    for key in ("typed", *TYPES):
        v = e[key]
        print(f"  {key:8} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} "
              f"(events {v['events']}, happenings {v['happenings']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
