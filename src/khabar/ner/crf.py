"""The CRF tagger: the packaged python-crfsuite model, loaded lazily, tagging token sequences with BIO tags."""

from __future__ import annotations

import json
import struct
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from khabar.errors import ResourceError
from khabar.ner.features import FEATURE_VERSION, sentence_features
from khabar.ner.tags import TAGS

MODEL_NAME = "khabar-ner.crfsuite"


def default_model_path() -> Path:
    """Path of the CRF model shipped in the package."""
    with as_file(files("khabar.ner").joinpath("models", MODEL_NAME)) as path:
        return Path(path)


def read_sidecar(p: Path) -> dict[str, Any]:
    """The JSON sidecar (``model.json`` beside ``model.crfsuite``) of a CRF model file, ``{}`` when absent."""
    side = p.with_suffix(".json")
    if not side.is_file():
        return {}
    try:
        data: dict[str, Any] = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"{side}: unreadable model description: {exc}") from None
    return data


def open_tagger(p: Path, kind: str, feature_version: int, labels: Sequence[str]) -> Any:
    """An open ``pycrfsuite.Tagger`` for the CRF model file ``p`` (``kind`` names it in errors: "NER model"),
    checked against the feature version of its sidecar and the labels the caller knows."""
    import pycrfsuite

    if not p.is_file():
        raise ResourceError(f"{kind} {p} is missing")
    version = read_sidecar(p).get("feature_version")
    if version is not None and version != feature_version:
        raise ResourceError(f"{kind} {p} was trained on features v{version}; this khabar computes v{feature_version}")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(p))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"{kind} {p} is broken: {exc}") from None
    found = set(tagger.labels())
    if not found <= set(labels):
        raise ResourceError(f"{kind} {p} has unknown labels {sorted(found - set(labels))}")
    return tagger


def model_info(path: str | Path | None = None) -> dict[str, Any]:
    """The JSON sidecar (training data, date, command, scores) of a model file, ``{}`` when absent."""
    return read_sidecar(Path(path) if path is not None else default_model_path())


_THREAD = threading.local()


def thread_tagger(p: Path, kind: str, feature_version: int, labels: Sequence[str]) -> Any:
    """``open_tagger``, opened once per thread and model file and kept for that thread.

    A ``pycrfsuite.Tagger`` is not thread-safe: ``tag`` leaves the sentence's lattice in the tagger and
    ``marginal`` reads it, so two threads sharing one read each other's sentence (wrong marginals, or
    ``ValueError: position out of range``). Each thread therefore gets its own (the model file is read once per
    thread: about 2 MB and a few milliseconds for the NER model)."""
    taggers: dict[tuple[str, str], Any] | None = getattr(_THREAD, "taggers", None)
    if taggers is None:
        taggers = _THREAD.taggers = {}
    key = (str(p), kind)
    tagger = taggers.get(key)
    if tagger is None:
        tagger = taggers[key] = open_tagger(p, kind, feature_version, labels)
    return tagger


def load_tagger(path: str) -> Any:
    """An open ``pycrfsuite.Tagger`` for a model file: this thread's own, kept per path (``thread_tagger``)."""
    return thread_tagger(Path(path), "NER model", FEATURE_VERSION, TAGS)


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` into ``B-X`` (the CRF rarely emits one)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


@lru_cache(maxsize=4)
def model_attributes(path: str) -> frozenset[str] | None:
    """The attribute (feature) names a CRFsuite model knows, read from its attribute dictionary (CQDB);
    None when the file is not laid out as expected (then every feature is passed to the tagger)."""
    try:
        data = Path(path).read_bytes()
        if data[:4] != b"lCRF":
            return None
        base = struct.unpack_from("<I", data, 36)[0]  # header: magic, size, type, version, 3 counts, offsets
        if data[base : base + 4] != b"CQDB":
            return None
        n, bwd = struct.unpack_from("<II", data, base + 16)
        names = []
        for off in struct.unpack_from(f"<{n}I", data, base + bwd):
            if off:
                size = struct.unpack_from("<I", data, base + off + 4)[0]
                names.append(data[base + off + 8 : base + off + 7 + size].decode("utf-8"))
    except (OSError, struct.error, UnicodeDecodeError):
        return None
    return frozenset(names)


@lru_cache(maxsize=1)
def _default_path() -> str:
    return str(default_model_path())  # resolved once: importlib.resources costs ~0.1 ms a call


def tag_tokens(tokens: Sequence[str], model: str | Path | None = None) -> list[str]:
    """BIO tags (ANERcorp tag set) of one sentence of token strings."""
    if not tokens:
        return []
    path = str(model) if model is not None else _default_path()
    return repair_bio(load_tagger(path).tag(sentence_features(tokens, model_attributes(path))))


def tag_with_marginals(tokens: Sequence[str], model: str | Path | None = None) -> tuple[list[str], list[float]]:
    """Tags of one sentence and the marginal probability of each chosen tag."""
    if not tokens:
        return [], []
    path = str(model) if model is not None else _default_path()
    tagger = load_tagger(path)
    tags = tagger.tag(sentence_features(tokens, model_attributes(path)))
    marginal = tagger.marginal
    probs = [marginal(tag, i) for i, tag in enumerate(tags)]
    return repair_bio(tags), probs


def tag_sentences_with_marginals(
    sentences: Sequence[Sequence[str]], model: str | Path | None = None
) -> list[tuple[list[str], list[float]]]:
    """``tag_with_marginals`` of every sentence of an article, decoded together in numpy
    (:mod:`khabar.ner.decode`: same tags, same marginals to rounding); a model file that decoder cannot
    read is tagged sentence by sentence with python-crfsuite."""
    from khabar.ner.decode import decode

    path = str(model) if model is not None else _default_path()
    load_tagger(path)  # checks the model file (sidecar feature version, labels) as before
    keep = model_attributes(path)
    decoded = decode(sentences, path, keep) if keep is not None else None
    if decoded is None:
        return [tag_with_marginals(s, path) for s in sentences]
    return [(repair_bio(tags), probs) for tags, probs in decoded]
