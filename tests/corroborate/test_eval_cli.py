"""``khabar eval-clusters`` on a small gold folder over a four-article corpus."""

from __future__ import annotations

import json
import sys

from typer.testing import CliRunner

import khabar
from khabar.cli import app

from .articles import ARTICLES

runner = CliRunner()


def _setup(tmp_path, monkeypatch, *, split_out: bool = False):
    data = tmp_path / "data"
    (data / "news").mkdir(parents=True)
    lines = [json.dumps({"source": o, "url": f"http://x/{a}", "date_extracted": "2015-07-21 10:00", "title": t,
                         "content": c}, ensure_ascii=False) for a, o, t, c in ARTICLES]
    (data / "news" / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = [khabar.extract(c, title=t, published="2015-07-21", outlet=o, id=f"line-{n}")
            for n, (_a, o, t, c) in enumerate(ARTICLES, start=1)]

    def ev(n: int) -> dict:
        e = docs[n - 1].events[0]
        return {"article": {"path": "news/c.jsonl", "line": n, "url": f"http://x/{n}"}, "outlet": ARTICLES[n - 1][1],
                "id": e.id, "trigger": e.trigger.text, "start": e.trigger.start, "end": e.trigger.end}

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "clusters.jsonl").write_text(json.dumps({"cluster": "c001", "events": [ev(1), ev(2), ev(3)]}) + "\n",
                                         encoding="utf-8")
    (gold / "negatives.jsonl").write_text(json.dumps({"pair": "n001", "a": ev(1), "b": ev(4)}) + "\n",
                                          encoding="utf-8")
    copy = {"pair": "p001", "a": {"line": 1}, "b": {"line": 2}, "label": "copy"}
    nocopy = {"pair": "p002", "a": {"line": 1}, "b": {"line": 3}, "label": "not-copy"}
    (gold / "copies.jsonl").write_text(json.dumps(copy) + "\n" + json.dumps(nocopy) + "\n", encoding="utf-8")
    held = {"clusters": ["c001"], "negatives": ["n001"], "copies": ["p001", "p002"]} if split_out else {}
    (gold / "split.json").write_text(json.dumps({"heldout": held}), encoding="utf-8")
    monkeypatch.setenv("KHABAR_SHARED_DATA", str(data))
    return gold


def test_eval_clusters_scores_and_floors(tmp_path, monkeypatch) -> None:
    gold = _setup(tmp_path, monkeypatch, split_out=True)
    out = runner.invoke(app, ["eval-clusters", str(gold), "--json"])
    assert out.exit_code == 0, out.output
    rep = json.loads(out.stdout)
    assert rep["items"] == 4 and rep["matched"] == 4
    assert rep["pairwise"]["f1"] == 1.0 and rep["b3"]["f1"] == 1.0
    assert rep["negatives_apart"] == {"apart": 1, "of": 1}
    assert rep["copies"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    floors = tmp_path / "floors.toml"
    floors.write_text('[clusters]\n"pairwise.f1" = 0.9\n', encoding="utf-8")
    assert runner.invoke(app, ["eval-clusters", str(gold), "--floors", str(floors)]).exit_code == 0
    floors.write_text('[clusters]\n"pairwise.f1" = 1.01\n', encoding="utf-8")
    below = runner.invoke(app, ["eval-clusters", str(gold), "--floors", str(floors)])
    assert below.exit_code == 8 and "BELOW" in below.stdout
    # the train split of this gold is empty: nothing to score, nothing wrong
    train = json.loads(runner.invoke(app, ["eval-clusters", str(gold), "--split", "train", "--json"]).stdout)
    assert train["items"] == 0


def test_eval_clusters_bad_input(tmp_path, monkeypatch) -> None:
    gold = _setup(tmp_path, monkeypatch)
    assert runner.invoke(app, ["eval-clusters", str(tmp_path)]).exit_code == 3
    assert runner.invoke(app, ["eval-clusters", str(gold), "--split", "nope"]).exit_code == 3
    monkeypatch.setenv("KHABAR_SHARED_DATA", str(tmp_path / "absent"))
    assert runner.invoke(app, ["eval-clusters", str(gold)]).exit_code == 77


def test_eval_clusters_reads_a_store_filled_by_ingest(tmp_path, monkeypatch) -> None:
    # `khabar ingest` stores the corpus lines as doc-… ids; eval-clusters finds them by content hash and
    # extracts nothing (the duplicate line 4, same text as line 1, gets the stored article too)
    gold = _setup(tmp_path, monkeypatch, split_out=True)
    corpus = tmp_path / "data" / "news" / "c.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join([*lines, lines[0]]) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    ingest = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--workers", "1"])
    assert ingest.exit_code == 0, ingest.output
    expected = json.loads(runner.invoke(app, ["eval-clusters", str(gold), "--json"]).stdout)

    def no_extraction(*_a: object, **_k: object) -> None:
        raise AssertionError("extracted although stored")

    monkeypatch.setattr(sys.modules["khabar.extract"], "extract", no_extraction)
    out = runner.invoke(app, ["eval-clusters", str(gold), "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    rep = json.loads(out.stdout)
    assert rep == expected and rep["pairwise"]["f1"] == 1.0

    from khabar.evaluation.clusters import gold_documents, load_cluster_gold
    from khabar.store.db import open_store

    with open_store(db) as store:
        docs = gold_documents(load_cluster_gold(gold), tmp_path / "data", store=store)
    assert sorted(docs) == ["line-1", "line-2", "line-3", "line-4", "line-5"]
    assert docs["line-5"].text == docs["line-1"].text and docs["line-5"].id == "line-5"
