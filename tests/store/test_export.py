"""Exports from the store: ACLED-style CSV, GeoJSON, Parquet, and PLOVER through the PLOVER exporter."""

from __future__ import annotations

import csv
import io
import json

import pytest

from khabar.export.acled import ACLED_COLUMNS, acled_mapping, acled_type, write_acled_csv
from khabar.export.flat import COLUMNS
from khabar.export.geojson import write_geojson
from khabar.export.parquet import write_parquet
from khabar.store import Store
from khabar.store.query import EventFilter, iter_events


@pytest.fixture
def filled(store: Store, make_doc) -> Store:
    store.save(make_doc("a1"))
    return store


def test_acled_csv(filled: Store) -> None:
    out = io.StringIO()
    written, left_out = write_acled_csv(iter_events(filled, EventFilter()), out)
    assert (written, left_out) == (2, 0)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assault, protest = rows
    assert assault["event_id_cnty"] == "a1:ev1"
    assert assault["event_date"] == "2015-04-18" and assault["year"] == "2015" and assault["time_precision"] == "1"
    assert (assault["disorder_type"], assault["event_type"], assault["sub_event_type"]) == (
        "Political violence", "Battles", "Armed clash")
    assert assault["actor1"] == "وحدات حماية الشعب" and assault["assoc_actor_1"] == "داعش"
    assert assault["actor2"] == "داعش"
    assert (assault["country"], assault["iso"], assault["admin1"]) == ("Syria", "760", "Al-Hasakah")
    assert (assault["location"], assault["latitude"], assault["geo_precision"]) == ("Al-Hasakah", "36.50237", "1")
    assert assault["fatalities"] == "60"
    assert assault["source"] == "الشرق الأوسط"
    assert assault["notes"].endswith("(according to مصدر محلي)")
    assert "source_kind=anonymous" in assault["tags"]
    # No event date: the publication date, with ACLED's "within a week" precision.
    assert (protest["event_date"], protest["time_precision"], protest["event_type"]) == ("2015-04-19", "2", "Protests")


@pytest.mark.parametrize(
    ("plover", "mode", "expected"),
    [
        ("ASSAULT", "explosives", "Remote explosive/landmine/IED"),
        ("ASSAULT", "abduct", "Abduction/forced disappearance"),
        ("ASSAULT", "unknown-mode", "Armed clash"),
        ("ASSAULT", None, "Armed clash"),
        ("PROTEST", "riot", "Violent demonstration"),
        ("COERCE", "arrest", "Arrests"),
        ("AGREE", None, "Agreement"),
        ("CONCEDE", "ceasefire", "Agreement"),
        ("COERCE", "occupy", "Non-state actor overtakes territory"),
        ("COERCE", "seize", "Looting/property destruction"),  # confiscation
        ("ASSAULT", "seize", "Looting/property destruction"),  # destruction of property, not a battle
        ("RETREAT", "withdraw", "Non-violent transfer of territory"),
    ],
)
def test_plover_to_acled_mapping(plover: str, mode: str | None, expected: str) -> None:
    hit = acled_type(plover, mode)
    assert hit is not None and hit[2] == expected


def test_types_acled_does_not_code_are_left_out(store: Store, make_doc) -> None:
    store.save(make_doc("a1", event_type="CONSULT", mode=None))
    assert acled_type("CONSULT", None) is None
    written, left_out = write_acled_csv(iter_events(store, EventFilter()), io.StringIO())
    assert (written, left_out) == (1, 1)


def test_mapping_covers_every_plover_type() -> None:
    types = {t for t, _ in acled_mapping()}
    assert types == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                     "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert all((t, "*") in acled_mapping() for t in types)


def test_geojson(filled: Store) -> None:
    out = io.StringIO()
    written, left_out = write_geojson(iter_events(filled, EventFilter()), out)
    assert (written, left_out) == (1, 1)  # the PROTEST event has no place
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [40.74772, 36.50237]}
    assert feature["properties"]["type"] == "ASSAULT"
    assert feature["properties"]["source_chain"] == "الشرق الأوسط > مصدر محلي"


def test_empty_geojson_is_valid(store: Store) -> None:
    out = io.StringIO()
    assert write_geojson(iter_events(store, EventFilter()), out) == (0, 0)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_parquet(filled: Store, tmp_path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert write_parquet(iter_events(filled, EventFilter()), path, batch=1) == 2
    table = pq.read_table(path)
    assert tuple(table.column_names) == COLUMNS
    rows = table.to_pylist()
    assert rows[0]["lat"] == 36.50237 and rows[0]["fatalities"] == 60 and rows[0]["source_kind"] == "anonymous"
    assert rows[1]["lat"] is None and rows[1]["status"] == "denied"
