"""Every record khabar writes validates against the JSON Schema shipped in the package."""

import json
from importlib.resources import files

import jsonschema
import pytest

import khabar

SCHEMA = json.loads(files("khabar").joinpath("schema/document.schema.json").read_text(encoding="utf-8"))


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_example_record_validates(example_text: str) -> None:
    doc = khabar.extract(example_text, published="2015-04-19", outlet="خبر", id="ex1")
    rec = doc.to_dict()
    jsonschema.validate(rec, SCHEMA)
    assert rec["id"] == "ex1" and rec["doc"]["published"] == "2015-04-19"
    # offsets index the text
    for ent in rec["entities"]:
        assert rec["text"][ent["start"] : ent["end"]] == ent["text"] or ent["origin"] == "alias"
    for ev in rec["events"]:
        ev_txt = ev["evidence"]
        assert rec["text"][ev_txt["start"] : ev_txt["end"]] == ev_txt["text"]
        assert ev["source"]["chain"][0]["kind"] == "outlet"


def test_schema_rejects_wrong_type() -> None:
    doc = khabar.extract("قال مصدر إن الهجوم وقع أمس.", id="x")
    rec = doc.to_dict()
    rec["entities"] = [{"id": "e1", "text": "x", "type": "THING", "start": 0, "end": 1, "aliases": [], "mentions": []}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rec, SCHEMA)
