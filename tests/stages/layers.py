"""Hand-made layers for stage tests: tokens and sentences from the real stages, times/entities by hand."""

from __future__ import annotations

import dataclasses

from khabar.extract import make_document
from khabar.model import Document, Entity, Span, TimeValue
from khabar.pipeline import Pipeline


def doc_of(text: str, *, title: str | None = None, outlet: str = "خبر") -> Document:
    doc = make_document(text, title=title, published="2015-04-19", outlet=outlet)
    return Pipeline(["tokens", "sentences"])(doc)


def with_time(doc: Document, phrase: str, value: str) -> Document:
    start = doc.text.index(phrase)
    t = TimeValue(phrase, start, start + len(phrase), value, "day", relative=True)
    return dataclasses.replace(doc, times=(*doc.times, t))


def with_entity(doc: Document, phrase: str, type_: str, eid: str) -> Document:
    start = doc.text.index(phrase)
    ent = Entity(eid, phrase, type_, start, start + len(phrase), mentions=(Span(start, start + len(phrase)),))  # type: ignore[arg-type]
    return dataclasses.replace(doc, entities=(*doc.entities, ent))
