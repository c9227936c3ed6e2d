"""Loading gold files: .json, .jsonl, folders, inline text, and text_ref into the shared data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.errors import EvalDataMissingError, InputError, RecordError
from khabar.evaluation.gold import article_inputs, find_data_dir, load_gold, verify_refs
from khabar.evaluation.system import run_pipeline

URL = "http://example.com/article/1/قصف-صعدة"
ARTICLE = {"source": "example", "url": URL, "date_extracted": "2015-07-21 02:51:32",
           "title": "غارات على صعدة", "content": "قصفت طائرات التحالف مواقع في صعدة أمس."}


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "shared" / "data"
    news = data / "news"
    news.mkdir(parents=True)
    other = {**ARTICLE, "url": "http://example.com/other"}
    (news / "sample.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in (other, ARTICLE)) + "\n", encoding="utf-8"
    )
    return data


def _ref_gold(url: str = URL, line: int = 2) -> dict[str, object]:
    return {"id": "ref-1", "published": "2015-07-21", "outlet": "مثال",
            "text_ref": {"path": "news/sample.jsonl", "line": line, "url": url},
            "entities": [{"text": "صعدة", "type": "LOC"}]}


def test_text_ref_gives_title_and_content(tmp_path: Path) -> None:
    data = _data(tmp_path)
    gold_file = tmp_path / "ref-1.json"
    gold_file.write_text(json.dumps(_ref_gold(), ensure_ascii=False), encoding="utf-8")
    (doc,) = load_gold(gold_file)
    assert article_inputs(doc, data) == (ARTICLE["content"], ARTICLE["title"])
    records, notes = run_pipeline([doc], data)
    assert notes == [] and records["ref-1"]["doc"]["title"] == ARTICLE["title"]
    assert records["ref-1"]["doc"]["published"] == "2015-07-21" and records["ref-1"]["doc"]["outlet"] == "مثال"


@pytest.mark.parametrize(("url", "line", "message"), [
    ("http://example.com/wrong", 2, "url does not match"),
    (URL, 9, "past the end"),
])
def test_bad_text_ref_is_a_record_error(tmp_path: Path, url: str, line: int, message: str) -> None:
    data = _data(tmp_path)
    gold_file = tmp_path / "g.json"
    gold_file.write_text(json.dumps(_ref_gold(url, line)), encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        verify_refs(load_gold(gold_file), data)


def test_absent_shared_data_is_a_clear_error(tmp_path: Path) -> None:
    gold_file = tmp_path / "g.json"
    gold_file.write_text(json.dumps(_ref_gold()), encoding="utf-8")
    (doc,) = load_gold(gold_file)
    with pytest.raises(EvalDataMissingError, match="shared data folder"):
        article_inputs(doc, None)
    assert EvalDataMissingError("x").exit_code == 77


def test_find_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data(tmp_path)
    repo = tmp_path / "repo"
    (repo / "eval" / "gold").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.delenv("KHABAR_SHARED_DATA", raising=False)
    # <repo>/../shared/data, found from the gold folder
    assert find_data_dir(near=repo / "eval" / "gold") == data.resolve()
    assert find_data_dir(explicit=tmp_path / "nowhere") is None
    monkeypatch.setenv("KHABAR_SHARED_DATA", str(data))
    assert find_data_dir(near=tmp_path) == data


def test_json_list_jsonl_and_folder(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    one = {"id": "a", "text": "نص عربي", "entities": []}
    (folder / "a.json").write_text(json.dumps(one), encoding="utf-8")
    (folder / "bc.jsonl").write_text(
        json.dumps({**one, "id": "b"}) + "\n\n" + json.dumps({**one, "id": "c"}) + "\n", encoding="utf-8"
    )
    (folder / "d.json").write_text(json.dumps([{**one, "id": "d"}]), encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    assert [d.id for d in load_gold(folder)] == ["a", "b", "c", "d"]


@pytest.mark.parametrize(("content", "message"), [
    ('{"id": "a"}', "neither 'text' nor 'text_ref'"),
    ('{"text": "نص"}', "no 'id'"),
    ('{"id": "a", "text": "نص", "entities": [{"type": "LOC"}]}', "entity without a 'text'"),
    ('{"id": "a", "text": "نص", "events": [{"actor": ["x"]}]}', "event without a 'type'"),
    ('{"id": "a", "text": "نص", "quantities": [{"text": "x", "value": "many"}]}', "must be a number"),
    ('{"id": "a", "text": "نص"', "invalid JSON"),
])
def test_malformed_gold(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        load_gold(f)


def test_duplicate_id_and_missing_path(tmp_path: Path) -> None:
    f = tmp_path / "dup.jsonl"
    f.write_text('{"id": "a", "text": "نص"}\n{"id": "a", "text": "نص"}\n', encoding="utf-8")
    with pytest.raises(RecordError, match=r"dup\.jsonl:2: duplicate gold id"):
        load_gold(f)
    with pytest.raises(InputError, match="no such file"):
        load_gold(tmp_path / "nope")
