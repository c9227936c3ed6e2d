"""Stage entities: lexicon, gazetteer, pattern and cue mentions merged with the NER model's proposals."""

from __future__ import annotations

from pathlib import Path

from khabar import ner
from khabar.entities.assemble import build_entities, merge_model, rule_candidates
from khabar.model import Document
from khabar.pipeline import Stage, register_stage

REQUIRES = frozenset({"tokens", "sentences"})
PROVIDES = frozenset({"entities"})


def find_entities(doc: Document, model: str | Path | None = None) -> Document:
    """People, organizations and places of the article, one ``Entity`` per distinct entity (ids by first mention).

    ``model`` selects the NER model (default: the packaged CRF; see ``khabar.ner.model_mentions``). The model
    is looked up through the ``khabar.ner`` module at call time, so tests can replace it. Label propagation
    is off: its mentions would not pass the confidence bar of ``merge_model`` anyway.
    """
    rules, links = rule_candidates(doc)
    cands = merge_model(rules, ner.model_mentions(doc, model, propagate=False), doc.text)
    return doc.with_layer("entities", entities=build_entities(doc, cands, links))


@register_stage("entities", requires=REQUIRES, provides=PROVIDES)
def entities_stage(doc: Document) -> Document:
    return find_entities(doc)


def entities_stage_with(model: str | Path) -> Stage:
    """The entities stage with another NER model: a ``.crfsuite`` file or a Hugging Face model directory."""

    def run(doc: Document) -> Document:
        return find_entities(doc, model)

    return Stage("entities", run, REQUIRES, PROVIDES)
