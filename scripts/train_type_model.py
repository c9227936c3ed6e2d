"""Train the type model (issue 10) and write ``src/khabar/lexicon/data/type_model.json``.

    python scripts/train_type_model.py [--data ../shared/data] [--out FILE] [--check] [--score]

Needs scikit-learn (``pip install -e '.[train]'``) and the SaudiNewsNet conflict subset of the shared data
(``$KHABAR_SHARED_DATA`` or ``../shared/data``; exit 77 without it). The labelled happenings of
``eval/annotations/events`` outside ``split.json``'s test lines are the training rows; see
``khabar.training.retype`` for the procedure. ``--check`` compares a retrain with the shipped file (exit 1
when it differs: the output is byte-identical on a rerun with the same data and code). ``--score`` prints,
on the held-out test articles' labelled happenings, how often the lexicon type and the type the shipped
model decides are the labelled type (overall and for the candidates of the lexicon types it covers).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from khabar.evaluation.gold import find_data_dir
from khabar.training.happening import REL_PATH, Row, build_rows, load_labels
from khabar.training.retype import dumps, train
from khabar.training.shipping import write_or_check

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "khabar" / "lexicon" / "data" / "type_model.json"


def score(rows: list[Row]) -> dict[str, object]:
    from khabar.events.retype import decide, model

    covered = set(model()["groups"])
    test = [r for r in rows if r.test and r.happening and r.type]
    out: dict[str, object] = {"happenings": len(test)}
    for name, subset in (("all", test), ("covered", [r for r in test if r.lexicon_type in covered])):
        lex = sum(r.lexicon_type == r.type for r in subset)
        mdl = sum(decide(r.lexicon_type, None, r.features)[0] == r.type for r in subset)
        out[name] = {"rows": len(subset), "lexicon_right": lex, "model_right": mdl}
    decided = [(r, decide(r.lexicon_type, None, r.features)[0]) for r in test]
    changes = Counter((r.lexicon_type, kind, r.type == kind) for r, kind in decided if kind != r.lexicon_type)
    out["changed"] = [{"from": a, "to": b, "right": ok, "n": n} for (a, b, ok), n in sorted(changes.items())]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="shared data folder (default: $KHABAR_SHARED_DATA or ../shared/data)")
    ap.add_argument("--out", type=Path, default=SHIPPED)
    ap.add_argument("--check", action="store_true", help="compare with the shipped model instead of writing")
    ap.add_argument("--score", action="store_true", help="held-out type accuracy of the shipped model")
    ns = ap.parse_args(argv)
    data = find_data_dir(ns.data, near=ROOT)
    if data is None or not (data / REL_PATH).is_file():
        print(f"error: {REL_PATH} not found in the shared data folder (give --data DIR)", file=sys.stderr)
        return 77
    rows, _ = build_rows(ROOT, data)
    if ns.score:
        print(json.dumps(score(rows), indent=1))
        return 0
    modes = {cid: lab.get("mode") for cid, lab in load_labels(ROOT).items()}
    text = dumps(train(rows, modes))
    return write_or_check(text, SHIPPED, ns.out, check=ns.check, what="type model", done=f"type model -> {ns.out}")

if __name__ == "__main__":
    raise SystemExit(main())
