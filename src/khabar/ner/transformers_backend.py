"""Optional NER backend: a local Hugging Face token-classification model (extra ``khabar[transformers]``).

Only a directory the user already has is loaded (``local_files_only``): nothing is downloaded.
Its labels are mapped onto ANERcorp's (``B-PER`` → ``B-PERS``, ``B-GPE`` → ``B-LOC``, BIOES → BIO).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from khabar.errors import ResourceError

_TYPE_MAP = {
    "PER": "PERS",
    "PERS": "PERS",
    "PERSON": "PERS",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "CURR": "MISC",
    "LANGUAGE": "MISC",
    "WEBSITE": "MISC",
    "LAW": "MISC",
}
# BIOES/BILOU prefixes onto BIO: a single-token or first token begins, the others continue.
_PREFIX_MAP = {"B": "B", "S": "B", "U": "B", "I": "I", "E": "I", "L": "I", "M": "I"}


def map_label(label: str) -> str:
    """One model label in ANERcorp form: ``B-PER`` → ``B-PERS``, ``S-GPE`` → ``B-LOC``, ``DATE`` → ``O``."""
    label = label.strip()
    if "-" in label and label.split("-", 1)[0].upper() in _PREFIX_MAP:
        prefix, kind = label.split("-", 1)
        prefix = _PREFIX_MAP[prefix.upper()]
    else:  # IO labels without a prefix ("PER"); the BIO repair below makes the first one B-
        prefix, kind = "I", label
    mapped = _TYPE_MAP.get(kind.upper())
    return f"{prefix}-{mapped}" if mapped else "O"


def map_labels(id2label: Mapping[Any, str]) -> dict[int, str]:
    """A model's ``id2label`` with every label mapped by :func:`map_label`."""
    return {int(i): map_label(lab) for i, lab in id2label.items()}


@dataclass(frozen=True)
class HFTagger:
    """A loaded tokenizer and model, with the model's labels mapped onto ours."""

    tokenizer: Any
    model: Any
    labels: dict[int, str]
    max_pieces: int


@lru_cache(maxsize=2)
def load_hf_tagger(path: str) -> HFTagger:
    """Load a token-classification model directory (cached per path); never downloads."""
    try:
        import torch  # noqa: F401  (a clear message below when the extra is not installed)
        from transformers import AutoModelForTokenClassification, AutoTokenizer
    except ImportError:
        raise ResourceError(
            "--ner-model with a model directory needs the transformers extra: pip install 'khabar[transformers]'"
        ) from None
    p = Path(path)
    if not (p / "config.json").is_file():
        raise ResourceError(f"{p}: not a Hugging Face model directory (no config.json)")
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(p), local_files_only=True)
        model = AutoModelForTokenClassification.from_pretrained(str(p), local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ResourceError(f"{p}: cannot load the model: {exc}") from None
    model.eval()
    limit = getattr(model.config, "max_position_embeddings", 512) or 512
    return HFTagger(tokenizer, model, map_labels(model.config.id2label), max(8, min(limit, 512) - 2))


def _pieces(tokenizer: Any, word: str) -> list[int]:
    ids = tokenizer.convert_tokens_to_ids(tokenizer.tokenize(word))
    return list(ids) if ids else [tokenizer.unk_token_id]


def tag_words(words: Sequence[str], path: str) -> tuple[list[str], list[float]]:
    """BIO tags (ANERcorp tag set) and their probabilities for one sentence of words.

    Each word is split into word pieces on its own; the label of its first piece is the word's.
    Sentences longer than the model's window are tagged in consecutive windows.
    """
    import torch

    from khabar.ner.crf import repair_bio

    if not words:
        return [], []
    hf = load_hf_tagger(path)
    tok = hf.tokenizer
    pieces = [_pieces(tok, w) for w in words]
    tags: list[str] = []
    probs: list[float] = []
    i = 0
    while i < len(words):
        ids: list[int] = [tok.cls_token_id]
        firsts: list[int] = []
        j = i
        while j < len(words) and (len(ids) - 1 + len(pieces[j]) <= hf.max_pieces or j == i):
            firsts.append(len(ids))
            ids.extend(pieces[j][: hf.max_pieces])
            j += 1
        ids.append(tok.sep_token_id)
        with torch.no_grad():
            logits = hf.model(input_ids=torch.tensor([ids])).logits[0]
        soft = torch.softmax(logits, dim=-1)
        for pos in firsts:
            best = int(torch.argmax(soft[pos]))
            tags.append(hf.labels.get(best, "O"))
            probs.append(float(soft[pos, best]))
        i = j
    return repair_bio(tags), probs
