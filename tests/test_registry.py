"""One door for stages and exporters: built-ins from builtins.toml, plugins from entry points, no duplicates."""

from __future__ import annotations

import io
from importlib.metadata import EntryPoint

import pytest

from khabar.errors import PipelineError
from khabar.export import ExportResult, exporters, get_exporter
from khabar.pipeline import DEFAULT_STAGES, Pipeline, register_stage, stages
from khabar.registry import Registry, _builtins


def test_every_default_stage_and_exporter_is_named_in_the_table() -> None:
    table = _builtins()
    assert set(DEFAULT_STAGES) == set(table["stages"])
    assert set(exporters.names()) >= {"plover", "acled-csv", "geojson", "parquet"}
    for name in table["stages"]:
        assert stages.get(name).name == name


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(PipelineError, match=r"unknown exporter 'shapefile' \(known: acled-csv, geojson"):
        get_exporter("shapefile")


def _fake_entry_points(plugin_group: str, name: str, value: str):  # type: ignore[no-untyped-def]
    """``importlib.metadata.entry_points`` as if one installed distribution declared ``name = value``."""

    def entry_points(group: str) -> list[EntryPoint]:
        return [EntryPoint(name, value, group)] if group == plugin_group else []

    return entry_points


class _Upper:
    """A plugin exporter: every event trigger in capitals, one per line."""

    name = "triggers"
    binary = False
    media_type = "text/plain"
    suffix = ".txt"

    def write(self, events, out) -> ExportResult:  # type: ignore[no-untyped-def]
        n = 0
        for _, ev in events:
            out.write(ev.trigger.text + "\n")
            n += 1
        return ExportResult(n)


PLUGIN = _Upper()


def test_a_plugin_exporter_comes_through_the_same_door(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "khabar.registry.entry_points", _fake_entry_points("khabar.exporters", "triggers", f"{__name__}:PLUGIN")
    )
    reg = Registry("exporter", "exporters", "khabar.exporters", lambda obj: obj)
    assert "triggers" in reg.names() and reg.get("triggers") is PLUGIN
    out = io.StringIO()
    from khabar.extract import extract

    doc = extract("قالت مصادر محلية إن مسلحين هاجموا نقطة تفتيش في مدينة الحسكة أمس.", published="2015-04-19")
    assert reg.get("triggers").write(((doc, ev) for ev in doc.events), out).written == len(doc.events) > 0
    assert out.getvalue().splitlines() == [ev.trigger.text for ev in doc.events]


def test_a_plugin_with_a_built_in_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "khabar.registry.entry_points", _fake_entry_points("khabar.stages", "events", f"{__name__}:PLUGIN")
    )
    reg = Registry("stage", "stages", "khabar.stages", lambda obj: obj)
    with pytest.raises(PipelineError, match="stage 'events' is defined twice: by khabar and by"):
        reg.get("tokens")


def test_register_stage_refuses_a_taken_name() -> None:
    with pytest.raises(PipelineError, match="stage 'tokens' is already defined"):
        register_stage("tokens", provides=["tokens"])(lambda doc: doc)


def test_a_registered_stage_runs_in_a_pipeline() -> None:
    @register_stage("test-mark-registry", requires=["tokens"], provides=["test-mark-registry"])
    def mark(doc):  # type: ignore[no-untyped-def]
        return doc.with_layer("test-mark-registry")

    out = Pipeline(["tokens", "test-mark-registry"])(__import__("khabar").make_document("نص عربي قصير هنا"))
    assert "test-mark-registry" in out.layers
