"""The main job as an importable function: Arabic article text in, annotated Document out."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from khabar.errors import ResourceError
from khabar.input_checks import check_text, default_id, parse_published
from khabar.model import Document, Span
from khabar.pipeline import DEFAULT_STAGES, Pipeline


@lru_cache(maxsize=8)
def _pipeline(names: tuple[str, ...], ner_model: str | None = None) -> Pipeline:
    if ner_model is None:
        return Pipeline(names)
    if not Path(ner_model).exists():
        raise ResourceError(f"NER model not found: {ner_model}")
    # the entities stage with another model: a stage variant, not a special stage
    return Pipeline(names, params={"entities": {"model": Path(ner_model)}})


def make_document(
    text: str,
    *,
    title: str | None = None,
    published: date | str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    url: str | None = None,
) -> Document:
    """Build an unannotated Document; a title becomes the first line (the headline) of the text."""
    body = text.strip("\n")
    headline: Span | None = None
    if title and title.strip():
        head = title.strip()
        full = f"{head}\n\n{body}" if body.strip() else head
        headline = Span(0, len(head))
    else:
        full = body
    check_text(full, name=id or "input")
    return Document(
        text=full,
        id=id or default_id(full),
        published=parse_published(published),
        outlet=outlet,
        title=title.strip() if title else None,
        url=url,
        headline=headline,
    )


def extract(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    stages: tuple[str, ...] = DEFAULT_STAGES,
    ner_model: str | Path | None = None,
) -> Document:
    """Run the pipeline on one article and return its annotated Document.

    ``ner_model`` replaces the packaged CRF: a ``.crfsuite`` file (``khabar train-ner``) or a local Hugging Face
    token-classification model directory (extra ``khabar[transformers]``).
    Raises ``khabar.InputError`` (or a subclass) when the text is empty, not Arabic or too large, and
    ``khabar.ResourceError`` when ``ner_model`` does not exist.
    """
    doc = make_document(text, title=title, published=published, outlet=outlet, id=id, url=url)
    return _pipeline(tuple(stages), str(ner_model) if ner_model is not None else None)(doc)
