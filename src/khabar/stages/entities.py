"""Stage entities: lexicon, gazetteer, pattern and cue mentions merged with the NER model's proposals."""

from __future__ import annotations

from khabar import ner
from khabar.entities.assemble import build_entities, merge_model, rule_candidates
from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("entities", requires=["tokens", "sentences"], provides=["entities"])
def entities_stage(doc: Document) -> Document:
    """People, organizations and places of the article, one ``Entity`` per distinct entity (ids by first mention).

    The model is looked up through the ``khabar.ner`` module at call time, so tests can replace it.
    """
    rules, links = rule_candidates(doc)
    cands = merge_model(rules, ner.model_mentions(doc), doc.text)
    return doc.with_layer("entities", entities=build_entities(doc, cands, links))
