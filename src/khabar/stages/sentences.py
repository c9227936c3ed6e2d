"""Stage sentences: sentences, headline and bullet lines (``khabar.arabic.sentences``)."""

from __future__ import annotations

from khabar.arabic.sentences import split_sentences
from khabar.model import Document
from khabar.pipeline import Stage


def sentences_stage(doc: Document) -> Document:
    return doc.with_layers(sentences=split_sentences(doc.text, doc.headline))


STAGE = Stage("sentences", sentences_stage, provides=("sentences",))
