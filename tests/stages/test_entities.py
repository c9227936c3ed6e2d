"""The entities and geocode stages end to end: the bundled example, and the merge with NER model proposals."""

from __future__ import annotations

import pytest

import khabar
from khabar import ner
from khabar.entities.assemble import merge_model
from khabar.entities.matcher import Candidate
from khabar.ner import Mention


def test_example_article_entities(example_text: str) -> None:
    doc = khabar.extract(example_text, published="2015-04-19", outlet="خبر")
    by_text = {e.text: e for e in doc.entities}
    expected = {
        "سجن غويران": "LOC",
        "الحسكة": "LOC",
        "دير الزور": "LOC",
        "القامشلي": "LOC",
        "المالكية": "LOC",
        "الشدادي": "LOC",
        "قاعدة الشدادي": "LOC",
        "حقل العمر النفطي": "LOC",
        "قوات سوريا الديمقراطية": "ORG",
        "وكالة الأنباء السورية": "ORG",
        "القوات الأمريكية": "ORG",
        "المرصد السوري لحقوق الإنسان": "ORG",
        "مظلوم عبدي": "PER",
        "واين ماروتو": "PER",
        "جون سميث": "PER",
        "أبو محمد العراقي": "PER",
    }
    for text, typ in expected.items():
        assert text in by_text, text
        assert by_text[text].type == typ
    assert "قسد" in by_text["قوات سوريا الديمقراطية"].aliases
    assert "سانا" in by_text["وكالة الأنباء السورية"].aliases
    # nationality adjectives and the outlet's name are no entities
    assert not {"بريطانيا", "بريطانياً", "خبر", "عراقي", "السجن"} & set(by_text)
    assert [e.id for e in doc.entities] == [f"e{i}" for i in range(1, len(doc.entities) + 1)]
    starts = [min(m.start for m in e.mentions) for e in doc.entities]
    assert starts == sorted(starts)
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end]
        if e.type == "LOC":
            assert e.geo is not None, e.text
    assert by_text["سجن غويران"].geo.inherited_from == "الحسكة"  # type: ignore[union-attr]


def test_record_has_entities_with_geo(example_text: str) -> None:
    rec = khabar.extract(example_text).to_dict()
    hasakah = next(e for e in rec["entities"] if e["text"] == "الحسكة")
    assert hasakah["geo"]["country_code"] == "SY"
    assert hasakah["geo"]["precision"] == "city"


def test_model_proposals_are_merged(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "قال المحلل سامر كوجك إن قوات سوريا الديمقراطية دخلت الرقة قرب زهرون"
    s1 = text.index("كوجك")
    s2 = text.index("قوات")
    s3 = text.index("الرقة")

    def fake(doc: khabar.Document, *args: object, **kwargs: object) -> list[Mention]:
        return [
            Mention(s1, s1 + len("كوجك"), "PER"),  # overlaps the cue-found person: rules win
            Mention(s2, s2 + len("قوات سوريا"), "LOC"),  # conflicts with the lexicon ORG: ignored
            Mention(s3, s3 + len("الرقة"), "ORG"),  # a gazetteer place keeps its type
            Mention(0, len("قال"), "MISC"),  # MISC is not kept
            Mention(text.index("زهرون"), len(text), "LOC"),  # free span: kept, origin model
            Mention(text.index("إن"), text.index("إن") + 2, "PER"),  # a stop word alone: dropped
            Mention(text.index("دخلت"), text.index("دخلت") + 4, "PER", score=0.4),  # not confident: dropped
        ]

    monkeypatch.setattr(ner, "model_mentions", fake)
    ents = {e.text: e for e in khabar.extract(text).entities}
    assert ents["سامر كوجك"].type == "PER" and ents["سامر كوجك"].origin == "cue"
    assert ents["قوات سوريا الديمقراطية"].type == "ORG"
    assert ents["الرقة"].type == "LOC"
    assert ents["زهرون"].origin == "model"
    assert not {"قال", "إن", "دخلت"} & set(ents)


def test_model_proposal_with_tanween_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "وصل وفد عسكري بريطانياً إلى المدينة"
    s = text.index("بريطانياً")

    def fake(doc: khabar.Document, *args: object, **kwargs: object) -> list[Mention]:
        return [Mention(s, s + len("بريطانياً"), "LOC")]

    monkeypatch.setattr(ner, "model_mentions", fake)
    assert not [e for e in khabar.extract(text).entities if e.origin == "model"]


def test_merge_model_rule() -> None:
    rules = [Candidate(0, 5, "ORG", None, "lexicon", "X", 0)]
    merged = merge_model(rules, [Mention(3, 8, "PER"), Mention(6, 9, "PERS"), Mention(20, 99, "LOC")], "a" * 10)
    assert [(c.start, c.end, c.type, c.origin) for c in merged] == [(0, 5, "ORG", "lexicon"), (6, 9, "PER", "model")]
