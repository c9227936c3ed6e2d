"""``khabar.api.rows``: the event JSON built from rows equals ``serialize.event_json`` of the rebuilt Document.

On both backends, for hand-made Documents with every stored field (nested source chain, a place geocoded through
its entity, counts and quantities, dates) and for real extracted articles; in any order and batch size, with
unknown keys left out.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from khabar import extract
from khabar.api.rows import event_records
from khabar.api.serialize import event_json
from khabar.store import Store
from khabar.store.query import EventFilter, event_keys, load_events
from store.conftest import HASAKAH, rich_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "examples" / "hasakah.txt").read_text(encoding="utf-8")


def _text(obj: object) -> str:
    # Equal text means the same keys in the same order with the same values and types (1 and 1.0 differ).
    return json.dumps(obj, ensure_ascii=False)


def _variants() -> object:
    # a3: ev1 cites S2 (whose parent is S1: a chain of three), its place is geocoded through its entity only;
    # ev2 cites a source id the article does not have (the outlet's voice), and S1 ↔ S2 cite each other.
    doc = rich_document("a3", "خبر عاجل من سوريا.\n" + HASAKAH, published="2015-05-01")  # another text
    ev1, ev2 = doc.events
    place = dataclasses.replace(ev1.place, geo=None) if ev1.place is not None else None
    s1, s2 = doc.sources
    return dataclasses.replace(
        doc, events=(dataclasses.replace(ev1, source="S2", place=place), dataclasses.replace(ev2, source="S9")),
        sources=(dataclasses.replace(s1, parent="S2"), s2))


@pytest.fixture
def stored(filled: Store) -> Store:
    filled.save(_variants())  # type: ignore[arg-type]
    filled.save(extract(EXAMPLE, published="2015-04-19", outlet="الحياة", id="real-1", title="الحسكة"))
    paragraphs = [p for p in EXAMPLE.split("\n\n") if p.strip()]
    filled.save(extract("\n\n".join(reversed(paragraphs)), id="real-2"))  # no date, outlet or title
    return filled


def test_rows_equal_the_document_records(stored: Store) -> None:
    keys = event_keys(stored, EventFilter())
    assert len(keys) > 6 and {k[0] for k in keys} == {"a1", "a2", "a3", "real-1", "real-2"}
    want = [_text(event_json(doc, ev)) for doc, ev in load_events(stored, keys)]
    assert [_text(r) for r in event_records(stored, keys)] == want
    assert [_text(r) for r in event_records(stored, keys, batch=1)] == want
    back = list(reversed(keys))
    assert [_text(r) for r in event_records(stored, back, batch=3)] == want[::-1]


def test_fields_that_only_some_events_have(stored: Store) -> None:
    recs = {r["id"]: r for r in event_records(stored, event_keys(stored, EventFilter()))}
    assert any(len(r["source"]["chain"]) > 2 for r in recs.values())  # outlet → … → cited source
    assert any(r["place"] is not None and "geo" not in r["place"] and r["geo"] for r in recs.values())
    assert any(r["counts"] for r in recs.values()) and any(r["quantities"] for r in recs.values())
    assert any(r["article"]["published"] is None for r in recs.values())
    assert recs["a1:ev1"]["fatalities"] == 60
    assert [x["id"] for x in recs["a3:ev1"]["source"]["chain"]] == [None, "S1", "S2"]  # the cycle stops
    assert recs["a3:ev2"]["source"] == {"id": None, "text": "الشرق الأوسط", "kind": "outlet",
                                        "chain": [recs["a3:ev2"]["source"]["chain"][0]]}


def test_unknown_keys_are_left_out(stored: Store) -> None:
    got = [r["id"] for r in event_records(stored, [("a1", "ev9"), ("a2", "ev1"), ("nope", "ev1"), ("a1", "ev1\x00"),
                                                    ("a1", "ev1")])]
    assert got == ["a2:ev1", "a1:ev1"]
    assert list(event_records(stored, [])) == []


def test_features_equal_the_geojson_export(stored: Store) -> None:
    from khabar.api.rows import feature
    from khabar.export.geojson import event_feature

    keys = event_keys(stored, EventFilter())
    want = [_text(event_feature(doc, ev)) for doc, ev in load_events(stored, keys)]
    assert [_text(feature(r)) for r in event_records(stored, keys)] == want
    assert "null" in want and any(w != "null" for w in want)  # events with and without coordinates
