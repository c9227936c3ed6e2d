"""Text stages: tokens and sentences."""

from __future__ import annotations

from khabar.arabic.sentences import split_sentences
from khabar.arabic.tokenize import tokenize
from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("tokens", provides=["tokens"])
def tokens_stage(doc: Document) -> Document:
    return doc.with_layer("tokens", tokens=tokenize(doc.text))


@register_stage("sentences", provides=["sentences"])
def sentences_stage(doc: Document) -> Document:
    return doc.with_layer("sentences", sentences=split_sentences(doc.text, doc.headline))
