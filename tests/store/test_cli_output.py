"""``khabar query`` and ``khabar export`` output on a database holding hand-made events (both backends)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from khabar.cli import app
from khabar.store import Store


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_query_json_and_table(store: Store, db_url: str, make_doc) -> None:
    store.save(make_doc("a1"))
    res = run("query", "--db", db_url, "--json", "--type", "ASSAULT", "--place", "الحسكه")
    assert res.exit_code == 0, res.output
    [row] = [json.loads(line) for line in res.stdout.splitlines()]
    assert (row["article_id"], row["type"], row["place"], row["source"], row["source_kind"]) == (
        "a1", "ASSAULT", "الحسكة", "مصدر محلي", "anonymous")
    assert row["date"] == "2015-04-18" and row["fatalities"] == 60 and row["country_code"] == "SY"
    table = run("query", "--db", db_url, "--source-kind", "outlet")
    assert table.exit_code == 0 and "PROTEST" in table.stdout and "ASSAULT" not in table.stdout


def test_export_every_format(store: Store, db_url: str, make_doc, tmp_path: Path) -> None:
    store.save(make_doc("a1"))
    from .conftest import HASAKAH

    store.save(make_doc("a2", HASAKAH + " وأضاف المصدر أن الاشتباكات مستمرة.", event_type="CONSULT", mode=None))
    for fmt in ("plover", "acled-csv", "geojson", "parquet", "ndjson"):
        res = run("export", "--db", db_url, "--format", fmt, "-o", str(tmp_path / fmt))
        assert res.exit_code == 0, res.output
    plover = [json.loads(line) for line in (tmp_path / "plover").read_text().splitlines()]
    assert len(plover) == 4  # two events in each article, through khabar.export.plover
    rows = list(csv.DictReader((tmp_path / "acled-csv").open(encoding="utf-8")))
    assert [r["event_type"] for r in rows] == ["Battles", "Protests", "Protests"]  # CONSULT left out
    features = json.loads((tmp_path / "geojson").read_text())["features"]
    assert len(features) == 2
    assert pq.read_table(tmp_path / "parquet").num_rows == 4
    ndjson = [json.loads(line) for line in (tmp_path / "ndjson").read_text().splitlines()]
    assert [(r["article_id"], r["type"]) for r in ndjson] == [(r["article_id"], r["type"]) for r in map(
        json.loads, run("query", "--db", db_url, "--json").stdout.splitlines())]
    assert len(ndjson) == 4
    filtered = run("export", "--db", db_url, "-f", "plover", "-o", str(tmp_path / "p2"), "--type", "CONSULT")
    assert filtered.exit_code == 0
    assert len((tmp_path / "p2").read_text().splitlines()) == 1
