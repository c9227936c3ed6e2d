"""Training rows and training of the happening classifier (``khabar.events.happening``, issue 10).

Rows: every labelled candidate of ``eval/annotations/events`` (annotators A and B; the agreement samples are
not training data) that the engine's candidate generator reaches, with its features as event assembly computes
them on the article run through the full pipeline. Articles of ``split.json``'s ``test_lines`` are marked
``test`` and never used for training, feature selection or calibration. Rows with a ``VETO`` feature (a mention
by the annotation convention, never scored at run time) are left out of training.

Training (scikit-learn, imported here only): the feature vocabulary is every feature seen in at least
``MIN_COUNT`` training rows, sorted; an L2 logistic regression (lbfgs) whose C is chosen by grouped 5-fold
cross-validation over articles (log loss); Platt scaling fitted on the out-of-fold scores of that C; the final
model fitted on all training rows. Everything is deterministic (no shuffling, sorted vocabulary, weights rounded
to 6 decimals), so the same data give the same file byte for byte.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.events.happening import MODEL_FORMAT, OLD_DAYS, THRESHOLD, VETO

REL_PATH = "news/saudinewsnet/conflict_subset.jsonl"
LABEL_FILES = ("labels-a.jsonl", "labels-b.jsonl", "labels-c.jsonl", "labels-d.jsonl", "labels-e.jsonl")
MIN_COUNT = 3
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    line: int
    test: bool
    happening: bool
    type: str | None  # the labelled PLOVER type (happenings)
    lexicon_type: str  # the type the engine gave the candidate
    reason: str | None
    features: dict[str, float]


def annotations_dir(root: Path) -> Path:
    return root / "eval" / "annotations" / "events"


def load_labels(root: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in LABEL_FILES:
        for line in (annotations_dir(root) / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                out[obj["id"]] = obj
    return out


def test_lines(root: Path) -> frozenset[int]:
    return frozenset(json.loads((annotations_dir(root) / "split.json").read_text(encoding="utf-8"))["test_lines"])


def article_docs(
    data: Path, lines: Iterable[int]
) -> Iterable[tuple[int, Any, list[tuple[int, Any, dict[str, float]]]]]:
    """(line, document through the full pipeline, candidates) for the given article lines of the conflict
    subset. The candidates are (start in the article text, event as assembled, features), taken inside the
    pipeline, where the stages see the folded text, exactly as the events stage scores them."""
    from khabar.arabic.normalize import fold_for_matching
    from khabar.events.assemble import candidates
    from khabar.extract import make_document
    from khabar.pipeline import DEFAULT_STAGES, Pipeline, Stage

    seen: list[tuple[Any, dict[str, float]]] = []

    def collect(doc: Any) -> Any:
        seen.extend(candidates(doc))
        return doc

    pipe = Pipeline([*DEFAULT_STAGES, Stage("happening_candidates", collect, requires=("events",), provides=())])
    texts = (data / REL_PATH).read_text(encoding="utf-8").splitlines()
    for line in sorted(lines):
        art = json.loads(texts[line - 1])
        published = (art.get("date_extracted") or "")[:10] or None
        content, title = str(art.get("content") or ""), art.get("title") or None
        doc = make_document(content, title=title, published=published, url=art.get("url"))
        folded = fold_for_matching(doc.text)
        seen.clear()
        out = pipe(doc)
        back = folded[1] if folded is not None else None
        yield line, out, [(back[ev.trigger.start] if back else ev.trigger.start, ev, f) for ev, f in seen]


def build_rows(root: Path, data: Path) -> tuple[list[Row], dict[str, int]]:
    """Rows of every labelled candidate the engine reaches, and counts (labels, reached, missed positives)."""
    labels = load_labels(root)
    held = test_lines(root)
    by_line: dict[int, list[str]] = {}
    for cid in labels:
        by_line.setdefault(int(cid[3:].split("-")[0]), []).append(cid)
    rows: list[Row] = []
    missed = Counter[str]()
    for line, _doc, cands in article_docs(data, by_line):
        feats = {start: (ev, f) for start, ev, f in cands}
        for cid in sorted(by_line[line], key=lambda c: int(c.split("-")[1])):
            lab = labels[cid]
            start = int(cid.split("-")[1])
            if start not in feats:
                missed["positive" if lab["happening"] else "negative"] += 1
                continue
            ev, f = feats[start]
            rows.append(
                Row(cid, line, line in held, bool(lab["happening"]), lab.get("type"), ev.type, lab.get("reason"), f)
            )
    counts = {
        "labels": len(labels),
        "rows": len(rows),
        "train_rows": sum(not r.test for r in rows),
        "test_rows": sum(r.test for r in rows),
        "unreached_positive": missed["positive"],
        "unreached_negative": missed["negative"],
    }
    return rows, counts


def _matrix(rows: Sequence[Row], vocab: dict[str, int]) -> Any:
    import numpy as np
    from scipy.sparse import csr_matrix

    data: list[float] = []
    cols: list[int] = []
    ptr = [0]
    for r in rows:
        for name in sorted(r.features):
            j = vocab.get(name)
            if j is not None:
                cols.append(j)
                data.append(r.features[name])
        ptr.append(len(cols))
    arrays = (np.array(data, dtype=float), np.array(cols, dtype=np.int64), np.array(ptr))
    return csr_matrix(arrays, shape=(len(rows), len(vocab)))


def train(rows: Sequence[Row], counts: dict[str, int]) -> dict[str, Any]:
    """The model file's content (a JSON object) trained on the non-test rows."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss
    from sklearn.model_selection import GroupKFold

    # candidates the convention rules out (VETO) never reach the model at run time: not trained on
    train_rows = [r for r in rows if not r.test and VETO.isdisjoint(r.features)]
    seen = Counter(name for r in train_rows for name in r.features)
    vocab = {name: j for j, name in enumerate(sorted(n for n, c in seen.items() if c >= MIN_COUNT))}
    x = _matrix(train_rows, vocab)
    y = np.array([int(r.happening) for r in train_rows])
    groups = np.array([r.line for r in train_rows])
    folds = list(GroupKFold(n_splits=FOLDS).split(x, y, groups))

    def fit(c: float, xs: Any, ys: Any) -> Any:
        return LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-8).fit(xs, ys)

    def out_of_fold(c: float) -> Any:
        z = np.zeros(len(train_rows))
        for tr, te in folds:
            z[te] = fit(c, x[tr], y[tr]).decision_function(x[te])
        return z

    cv: dict[str, float] = {}
    best_c, best_loss, best_z = C_GRID[0], float("inf"), None
    for c in C_GRID:
        z = out_of_fold(c)
        loss = float(log_loss(y, 1 / (1 + np.exp(-z))))
        cv[str(c)] = round(loss, 4)
        if loss < best_loss - 1e-9:
            best_c, best_loss, best_z = c, loss, z
    assert best_z is not None
    platt = LogisticRegression(C=1e6, solver="lbfgs", max_iter=5000, tol=1e-10).fit(best_z.reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    p_oof = 1 / (1 + np.exp(-(a * best_z + b)))
    final = fit(best_c, x, y)
    weights = {name: round(float(final.coef_[0][j]), 6) for name, j in vocab.items()}
    return {
        "format": MODEL_FORMAT,
        "about": "happening classifier of khabar.events.happening: logistic regression over candidate features, "
        "Platt-calibrated on out-of-fold scores; retrain with scripts/train_happening.py",
        "threshold": THRESHOLD,
        "old_days": OLD_DAYS,
        "min_count": MIN_COUNT,
        "C": best_c,
        "cv_log_loss": cv,
        "cv_calibrated": {
            "log_loss": round(float(log_loss(y, p_oof)), 4),
            "brier": round(float(brier_score_loss(y, p_oof)), 4),
        },
        "training": {
            **counts,
            "vetoed_train_rows": sum(not r.test for r in rows) - len(train_rows),
            "train_positive": int(y.sum()),
            "features": len(vocab),
        },
        "bias": round(float(final.intercept_[0]), 6),
        "platt": [round(a, 6), round(b, 6)],
        "weights": {k: w for k, w in weights.items() if w != 0.0},
    }


def dumps(model: dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
