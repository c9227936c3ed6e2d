"""Stage tokens: words, numbers and punctuation with their proclitics split off (``khabar.arabic.tokenize``)."""

from __future__ import annotations

from khabar.arabic.tokenize import tokenize
from khabar.model import Document
from khabar.pipeline import Stage


def tokens_stage(doc: Document) -> Document:
    return doc.with_layers(tokens=tokenize(doc.text))


STAGE = Stage("tokens", tokens_stage, provides=("tokens",))
