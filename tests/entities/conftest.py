"""The rule tests of this folder run without the NER model, whose proposals would blur what a rule does."""

from __future__ import annotations

import pytest

from khabar.model import Document
from khabar.ner import Mention


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def none(doc: Document, *args: object, **kwargs: object) -> list[Mention]:
        return []

    monkeypatch.setattr("khabar.ner.model_mentions", none)
