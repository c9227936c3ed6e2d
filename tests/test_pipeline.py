import pytest

from khabar.errors import PipelineError
from khabar.model import Document
from khabar.pipeline import DEFAULT_STAGES, Pipeline, Stage


def test_default_pipeline_builds_and_provides_every_layer() -> None:
    p = Pipeline()
    assert [s.name for s in p.stages] == list(DEFAULT_STAGES)
    assert {"entities", "sources", "events", "times", "quantities"} <= p.provides


def test_requirement_checked_at_build_time() -> None:
    with pytest.raises(PipelineError, match="requires"):
        Pipeline(["events"])


def test_unknown_stage() -> None:
    with pytest.raises(PipelineError, match="unknown stage"):
        Pipeline(["tokens", "no-such-stage"])


def test_custom_stage_object_runs() -> None:
    seen: list[str] = []

    def mark(doc: Document) -> Document:
        seen.append(doc.text)
        return doc.with_layer("marked")

    p = Pipeline(["tokens", Stage("mark", mark, frozenset({"tokens"}), frozenset({"marked"}))])
    out = p(Document(text="نص"))
    assert seen == ["نص"] and "marked" in out.layers and out.tokens
