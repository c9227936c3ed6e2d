"""Stage entities: lexicon, gazetteer, pattern and cue mentions merged with the NER model's proposals."""

from __future__ import annotations

from pathlib import Path

from khabar import ner
from khabar.entities.assemble import build_entities, merge_model, rule_candidates
from khabar.model import Document
from khabar.pipeline import Stage


def find_entities(doc: Document, model: str | Path | None = None) -> Document:
    """People, organizations and places of the article, one ``Entity`` per distinct entity (ids by first mention).

    ``model`` selects the NER model (default: the packaged CRF; see ``khabar.ner.model_mentions``). The model
    is looked up through the ``khabar.ner`` module at call time, so tests can replace it. Label propagation
    is off: its mentions would not pass the confidence bar of ``merge_model`` anyway.
    """
    rules, links = rule_candidates(doc)
    cands = merge_model(rules, ner.model_mentions(doc, model, propagate=False), doc.text)
    return doc.with_layers(entities=build_entities(doc, cands, links))


# ``model``: another NER model (a ``.crfsuite`` file or a Hugging Face model directory), a stage variant:
# ``STAGE.with_params(model=path)``.
STAGE = Stage("entities", find_entities, requires=("tokens", "sentences"), provides=("entities",), accepts=("model",))
