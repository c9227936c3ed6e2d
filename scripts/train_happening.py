"""Train the happening classifier (issue 10) and write ``src/khabar/lexicon/data/happening_model.json``.

    python scripts/train_happening.py [--data ../shared/data] [--out FILE] [--check]

Needs scikit-learn (``pip install -e '.[train]'``) and the SaudiNewsNet conflict subset of the shared data
(``$KHABAR_SHARED_DATA`` or ``../shared/data``; exit 77 without it). The labelled candidates of
``eval/annotations/events`` (every primary label file ``labels-<letter>.jsonl``) of the articles outside
``split.json``'s test lines are the training rows; see ``khabar.training.happening`` for the procedure. The output
is byte-identical on a rerun with the same data and code: ``--check`` compares it with the shipped file instead of
writing (exit 1 when it differs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khabar.evaluation.gold import find_data_dir
from khabar.training.happening import REL_PATH, build_rows, dumps, train
from khabar.training.shipping import write_or_check

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "khabar" / "lexicon" / "data" / "happening_model.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="shared data folder (default: $KHABAR_SHARED_DATA or ../shared/data)")
    ap.add_argument("--out", type=Path, default=SHIPPED)
    ap.add_argument("--check", action="store_true", help="compare with the shipped model instead of writing")
    ns = ap.parse_args(argv)
    data = find_data_dir(ns.data, near=ROOT)
    if data is None or not (data / REL_PATH).is_file():
        print(f"error: {REL_PATH} not found in the shared data folder (give --data DIR)", file=sys.stderr)
        return 77
    rows, counts = build_rows(ROOT, data)
    text = dumps(train(rows, counts))
    done = f"{counts['train_rows']} training rows, {counts['test_rows']} held-out rows -> {ns.out}"
    return write_or_check(text, SHIPPED, ns.out, check=ns.check, what="happening model", done=done)

if __name__ == "__main__":
    raise SystemExit(main())
