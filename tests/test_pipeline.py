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


def test_a_stage_must_return_a_document_with_its_layers() -> None:
    bad = Stage("bad", lambda doc: None, provides=("bad",))  # type: ignore[arg-type,return-value]
    with pytest.raises(PipelineError, match="stage 'bad' returned NoneType, not a Document"):
        Pipeline(["tokens", bad])(Document(text="نص"))
    silent = Stage("silent", lambda doc: doc, provides=("silent",))
    with pytest.raises(PipelineError, match=r"did not record the layers it provides: \['silent'\]"):
        Pipeline(["tokens", silent])(Document(text="نص"))


def test_a_stage_may_not_change_a_layer_it_does_not_provide() -> None:
    import dataclasses

    def sneaky(doc: Document) -> Document:
        return dataclasses.replace(doc.with_layer("sneaky"), tokens=doc.tokens[:1])

    with pytest.raises(PipelineError, match="stage 'sneaky' changed tokens, which it does not provide"):
        Pipeline(["tokens", Stage("sneaky", sneaky, provides=("sneaky",))])(Document(text="نص عربي"))


def test_stage_parameters_make_a_variant() -> None:
    seen: list[str] = []

    def label(doc: Document, *, tag: str = "plain") -> Document:
        seen.append(tag)
        return doc.with_layer("label")

    stage = Stage("label", label, provides=("label",), accepts=("tag",))
    Pipeline([stage])(Document(text="نص"))
    Pipeline([stage], params={"label": {"tag": "variant"}})(Document(text="نص"))
    assert seen == ["plain", "variant"]
    with pytest.raises(PipelineError, match="stage 'label' takes no parameter colour"):
        stage.with_params(colour="red")
    with pytest.raises(PipelineError, match="parameters for stages not in the pipeline: events"):
        Pipeline([stage], params={"events": {}})
