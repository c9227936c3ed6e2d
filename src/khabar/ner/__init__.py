"""Learned NER: the interface the entity stage uses to get model proposals."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.model import Document


@dataclass(frozen=True, slots=True)
class Mention:
    """A span the model proposes as a named entity (type PER, ORG, LOC or MISC)."""

    start: int
    end: int
    type: str
    score: float = 1.0


def model_mentions(doc: Document) -> list[Mention]:
    """Mentions proposed by the default NER model (needs the ``tokens`` layer)."""
    return []  # replaced by the CRF tagger (issue: learned NER)
