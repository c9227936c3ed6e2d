"""Copy groups and clusters kept in the store: incremental updates, records, the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import khabar
from khabar.cli import app
from khabar.corroborate.stored import cluster_of_events, cluster_record, load_clusters, update
from khabar.store import open_store

from .articles import documents

runner = CliRunner()


@pytest.fixture(scope="module")
def docs():
    return documents()


def test_python_api_is_callable(docs) -> None:
    res = khabar.corroborate(docs)
    assert res.copy_groups == {"a": "a", "b": "a", "c": "c", "d": "d"}
    top = res.clusters[0]
    assert top["articles"] == ["a", "b", "c"]
    # the ministry (cited by two outlets printing one wire) and the local sources: two voices, not three
    assert top["independent_source_count"] == 2
    assert top["source_mix"] == {"named": 1, "anonymous": 1, "outlet": 0}
    assert any(c["conflict"] and [x["value"] for x in c["claims"]] == [27, 30] for c in top["counts"])
    assert res.cluster_of["d/ev1"] != res.cluster_of["a/ev1"]


def test_update_is_incremental_and_matches_the_batch_result(tmp_path, docs, db_url) -> None:
    url = db_url
    with open_store(url) as store:
        for d in docs[:2]:
            store.save(d)
        first = update(store)
        assert (first.new_copies, first.events_placed) == (2, sum(len(d.events) for d in docs[:2]))
        for d in docs[2:]:
            store.save(d)
        second = update(store)
        assert second.new_copies == 2 and second.events_placed == sum(len(d.events) for d in docs[2:])
        again = update(store)
        assert (again.new_copies, again.events_placed, again.clusters_written) == (0, 0, 0)
        recs = load_clusters(store, min_articles=2)
        batch = khabar.corroborate(docs)
        assert [r["articles"] for r in recs] == [batch.clusters[0]["articles"]]
        assert recs[0]["independent_source_count"] == 2
        keys = [(d.id, e.id) for d in docs for e in d.events]
        placed = cluster_of_events(store, keys)
        assert {k: v[0] for k, v in placed.items()} == {tuple(k.split("/")): v for k, v in batch.cluster_of.items()}
        assert cluster_record(store, recs[0]["id"]) == recs[0]
        assert load_clusters(store, min_sources=3) == []
        assert load_clusters(store, only_anonymous=True, min_articles=2) == []


def test_reextracted_article_is_placed_again(tmp_path, docs, db_url) -> None:
    url = db_url
    with open_store(url) as store:
        for d in docs:
            store.save(d)
        update(store)
        store.save(docs[2], version="another-pipeline")
        res = update(store)
        assert res.events_placed == len(docs[2].events)
        assert len(load_clusters(store, min_articles=2)[0]["articles"]) == 3


def test_cli_corroborate_and_query_clusters(tmp_path, docs, db_url) -> None:
    url = db_url
    with open_store(url) as store:
        for d in docs:
            store.save(d)
    out = runner.invoke(app, ["corroborate", "--db", url])
    assert out.exit_code == 0, out.output
    assert "events placed" in out.output
    js = runner.invoke(app, ["query", "--db", url, "--clusters", "--json"])
    assert js.exit_code == 0
    recs = [json.loads(x) for x in js.stdout.splitlines()]
    assert len(recs) == 1 and recs[0]["schema"] == "khabar/cluster-1"
    assert runner.invoke(app, ["query", "--db", url, "--clusters", "--min-sources", "3", "--json"]).stdout == ""
    table = runner.invoke(app, ["query", "--db", url, "--clusters"])
    assert table.exit_code == 0 and "1 clusters" in table.stdout
    bad = runner.invoke(app, ["query", "--db", url, "--clusters", "--min-sources", "-1"])
    assert bad.exit_code == 2 and "min-sources" in bad.output


def test_cli_corroborate_without_a_database_is_a_clear_error(tmp_path) -> None:
    out = runner.invoke(app, ["corroborate", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert out.exit_code == 7 and "no database" in out.output


def test_exports_carry_cluster_id_and_independent_sources(tmp_path, docs, db_url) -> None:
    import csv

    url = db_url
    with open_store(url) as store:
        for d in docs:
            store.save(d)
        update(store)
    plover = tmp_path / "e.jsonl"
    assert runner.invoke(app, ["export", "--db", url, "--format", "plover", "-o", str(plover)]).exit_code == 0
    recs = {r["khabar_doc_id"]: r for r in map(json.loads, plover.read_text(encoding="utf-8").splitlines())}
    assert recs["a"]["khabar_cluster"]["id"] == recs["c"]["khabar_cluster"]["id"]
    assert recs["a"]["khabar_cluster"]["independent_sources"] == 2
    assert recs["d"]["khabar_cluster"]["independent_sources"] == 1
    acled = tmp_path / "e.csv"
    assert runner.invoke(app, ["export", "--db", url, "--format", "acled-csv", "-o", str(acled)]).exit_code == 0
    rows = list(csv.DictReader(acled.open(encoding="utf-8")))
    row = next(r for r in rows if r["khabar_cluster"] == recs["a"]["khabar_cluster"]["id"])
    assert "2 independent sources" in row["notes"]
    geo = tmp_path / "e.geojson"
    assert runner.invoke(app, ["export", "--db", url, "--format", "geojson", "-o", str(geo)]).exit_code == 0
    props = [f["properties"] for f in json.loads(geo.read_text(encoding="utf-8"))["features"]]
    assert {p["independent_sources"] for p in props if p["article_id"] in "abc"} == {2}


def test_ingest_with_corroborate(tmp_path, db_url) -> None:
    from .articles import ARTICLES

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"title": t, "content": c, "source": o, "date_extracted": "2015-07-21"},
                                        ensure_ascii=False) for _a, o, t, c in ARTICLES) + "\n", encoding="utf-8")
    url = db_url
    out = runner.invoke(app, ["ingest", str(src), "--db", url, "--corroborate"])
    assert out.exit_code == 0, out.output
    assert "cluster records written" in out.output
    with open_store(url) as store:
        assert store.count("article_copies") == 4
        assert len(load_clusters(store, min_articles=2)) == 1
