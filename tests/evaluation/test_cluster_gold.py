"""The same-event cluster gold (eval/gold/clusters): references resolve, no dev/check article is used, shapes hold."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, shared_path
from khabar import make_document

GOLD = ROOT / "eval" / "gold" / "clusters"
DATA_REL = "news/saudinewsnet/conflict_subset.jsonl"
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip

sys.path.insert(0, str(ROOT / "scripts"))
from cluster_gold_agreement import kappa  # noqa: E402


def _jsonl(name: str) -> list[dict]:
    return [json.loads(x) for x in (GOLD / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def _gold_lines() -> set[int]:
    lines = set()
    for sub in ("dev", "check"):
        for path in (ROOT / "eval" / "gold" / sub).glob("*.json"):
            lines.add(json.loads(path.read_text(encoding="utf-8"))["text_ref"]["line"])
    return lines


def _events() -> list[dict]:
    evs = [e for c in _jsonl("clusters.jsonl") for e in c["events"]]
    for n in _jsonl("negatives.jsonl"):
        evs += [n["a"], n["b"]]
    return evs


@pytest.fixture(scope="module")
def texts() -> dict[int, tuple[str, str]]:
    path = shared_path(DATA_REL)
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line, raw in enumerate(fh, start=1):
            if raw.strip():
                art = json.loads(raw)
                out[line] = (make_document(art["content"], title=art["title"]).text, art["url"])
    return out


@pytest.mark.shared
def test_every_trigger_sits_at_its_offsets(texts: dict[int, tuple[str, str]]) -> None:
    for ev in _events():
        text, url = texts[ev["article"]["line"]]
        assert ev["article"]["path"] == DATA_REL
        assert ev["article"]["url"] == url
        assert text[ev["start"] : ev["end"]] == ev["trigger"], ev


@pytest.mark.shared
def test_copy_pairs_point_at_the_articles_they_name(texts: dict[int, tuple[str, str]]) -> None:
    for row in _jsonl("copies.jsonl"):
        for side in ("a", "b"):
            assert texts[row[side]["line"]][1] == row[side]["url"]


def test_no_article_of_the_dev_or_check_gold_is_used() -> None:
    used = {e["article"]["line"] for e in _events()}
    used |= {r[s]["line"] for r in _jsonl("copies.jsonl") for s in ("a", "b")}
    assert used and not used & _gold_lines()


def test_clusters_link_different_articles_once_each() -> None:
    clusters = _jsonl("clusters.jsonl")
    assert len(clusters) >= 150
    assert sum(len(c["events"]) for c in clusters) >= 600
    for c in clusters:
        lines = [e["article"]["line"] for e in c["events"]]
        assert len(set(lines)) == len(lines) >= 2, c["cluster"]
        assert c["type"] in PLOVER
        for e in c["events"]:
            assert all(isinstance(v, int) and v >= 0 for v in e.get("count", {}).values())


def test_no_article_text_beyond_short_words() -> None:
    for e in _events():
        assert len(e["trigger"]) <= 40 and len(e.get("source", "")) <= 80


def test_labels_and_split_are_consistent() -> None:
    copies = _jsonl("copies.jsonl")
    assert len(copies) >= 150 and {r["label"] for r in copies} == {"copy", "not-copy"}
    assert all(r["a"]["line"] != r["b"]["line"] for r in copies)
    split = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))["heldout"]
    ids = {c["cluster"] for c in _jsonl("clusters.jsonl")}
    assert set(split["clusters"]) < ids
    assert 0.25 <= len(split["clusters"]) / len(ids) <= 0.35
    assert set(split["copies"]) < {r["pair"] for r in copies}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (["same", "same", "different", "different"], ["same", "same", "different", "different"], 1.0),
        (["same", "same", "different", "different"], ["different", "different", "same", "same"], -1.0),
        (["same", "same", "same", "different"], ["same", "same", "same", "same"], 0.0),
        (["copy", "copy", "no", "no", "copy"], ["copy", "no", "no", "no", "copy"], 0.6154),
    ],
)
def test_cohen_kappa(first: list[str], second: list[str], expected: float) -> None:
    assert kappa(first, second) == pytest.approx(expected, abs=1e-4)
