"""The type of a happening where the trigger lexicon is ambiguous (issue 10).

The lexicon gives every trigger one PLOVER type; for some types the annotated candidates show that the same
words report happenings of other types depending on the sentence: a capture (سيطر، استولى) is COERCE when told
without a fight and ASSAULT/seize when fighting is told with it; support (دعم، إسناد) is SUPPORT as a statement,
AID as material help and ASSAULT as air or artillery support of fighters. ``decide`` asks the shipped model
(``lexicon/data/type_model.json``): for each lexicon type it covers, a multinomial logistic regression over the
happening features (``khabar.events.happening.features``) choosing among that type and the types its
candidates were labelled with; the lexicon type stays unless another type is more probable. Types the model
does not cover keep the lexicon type. Trained by ``scripts/train_type_model.py`` (``khabar.training.retype``);
applied here in pure Python.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from khabar.lexicon import data_text
from khabar.ontology import is_mode

MODEL_FILE = "type_model.json"
MODEL_FORMAT = "khabar-type-1"


@lru_cache(maxsize=1)
def model() -> Mapping[str, Any]:
    """The shipped model: {format, groups: {lexicon type: {classes, bias, weights}}, …} (see MANIFEST.md)."""
    obj = json.loads(data_text(MODEL_FILE))
    if not isinstance(obj, dict) or obj.get("format") != MODEL_FORMAT or not isinstance(obj.get("groups"), dict):
        from khabar.errors import ResourceError

        raise ResourceError(f"{MODEL_FILE}: not a {MODEL_FORMAT} model")
    for name, group in obj["groups"].items():
        classes, bias, weights = group.get("classes"), group.get("bias"), group.get("weights")
        if not (
            isinstance(classes, list)
            and isinstance(bias, list)
            and len(bias) == len(classes)
            and isinstance(weights, dict)
            and all(isinstance(w, list) and len(w) == len(classes) for w in weights.values())
        ):
            from khabar.errors import ResourceError

            raise ResourceError(f"{MODEL_FILE}: group {name} needs classes, a bias and a weight per class")
    shipped: dict[str, Any] = obj
    return shipped


def probabilities(
    lexicon_type: str, feats: Mapping[str, float], mdl: Mapping[str, Any] | None = None
) -> dict[str, float] | None:
    """Probability of each type the model allows for a candidate of ``lexicon_type`` (None: not covered)."""
    group = (model() if mdl is None else mdl)["groups"].get(lexicon_type)
    if group is None:
        return None
    classes: list[str] = group["classes"]
    z = [float(b) for b in group["bias"]]
    weights: Mapping[str, list[float]] = group["weights"]
    for name, value in feats.items():
        row = weights.get(name)
        if row is not None:
            for k, w in enumerate(row):
                z[k] += w * value
    top = max(z)
    exp = [math.exp(v - top) for v in z]
    total = sum(exp)
    return {c: e / total for c, e in zip(classes, exp, strict=True)}


def decide(
    lexicon_type: str, mode: str | None, feats: Mapping[str, float], mdl: Mapping[str, Any] | None = None
) -> tuple[str, str | None]:
    """``(type, mode)`` of a happening candidate: the lexicon's unless the model finds another type more
    probable; the new type's mode is the one annotators gave such a change, else the lexicon mode when the
    new type has it, else none."""
    probs = probabilities(lexicon_type, feats, mdl)
    if probs is None:
        return lexicon_type, mode
    best = max(sorted(probs), key=lambda c: probs[c])
    if best == lexicon_type or probs[best] <= probs.get(lexicon_type, 0.0):
        return lexicon_type, mode
    group = (model() if mdl is None else mdl)["groups"][lexicon_type]
    mapped = group.get("modes", {}).get(best, {}).get(mode or "-")
    if isinstance(mapped, str) and is_mode(best, mapped):
        return best, mapped  # the mode annotators gave such a change (COERCE/occupy → ASSAULT/seize)
    return best, mode if mode is not None and is_mode(best, mode) else None
