"""Training and cross-validation of the CRF tagger (python-crfsuite, L-BFGS with L1+L2 regularization)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from khabar.ner.features import FEATURE_VERSION, sentence_features
from khabar.training.conll import TaggedSentence
from khabar.training.scoring import Scores


@dataclass(frozen=True, slots=True)
class TrainParams:
    """crfsuite settings; L1 (c1) keeps the model sparse; features seen fewer than minfreq times are dropped."""

    c1: float = 0.2
    c2: float = 0.05
    max_iterations: int = 150
    feature_minfreq: int = 1
    all_possible_transitions: bool = True


def train_model(
    sentences: Sequence[TaggedSentence],
    out: str | Path,
    params: TrainParams | None = None,
    *,
    log: Callable[[str], None] | None = None,
) -> Path:
    """Train a CRF on ``sentences`` and write it to ``out``; returns the path."""
    import pycrfsuite

    p = params or TrainParams()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in sentences:
        if sent.tokens:
            trainer.append(sentence_features(sent.tokens), list(sent.tags))
    trainer.set_params(
        {
            "c1": p.c1,
            "c2": p.c2,
            "max_iterations": p.max_iterations,
            "feature.minfreq": p.feature_minfreq,
            "feature.possible_transitions": p.all_possible_transitions,
        }
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    if log is not None:
        info = trainer.logparser.last_iteration or {}
        log(f"trained on {len(sentences)} sentences, {info.get('num', '?')} iterations, loss {info.get('loss', '?')}")
    return out


def predict(sentences: Sequence[TaggedSentence], model: str | Path) -> list[list[str]]:
    """Tags the model gives each sentence (a fresh tagger, not the cached one: the file may be rewritten)."""
    import pycrfsuite

    from khabar.ner.crf import repair_bio

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    try:
        return [repair_bio(tagger.tag(sentence_features(s.tokens))) if s.tokens else [] for s in sentences]
    finally:
        tagger.close()


def contiguous_folds(n: int, k: int) -> list[range]:
    """``k`` contiguous blocks of ``range(n)``: ANERcorp is a sequence of articles, so blocks keep an
    article (and the names it repeats) on one side of the split."""
    bounds = [round(i * n / k) for i in range(k + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(k)]


def cross_validate(
    sentences: Sequence[TaggedSentence],
    k: int,
    params: TrainParams | None = None,
    *,
    extra: Sequence[TaggedSentence] = (),
    folds: Sequence[int] | None = None,
    propagate: bool = True,
    log: Callable[[str], None] | None = None,
) -> list[Scores]:
    """Scores of each of ``k`` contiguous folds; ``extra`` sentences are added to every training part.

    With ``propagate`` the tags of a fold go through :func:`khabar.ner.propagate.propagate` as
    ``khabar tag`` and ``model_mentions`` do."""
    out: list[Scores] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, block in enumerate(contiguous_folds(len(sentences), k)):
            if folds is not None and i not in folds:
                continue
            test = [sentences[j] for j in block]
            train = [s for j, s in enumerate(sentences) if j not in block] + list(extra)
            model = train_model(train, Path(tmp) / f"fold{i}.crfsuite", params)
            predicted = predict(test, model)
            if propagate:
                from khabar.ner.propagate import propagate as run_propagate

                predicted = run_propagate([t.tokens for t in test], predicted)[0]
            scores = Scores()
            for sent, tags in zip(test, predicted, strict=True):
                scores.add(sent.tags, tags)
            if log is not None:
                log(f"fold {i + 1}/{k}: micro F1 {scores.prf()[2]:.4f}, macro F1 {scores.macro_f1():.4f}")
            out.append(scores)
    return out


def summarize(folds: Sequence[Scores], **about: Any) -> dict[str, Any]:
    """Per-type P/R/F1 and micro/macro F1 averaged over folds (each fold weighs the same)."""
    types = sorted({t for s in folds for t in s.types()})
    n = len(folds)
    per_type = {}
    for t in types:
        prf = [s.prf(t) for s in folds]
        per_type[t] = {name: sum(x[i] for x in prf) / n for i, name in enumerate(("precision", "recall", "f1"))}
    micro = [s.prf() for s in folds]
    return {
        **about,
        "folds": n,
        "per_type": per_type,
        "micro": {name: sum(x[i] for x in micro) / n for i, name in enumerate(("precision", "recall", "f1"))},
        "macro_f1": sum(s.macro_f1() for s in folds) / n,
        "macro_f1_per_fold": [s.macro_f1() for s in folds],
    }


def write_model_info(model: Path, *, data: dict[str, Any], params: TrainParams, command: str, **extra: Any) -> Path:
    """The JSON sidecar next to a model file: what it was trained on, when, how, and its scores."""
    info = {
        "model": model.name,
        "feature_version": FEATURE_VERSION,
        "trained": dt.date.today().isoformat(),
        "command": command,
        "training_data": data,
        "params": asdict(params),
        **extra,
    }
    side = model.with_suffix(".json")
    side.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return side
