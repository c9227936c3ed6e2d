"""The event annotation data (eval/annotations/events): candidates, labels, split and the helper scripts."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import ROOT, shared_path

ANN = ROOT / "eval" / "annotations" / "events"
SCRIPTS = ROOT / "scripts"
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
REASONS = {"reference", "background", "generic", "investigation", "question", "judicial", "name",
           "not_event", "reporting"}
CANDIDATE_KEYS = {"id", "text_ref", "published", "start", "end", "trigger", "lexicon_type", "lexicon_mode",
                  "lexicon_pos", "cond_ok", "engine", "sentence"}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def candidates() -> list[dict[str, Any]]:
    return _jsonl(ANN / "candidates.jsonl")


def test_candidates_hold_offsets_and_trigger_words_only(candidates: list[dict[str, Any]]) -> None:
    assert len(candidates) >= 2000
    assert len({c["text_ref"]["line"] for c in candidates}) >= 300
    assert len({c["id"] for c in candidates}) == len(candidates)
    for c in candidates:
        assert set(c) == CANDIDATE_KEYS, c["id"]
        assert len(c["trigger"]) == c["end"] - c["start"] <= 40, c["id"]
        assert c["sentence"][0] <= c["start"] < c["end"] <= c["sentence"][1], c["id"]


def test_no_candidate_comes_from_a_gold_article(candidates: list[dict[str, Any]]) -> None:
    gold = _script("event_candidates").gold_lines(ROOT)
    assert gold, "eval/gold holds text_refs"
    assert not gold & {c["text_ref"]["line"] for c in candidates}


@pytest.mark.parametrize("name", ["labels-a.jsonl", "labels-a-second.jsonl", "labels-b.jsonl"])
def test_labels_are_well_formed(name: str, candidates: list[dict[str, Any]]) -> None:
    path = ANN / name
    if not path.is_file():
        pytest.skip(f"{name} not written yet")
    ids = {c["id"] for c in candidates}
    for rec in _jsonl(path):
        assert rec["id"] in ids
        assert rec["status"] in {"asserted", "denied", "planned", "hypothetical"}
        if rec["happening"]:
            assert rec["type"] in TYPES and rec["reason"] is None, rec["id"]
        else:
            assert rec["type"] is None and rec["reason"] in REASONS, rec["id"]
            assert rec["actor"] == [] and rec["target"] == [], rec["id"]


def test_annotator_a_labels_the_first_half_of_the_articles(candidates: list[dict[str, Any]]) -> None:
    lines = sorted({c["text_ref"]["line"] for c in candidates})
    first_half = set(lines[: len(lines) // 2])
    line_of = {c["id"]: c["text_ref"]["line"] for c in candidates}
    assert all(line_of[r["id"]] in first_half for r in _jsonl(ANN / "labels-a.jsonl"))


def test_split_is_the_seeded_fifth_closed_under_near_duplicates(candidates: list[dict[str, Any]]) -> None:
    split = json.loads((ANN / "split.json").read_text(encoding="utf-8"))
    lines = sorted({c["text_ref"]["line"] for c in candidates})
    module = _script("event_split")
    assert split["seeded"] == module.seeded_lines(lines, 0.2, 2015)
    assert len(split["seeded"]) == 64
    pairs = [tuple(p) for p in split["near_duplicate_pairs"]]
    assert split["test_lines"] == module.close_under(split["seeded"], pairs)
    test = set(split["test_lines"])
    assert all((a in test) == (b in test) for a, b in pairs), "a story on both sides of the split"


def test_near_duplicate_pairs_are_those_of_the_article_texts() -> None:
    source = shared_path("news", "saudinewsnet", "conflict_subset.jsonl").read_text(encoding="utf-8").splitlines()
    split = json.loads((ANN / "split.json").read_text(encoding="utf-8"))
    lines = sorted({line for pair in split["near_duplicate_pairs"] for line in pair})
    texts = {line: json.loads(source[line - 1]).get("content") or "" for line in lines}
    found = _script("event_split").near_duplicate_pairs(texts)
    assert [list(p) for p in found] == split["near_duplicate_pairs"]


@pytest.mark.parametrize(
    ("seeded", "pairs", "closed"),
    [([1, 5], [(5, 9), (9, 12), (2, 3)], [1, 5, 9, 12]), ([2], [], [2]), ([3], [(2, 3)], [2, 3])],
)
def test_close_under_pulls_in_chains_of_near_duplicates(
    seeded: list[int], pairs: list[tuple[int, int]], closed: list[int]
) -> None:
    assert _script("event_split").close_under(seeded, pairs) == closed


def test_every_span_resolves_in_its_sentence() -> None:
    data = shared_path("news", "saudinewsnet", "conflict_subset.jsonl").parents[2]
    paths = [str(ANN / n) for n in ("labels-a.jsonl", "labels-a-second.jsonl") if (ANN / n).is_file()]
    env = {**os.environ, "KHABAR_SHARED_DATA": str(data)}
    run = subprocess.run([sys.executable, str(SCRIPTS / "event_labels_check.py"), *paths],
                         capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stdout[-2000:]


@pytest.mark.parametrize(
    ("a", "b", "kappa"),
    [
        ([True, True, False, False], [True, False, False, False], 0.5),
        ([True, False, True, False], [True, False, True, False], 1.0),
        ([True, False, True, False], [False, True, False, True], -1.0),
    ],
)
def test_cohen_kappa(a: list[bool], b: list[bool], kappa: float) -> None:
    assert _script("event_labels_agreement").cohen_kappa(a, b) == pytest.approx(kappa)


def test_span_agreement_ignores_quotes_but_not_words() -> None:
    agreement = _script("event_labels_agreement")
    first = {"x": {"happening": True, "type": "ASSAULT", "actor": ["«داعش»"], "target": ["موقعا"]}}
    second = {"x": {"happening": True, "type": "ASSAULT", "actor": ["داعش"], "target": ["موقعا مخصصا"]}}
    result = agreement.score(first, second)
    assert result["actor_exact_on_agreed_positives"]["agree"] == 1
    assert result["target_exact_on_agreed_positives"]["agree"] == 0
    assert result["target_overlap_on_agreed_positives"]["agree"] == 1
