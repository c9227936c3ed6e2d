"""Training of the type model (``khabar.events.retype``, issue 10) on the labelled happenings.

Rows: the labelled candidates of ``khabar.training.happening.build_rows`` that are happenings (their labelled
type known), outside ``split.json``'s test articles. A lexicon type gets a group when at least
``MIN_CHANGES`` of its training happenings were labelled with another type; the group's classes are the
lexicon type and every other type given to at least ``MIN_CLASS`` of them (rows labelled with a rarer type
are left out of that group: the model cannot learn it). Each group is an L2 logistic regression (lbfgs;
multinomial when it has more than two classes) over the happening features seen in at least ``MIN_COUNT``
of its rows, with C chosen by grouped 5-fold cross-validation over articles (accuracy, then log loss); a
group is shipped only when that accuracy beats the baseline of always keeping the lexicon type by at least
``MIN_GAIN`` (one point). The mode a
changed type takes is the one most often labelled for the lexicon mode (COERCE/occupy → ASSAULT/seize).
Deterministic: the same data give the same file byte for byte.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from khabar.events.retype import MODEL_FORMAT
from khabar.ontology import is_mode
from khabar.training.happening import Row

MIN_CHANGES = 8
MIN_CLASS = 4
MIN_COUNT = 2
MIN_GAIN = 0.01  # cross-validated accuracy over the lexicon-type baseline a group needs to be shipped
C_GRID = (0.1, 0.3, 1.0, 3.0)
FOLDS = 5


def group_rows(rows: Sequence[Row]) -> dict[str, tuple[list[str], list[Row]]]:
    """lexicon type → (classes, training rows) for the lexicon types the model covers."""
    train = [r for r in rows if not r.test and r.happening and r.type]
    by_lexicon: dict[str, list[Row]] = {}
    for r in train:
        by_lexicon.setdefault(r.lexicon_type, []).append(r)
    out: dict[str, tuple[list[str], list[Row]]] = {}
    for lex in sorted(by_lexicon):
        group = by_lexicon[lex]
        other = Counter(r.type for r in group if r.type != lex)
        if sum(other.values()) < MIN_CHANGES:
            continue
        classes = sorted({lex, *(t for t, n in other.items() if t is not None and n >= MIN_CLASS)})
        if len(classes) < 2:
            continue
        out[lex] = (classes, [r for r in group if r.type in classes])
    return out


def _mode_map(classes: list[str], rows: list[Row], modes: Mapping[str, str | None]) -> dict[str, dict[str, str]]:
    """new type → {lexicon mode → the mode most often labelled}, from the rows labelled with another type."""
    lexicon = rows[0].lexicon_type
    seen: dict[tuple[str, str], Counter[str]] = {}
    for r in rows:
        if r.type == lexicon or r.type is None:
            continue
        lex_mode = next((k[5:] for k in r.features if k.startswith("mode=")), "-")
        label = modes.get(r.id)
        if label and is_mode(r.type, label):
            seen.setdefault((r.type, lex_mode), Counter())[label] += 1
    out: dict[str, dict[str, str]] = {}
    for (kind, lex_mode), counter in sorted(seen.items()):
        best = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out.setdefault(kind, {})[lex_mode] = best
    return {k: v for k, v in out.items() if k in classes}


def _fit_group(classes: list[str], rows: list[Row], modes: Mapping[str, str | None]) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold

    from khabar.training.happening import _matrix

    seen = Counter(name for r in rows for name in r.features)
    vocab = {name: j for j, name in enumerate(sorted(n for n, c in seen.items() if c >= MIN_COUNT))}
    x = _matrix(rows, vocab)
    y = np.array([classes.index(str(r.type)) for r in rows])
    groups = np.array([r.line for r in rows])
    folds = list(GroupKFold(n_splits=min(FOLDS, len(set(groups.tolist())))).split(x, y, groups))

    def fit(c: float, xs: Any, ys: Any) -> Any:
        return LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-8).fit(xs, ys)

    cv: dict[str, dict[str, float]] = {}
    best: tuple[float, float, float] | None = None  # (-accuracy, log loss, C)
    for c in C_GRID:
        prob = np.zeros((len(rows), len(classes)))
        for tr, te in folds:
            if len(set(y[tr].tolist())) < len(classes):
                prob[te] = np.bincount(y[tr], minlength=len(classes)) / len(tr)
                continue
            prob[te] = fit(c, x[tr], y[tr]).predict_proba(x[te])
        acc = float((prob.argmax(axis=1) == y).mean())
        loss = float(log_loss(y, prob, labels=list(range(len(classes)))))
        cv[str(c)] = {"accuracy": round(acc, 4), "log_loss": round(loss, 4)}
        key = (-round(acc, 6), round(loss, 6), c)
        if best is None or key < best:
            best = key
    assert best is not None
    c_best = best[2]
    final = fit(c_best, x, y)
    coef, intercept = final.coef_, final.intercept_
    if len(classes) == 2:
        # sklearn keeps one row for two classes (the second's log-odds); split it over both classes so that the
        # softmax of the two rows is that logistic
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    weights = {
        name: [round(float(coef[k][j]), 6) for k in range(len(classes))]
        for name, j in vocab.items()
        if any(round(float(coef[k][j]), 6) != 0.0 for k in range(len(classes)))
    }
    lexicon = rows[0].lexicon_type
    return {
        "classes": classes,
        "C": c_best,
        "baseline": round(float((y == classes.index(lexicon)).mean()), 4),
        "cv": cv,
        "training": {"rows": len(rows), **{c: int((y == i).sum()) for i, c in enumerate(classes)}},
        "bias": [round(float(b), 6) for b in intercept],
        "modes": _mode_map(classes, rows, modes),
        "weights": weights,
    }


def train(rows: Sequence[Row], modes: Mapping[str, str | None]) -> dict[str, Any]:
    """The model file's content (a JSON object) trained on the non-test happenings; ``modes`` the labelled
    mode of each candidate id (the mode a changed type takes)."""
    groups = group_rows(rows)
    fitted = {lex: _fit_group(classes, grows, modes) for lex, (classes, grows) in groups.items()}
    return {
        "format": MODEL_FORMAT,
        "about": "type model of khabar.events.retype: per lexicon type, a logistic regression over the happening "
        "features choosing among the types its candidates were labelled with; retrain with "
        "scripts/train_type_model.py",
        "min_changes": MIN_CHANGES,
        "min_class": MIN_CLASS,
        "min_count": MIN_COUNT,
        # a group is shipped only when its cross-validated accuracy beats keeping the lexicon type everywhere by
        # at least MIN_GAIN (ASSAULT, right 99.3 % of the time, gained 0.1 point and flipped real attacks)
        "groups": {lex: g for lex, g in fitted.items() if _gain(g) >= MIN_GAIN},
        "left_out": {lex: {"baseline": g["baseline"], "cv": g["cv"]} for lex, g in fitted.items()
                     if _gain(g) < MIN_GAIN},
    }


def _gain(group: Mapping[str, Any]) -> float:
    return float(group["cv"][str(group["C"])]["accuracy"]) - float(group["baseline"])


def dumps(model: dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
