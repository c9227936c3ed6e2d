"""The PLOVER ontology (lexicon/data/plover_types.tsv): every type and mode the data uses, and the flag lookups."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest
from tests.conftest import shared_path

from khabar.errors import ResourceError
from khabar.lexicon import load_tsv
from khabar.ontology import ModeFlag, event_type, event_types, is_mode


def test_sixteen_types_as_in_the_schema() -> None:
    schema = json.loads(files("khabar").joinpath("schema", "document.schema.json").read_text(encoding="utf-8"))
    enum = schema["$defs"]["event"]["properties"]["type"]["enum"]
    names = list(event_types())
    assert len(names) == 16
    assert sorted(enum) == sorted(names)


@pytest.mark.parametrize("name", ["event_triggers.tsv", "plover_acled.tsv"])
def test_every_type_and_mode_in_data_is_in_the_ontology(name: str) -> None:
    tcol, mcol = ("type", "mode") if name == "event_triggers.tsv" else ("plover_type", "plover_mode")
    missing = []
    for row in load_tsv(name):
        t, m = row[tcol], row[mcol]
        if t not in event_types():
            missing.append(t)
        elif m not in ("-", "*") and not is_mode(t, m):
            missing.append(f"{t}/{m}")
    assert missing == []


def _cameo2plover() -> tuple[set[str], set[tuple[str, str]]]:
    types: set[str] = set()
    modes: set[tuple[str, str]] = set()
    for line in shared_path("ontology", "plover", "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*\d+:\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if m:
            types.add(m.group(1))
            if m.group(2) and m.group(2).strip():
                modes.add((m.group(1), m.group(2).strip()))
    return types, modes


def test_names_follow_plover() -> None:
    """Type names are PLOVER's; exactly the modes CAMEO2PLOVER-2021 lacks are flagged as extensions."""
    types, modes = _cameo2plover()
    assert set(event_types()) <= types
    foreign = {(t.name, m.name) for t in event_types().values() for m in t.modes} - modes
    flagged = {(t.name, m.name) for t in event_types().values() for m in t.modes if m.extension}
    assert foreign == flagged


@pytest.mark.parametrize(
    ("type_", "mode", "flag", "expected"),
    [
        ("RETREAT", "withdraw", "counted_doers", True),  # فرار عشرات المسلحين
        ("SANCTION", "withdraw", "counted_doers", False),  # the same mode name under another type
        ("RETREAT", None, "counted_doers", False),
        ("PROTEST", None, "counted_doers", True),  # احتجاج مئات الأهالي
        ("ACCUSE", "allege", "object_then_claim", True),  # اتهم المتمردين بمواصلة
        ("ACCUSE", "disapprove", "object_then_claim", False),  # ندد بـ
        ("REQUEST", None, "object_then_claim", True),  # دعا الأطراف إلى
    ],
)
def test_holds(type_: str, mode: str | None, flag: ModeFlag, expected: bool) -> None:
    assert event_type(type_).holds(flag, mode) is expected


@pytest.mark.parametrize(("mode", "expected"), [(None, True), ("heavy-weapons", True), ("firearms", False)])
def test_air_refines_only_no_mode_and_shelling(mode: str | None, expected: bool) -> None:
    assert event_type("ASSAULT").mode_or_type("refined_by_air", mode) is expected


def test_type_flags() -> None:
    speech = {t.name for t in event_types().values() if t.speech_act}
    ground = {t.name for t in event_types().values() if t.seen_on_ground}
    assert speech == {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}
    assert ground == {"ASSAULT", "COERCE", "PROTEST"}
    weapons = {m.name for m in event_type("ASSAULT").modes if m.weapon}
    assert weapons == {"aerial", "heavy-weapons", "firearms", "explosives", "suicide-attack"}


def test_unknown_type_is_a_resource_error() -> None:
    with pytest.raises(ResourceError, match="not a PLOVER type"):
        event_type("DEMAND")
