"""Train the role tagger (actors and targets of events) on the event annotations; score it held out.

    python scripts/train_role_tagger.py [--data ../shared/data] [--out src/khabar/events/models/khabar-roles.crfsuite]
        [--score] [--no-train]

Reads ``eval/annotations/events`` (candidates, every primary ``labels-<letter>.jsonl``, split.json) and the
articles they refer to (``$KHABAR_SHARED_DATA`` or ``--data``); trains on the happenings of the training
articles only, with fixed settings, so the same inputs give the same model file byte for byte
(``tests/training/test_roles.py``).
``--score`` prints actor/target accuracy on the held-out test articles for each way of combining the
tagger with the clause rules (rules, crf, crf+rules, rules+crf) and writes them into the model's JSON
sidecar. Exit 77 when the shared data are missing. About a minute of CPU, more with --score.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from khabar.evaluation.gold import find_data_dir
from khabar.events import arguments
from khabar.training import roles as tr
from khabar.training.labels import describe

ROOT = Path(__file__).resolve().parents[1]
ANN = ROOT / "eval" / "annotations" / "events"
DEFAULT_OUT = ROOT / "src" / "khabar" / "events" / "models" / "khabar-roles.crfsuite"
COMMAND = "python scripts/train_role_tagger.py --score"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--score", action="store_true")
    ap.add_argument("--no-train", action="store_true", help="score the model at --out without retraining")
    ns = ap.parse_args(argv)
    data = find_data_dir(ns.data, near=ROOT)
    if data is None or not (data / tr.REL_PATH).is_file():
        print(f"error: {tr.REL_PATH} not found in the shared data folder (give --data DIR)", file=sys.stderr)
        return 77
    ann = tr.load_annotations(ANN)
    t0 = time.process_time()
    lines = ann.lines()
    arts = tr.run_articles(data, lines, "rules")
    print(f"{len(arts)} articles ({time.process_time() - t0:.0f} CPU s)", file=sys.stderr)
    train, missing = tr.instances(ann, arts, test=False)
    params = tr.TrainParams()
    if not ns.no_train:
        tr.train(train, ns.out, params)
    info: dict[str, object] = {
        "command": COMMAND,
        "training_data": {
            "annotations": f"eval/annotations/events ({describe(ANN)}), training articles only",
            "articles": len({i.line for i in train}),
            "happenings": len(train),
            "happenings_without_engine_trigger": missing,
        },
        "params": {"c1": params.c1, "c2": params.c2, "max_iterations": params.max_iterations,
                   "feature_minfreq": params.feature_minfreq},
    }
    if ns.score:
        # the tagger of the events stage reads the model at --out (a fresh copy: the cached one may be old)
        with tempfile.TemporaryDirectory() as tmp:
            model = Path(tmp) / ns.out.name
            model.write_bytes(ns.out.read_bytes())
            real = tr.role_model.default_model_path
            tr.role_model.default_model_path = lambda: model
            try:
                held: dict[str, object] = {}
                test_lines = [x for x in lines if x in ann.test_lines]
                for name in arguments.POLICIES:
                    runs = arts if name == "rules" else tr.run_articles(data, test_lines, name)
                    sc = tr.score(ann, runs).as_dict()
                    held[name] = sc
                    print(f"{name:10s} " + "  ".join(f"{k} {v}" for k, v in sc.items()))
            finally:
                tr.role_model.default_model_path = real
        info["held_out"] = {"articles": len(test_lines), "by_policy": held,
                            "policy_shipped": arguments.ROLE_POLICY}
    if not ns.no_train:
        tr.write_info(ns.out, **info)
    print(f"{len(train)} training happenings ({missing} without an engine trigger) -> {ns.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
