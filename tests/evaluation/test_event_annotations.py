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
from khabar.training.labels import label_files

ANN = ROOT / "eval" / "annotations" / "events"
PRIMARY = label_files(ANN)  # labels-<letter>.jsonl: one annotator's whole articles, training data
PRIMARY_NAMES = [p.name for p in PRIMARY]
ALL_LABEL_FILES = sorted(p.name for p in ANN.glob("labels-*.jsonl"))  # also the agreement samples
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


def test_the_primary_label_files_are_those_of_the_folder() -> None:
    """Every labels-<letter>.jsonl is a primary file (training data); the agreement samples are not."""
    assert [p.name for p in PRIMARY][:3] == ["labels-a.jsonl", "labels-b.jsonl", "labels-c.jsonl"]
    assert {p.name for p in ANN.glob("labels-*.jsonl")} - {p.name for p in PRIMARY} == {
        "labels-a-second.jsonl", "labels-b-agreement.jsonl", "labels-cde-agreement.jsonl"}


@pytest.mark.parametrize("name", ALL_LABEL_FILES)
def test_labels_are_well_formed(name: str, candidates: list[dict[str, Any]]) -> None:
    path = ANN / name
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


def _article_order(candidates: list[dict[str, Any]]) -> list[int]:
    return sorted({c["text_ref"]["line"] for c in candidates})


@pytest.mark.parametrize("name", PRIMARY_NAMES)
def test_each_primary_file_labels_whole_articles(name: str, candidates: list[dict[str, Any]]) -> None:
    """An annotator labels every candidate of each article taken, once."""
    line_of = {c["id"]: c["text_ref"]["line"] for c in candidates}
    found = _jsonl(ANN / name)
    assert found, f"{name} is empty"
    assert len({r["id"] for r in found}) == len(found), "one label per candidate"
    lines = {line_of[r["id"]] for r in found}
    labelled = {r["id"] for r in found}
    for c in candidates:
        if c["text_ref"]["line"] in lines:
            assert c["id"] in labelled, f"{c['id']}: article {c['text_ref']['line']} only partly labelled"


def test_no_article_is_labelled_in_two_primary_files(candidates: list[dict[str, Any]]) -> None:
    line_of = {c["id"]: c["text_ref"]["line"] for c in candidates}
    owner: dict[int, str] = {}
    for path in PRIMARY:
        for line in {line_of[r["id"]] for r in _jsonl(path)}:
            assert line not in owner, f"article {line} labelled in {owner.get(line)} and {path.name}"
            owner[line] = path.name


def test_annotator_b_takes_the_articles_right_after_those_of_a(candidates: list[dict[str, Any]]) -> None:
    line_of = {c["id"]: c["text_ref"]["line"] for c in candidates}
    b_labels = _jsonl(ANN / "labels-b.jsonl")
    assert len(b_labels) >= 800
    a_lines = {line_of[r["id"]] for r in _jsonl(ANN / "labels-a.jsonl")}
    b_lines = {line_of[r["id"]] for r in b_labels}
    after_a = [line for line in _article_order(candidates) if line > max(a_lines)]
    assert sorted(b_lines) == after_a[: len(b_lines)], "B's articles are the ones right after A's"


def test_b_agreement_sample_is_the_seeded_draw_from_a(candidates: list[dict[str, Any]]) -> None:
    """labels-b-agreement holds exactly the documented draw (sample --n 200 --seed 11) of A's candidates."""
    agreement = _script("event_labels_agreement")
    drawn = agreement.sample_ids(agreement.load(ANN / "labels-a.jsonl"), 200, 11)
    assert [r["id"] for r in _jsonl(ANN / "labels-b-agreement.jsonl")] == drawn


CDE = [ANN / f"labels-{x}.jsonl" for x in "cde"]


def test_cde_agreement_sample_is_the_seeded_draw_from_c_d_and_e(candidates: list[dict[str, Any]]) -> None:
    """labels-cde-agreement holds exactly the documented draw (sample --labels labels-c labels-d labels-e
    --n 200 --seed 12) of C, D and E's candidates, the three files concatenated in that order."""
    agreement = _script("event_labels_agreement")
    drawn = agreement.sample_ids(agreement.load_all(CDE), 200, 12)
    assert [r["id"] for r in _jsonl(ANN / "labels-cde-agreement.jsonl")] == drawn


AGREEMENT_ROWS = [
    ("type, on the agreed happenings", "type_on_agreed_positives"),
    ("mode", "mode_on_agreed_positives"),
    ("status", "status_on_agreed_positives"),
    ("actor, exact (same set of spans)", "actor_exact_on_agreed_positives"),
    ("target, exact", "target_exact_on_agreed_positives"),
    ("actor, overlapping (a word shared, or both empty)", "actor_overlap_on_agreed_positives"),
    ("target, overlapping", "target_overlap_on_agreed_positives"),
    ("reason, on the agreed non-happenings", "reason_on_agreed_negatives"),
]


def agreement_table(columns: list[tuple[str, dict[str, Any]]]) -> str:
    """The README's agreement table: one column per (title, ``score`` result)."""
    def cell(r: dict[str, Any]) -> str:
        return f"{r['agree']}/{r['of']} ({r['percent']} %)"

    lines = ["| measure | " + " | ".join(t for t, _ in columns) + " |", "|---" * (len(columns) + 1) + "|"]
    lines.append("| happening yes/no | " + " | ".join(
        f"{cell(r['happening'])}, Cohen's κ = {r['happening']['kappa']} "
        f"({r['happening']['positives_first']} / {r['happening']['positives_second']} positives)"
        for _, r in columns) + " |")
    for title, key in AGREEMENT_ROWS:
        lines.append(f"| {title} | " + " | ".join(cell(r[key]) for _, r in columns) + " |")
    return "\n".join(lines)


def test_readme_agreement_of_c_d_e_and_f_is_what_score_computes() -> None:
    agreement = _script("event_labels_agreement")
    second = agreement.load(ANN / "labels-cde-agreement.jsonl")
    columns = [("C, D, E vs F", agreement.score(agreement.load_all(CDE), second))]
    columns += [(f"{p.stem[-1].upper()} vs F", agreement.score(agreement.load(p), second)) for p in CDE]
    readme = (ANN / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- agreement-cdef -->")[1].split("<!-- /agreement-cdef -->")[0]
    assert block.strip() == agreement_table(columns)


def _readme_block(key: str) -> str:
    readme = (ANN / "README.md").read_text(encoding="utf-8")
    assert f"<!-- {key} -->" in readme, f"README.md has no <!-- {key} --> section"
    return readme.split(f"<!-- {key} -->")[1].split(f"<!-- /{key} -->")[0]


@pytest.mark.parametrize("name", PRIMARY_NAMES)
def test_readme_counts_are_those_of_each_primary_file(name: str, candidates: list[dict[str, Any]]) -> None:
    """Each primary file has its "Counts (annotator X)" section (<!-- counts-x -->) and its Files-table row."""
    counts = _script("event_labels_counts")
    split = json.loads((ANN / "split.json").read_text(encoding="utf-8"))
    result = counts.counts(_jsonl(ANN / name), candidates, set(split["test_lines"]))
    block = _readme_block(f"counts-{name[len('labels-')]}")
    assert f"**{result['labels']:,} candidates labelled** from **{result['articles']} articles**" in block
    assert f"{result['happenings']} happenings, {result['non_happenings']} non-happenings" in block
    assert f"{result['test_labels']} labels from {result['test_articles']} test articles" in block
    for typ, n in result["by_type"].items():
        assert f"{typ} {n}" in block
    for reason, n in result["by_reason"].items():
        assert f"{reason} {n}" in block
    readme = (ANN / "README.md").read_text(encoding="utf-8")
    row = next((x for x in readme.splitlines() if x.startswith(f"| `{name}` |")), None)
    assert row is not None, f"no row for {name} in the Files table"
    assert row.rstrip(" |").endswith(f"{result['labels']:,}"), row


def test_readme_totals_are_those_of_all_primary_files(candidates: list[dict[str, Any]]) -> None:
    counts = _script("event_labels_counts")
    split = json.loads((ANN / "split.json").read_text(encoding="utf-8"))
    every = [r for path in PRIMARY for r in _jsonl(path)]
    result = counts.counts(every, candidates, set(split["test_lines"]))
    block = _readme_block("counts-total")
    assert f"**{result['labels']:,} labels** from **{result['articles']} articles**" in block
    assert f"{result['happenings']:,} happenings" in block
    assert f"{result['test_labels']} labels from {result['test_articles']} test articles" in block


@pytest.mark.parametrize(
    ("labels", "test_lines", "expected"),
    [
        ([{"id": "x1", "happening": True, "type": "ASSAULT", "status": "asserted", "actor": ["a"], "target": []},
          {"id": "y1", "happening": False, "type": None, "status": "asserted", "actor": [], "target": [],
           "reason": "generic"}],
         {2}, {"labels": 2, "articles": 2, "happenings": 1, "with_actor": 1, "with_neither": 0, "test_labels": 1,
               "type_differs_from_lexicon": 1}),
        ([], set(), {"labels": 0, "articles": 0, "happenings": 0, "test_labels": 0}),
    ],
)
def test_counts_arithmetic(labels: list[dict[str, Any]], test_lines: set[int], expected: dict[str, Any]) -> None:
    cands = [{"id": "x1", "text_ref": {"line": 1}, "lexicon_type": "COERCE"},
             {"id": "y1", "text_ref": {"line": 2}, "lexicon_type": "AGREE"}]
    result = _script("event_labels_counts").counts(labels, cands, test_lines)
    assert {k: result[k] for k in expected} == expected


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
    paths = [str(ANN / n) for n in ALL_LABEL_FILES]
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


def test_sample_concatenates_several_label_files_in_order(tmp_path: Path) -> None:
    """``sample --labels F1 F2`` draws from F1's ids then F2's, in that order; one file draws as before."""
    agreement = _script("event_labels_agreement")
    f1, f2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    f1.write_text("".join(json.dumps({"id": f"a{i}"}) + "\n" for i in range(30)), encoding="utf-8")
    f2.write_text("".join(json.dumps({"id": f"b{i}"}) + "\n" for i in range(30)), encoding="utf-8")
    both = agreement.load_all([f1, f2])
    assert list(both) == [f"a{i}" for i in range(30)] + [f"b{i}" for i in range(30)]
    merged = {**agreement.load(f1), **agreement.load(f2)}
    assert agreement.sample_ids(both, 20, 5) == agreement.sample_ids(merged, 20, 5)
    assert agreement.load_all([f1]) == agreement.load(f1)
    assert agreement.sample_ids(agreement.load_all([f2, f1]), 20, 5) != agreement.sample_ids(both, 20, 5)
    with pytest.raises(SystemExit):
        agreement.load_all([f1, f1])
