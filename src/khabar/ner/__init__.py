"""Learned NER: the interface the entity stage uses to get model proposals (CRF by default)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from khabar.model import Document, Token
from khabar.ner.tags import chunks

# ANERcorp's PERS is khabar's PER; ORG, LOC and MISC keep their names.
_TYPE = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A span the model proposes as a named entity (type PER, ORG, LOC or MISC)."""

    start: int
    end: int
    type: str
    score: float = 1.0


def _sentence_tokens(doc: Document) -> list[list[Token]]:
    """Tokens grouped by sentence (one group for the whole text when there is no sentence layer)."""
    if not doc.sentences:
        return [list(doc.tokens)] if doc.tokens else []
    groups: list[list[Token]] = [[] for _ in doc.sentences]
    k = 0
    for tok in doc.tokens:
        while k + 1 < len(doc.sentences) and tok.start >= doc.sentences[k].end:
            k += 1
        groups[k].append(tok)
    return [g for g in groups if g]


def mentions_from_tags(tokens: Sequence[Token], tags: Sequence[str], scores: Sequence[float] = ()) -> list[Mention]:
    """Mentions of a BIO-tagged token sequence; offsets come from the tokens, score is the mean marginal."""
    out: list[Mention] = []
    for start, end, kind in sorted(chunks(tags)):
        vals = list(scores[start:end])
        score = round(sum(vals) / len(vals), 4) if vals else 1.0
        out.append(Mention(tokens[start].start, tokens[end - 1].end, _TYPE.get(kind, kind), score))
    return out


def model_mentions(doc: Document, model: str | Path | None = None, *, propagate: bool = True) -> list[Mention]:
    """Mentions proposed by an NER model (needs the ``tokens`` layer; uses ``sentences`` when present).

    ``model`` is the packaged CRF by default; a ``.crfsuite`` file selects another CRF model and a
    directory a Hugging Face token-classification model (needs the ``khabar[transformers]`` extra).
    With ``propagate``, a name tagged in one sentence is also tagged where it recurs untagged in the
    article (:mod:`khabar.ner.propagate`); such a mention gets score 0.5.
    """
    groups = _sentence_tokens(doc)
    words = [[t.text for t in g] for g in groups]
    if model is not None and Path(model).is_dir():
        from khabar.ner.transformers_backend import tag_words

        tagged = [tag_words(w, str(model)) for w in words]
    else:
        from khabar.ner.crf import tag_sentences_with_marginals

        tagged = tag_sentences_with_marginals(words, model)
    tags = [t for t, _ in tagged]
    probs = [p for _, p in tagged]
    if propagate:
        from khabar.ner.propagate import propagate as run_propagate

        tags, added = run_propagate(words, tags)
        probs = [
            [0.5 if a else p for p, a in zip(ps, adds, strict=True)] for ps, adds in zip(probs, added, strict=True)
        ]
    out: list[Mention] = []
    for group, t, p in zip(groups, tags, probs, strict=True):
        out.extend(mentions_from_tags(group, t, p))
    return out


__all__ = ["Mention", "mentions_from_tags", "model_mentions"]
