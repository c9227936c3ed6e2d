"""CRF features: clitic readings, shapes, gazetteer and cue features of real Arabic tokens."""

from __future__ import annotations

import pytest

from khabar.arabic import tokenize
from khabar.ner.features import sentence_features, shape_of, token_infos
from khabar.ner.gazetteer import cues_of, match_phrases


@pytest.mark.parametrize(
    ("token", "prefix", "stem"),
    [
        ("والقامشلي", "وال", "قامشلي"),
        ("بالحسكة", "بال", "حسكه"),
        ("للجيش", "لل", "الجيش"),
        # The reading is greedy (a word that starts with a clitic letter loses it); the full
        # normalized form is a feature of its own, so the CRF sees both.
        ("وزارة", "و", "زاره"),
        ("بغداد", "ب", "غداد"),
        ("وأكد", "و", "اكد"),
        ("الأمريكي", "ال", "امريكي"),
    ],
)
def test_clitic_reading(token: str, prefix: str, stem: str) -> None:
    info = token_infos([token])[0]
    assert (info.prefix, info.stem) == (prefix, stem)


@pytest.mark.parametrize(
    ("token", "shape"),
    [
        ("دمشق", "ar"),
        ("2015", "num"),
        ("٢٠١٥", "num"),
        ("SANA", "latin"),
        ("،", "punct"),
        ("(د", "mixed"),
        ("12م", "mixed"),
    ],
)
def test_shape(token: str, shape: str) -> None:
    assert token_infos([token])[0].shape == shape
    assert shape_of("") == "punct"


def test_features_of_a_token_with_clitics() -> None:
    feats = sentence_features(["قال", "مصدر", "في", "بالقاهرة"])
    last = set(feats[3])
    assert {"n=بالقاهره", "p=بال", "s=قاهره", "sh=ar", "EOS", "-1n=في", "-2n=مصدر"} <= last
    assert "g=B-LOC" in last  # بالقاهرة is القاهرة (GeoNames) seen through ب
    assert "-2c=source" in last
    assert "c=report_verb" in set(feats[0]) and "BOS" in set(feats[0])


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["زار", "الولايات", "المتحدة"], (1, 3, "COUNTRY")),
        (["وصل", "إلى", "بغداد"], (2, 3, "LOC")),
        (["التقى", "محمد"], (1, 2, "NAME")),
    ],
)
def test_gazetteer_phrases(words: list[str], expected: tuple[int, int, str]) -> None:
    norms = [t.norm for w in words for t in tokenize(w)]
    found = {(s, e, c) for s, e, classes in match_phrases(norms) for c in classes}
    assert expected in found


@pytest.mark.parametrize(
    ("word", "cue"),
    [
        ("وزارة", "org_head"),
        ("والوزير", "person_role"),
        ("وقال", "report_verb"),
        ("مصادر", "source"),
        ("بمدينة", "loc_head"),
    ],
)
def test_cues_see_through_clitics(word: str, cue: str) -> None:
    assert cue in cues_of(tokenize(word)[0].norm)


def test_same_features_for_raw_tokens_and_khabar_tokens() -> None:
    text = "وقال الرئيس الأمريكي باراك أوباما في واشنطن"
    toks = tokenize(text)
    assert sentence_features([t.text for t in toks]) == sentence_features(text.split())
    # khabar's own clitic reading and the feature reading agree
    for tok, info in zip(toks, token_infos([t.text for t in toks]), strict=True):
        assert (tok.prefix, tok.stem) == (info.prefix, info.stem)


def test_word_clusters_are_packaged_and_used() -> None:
    from khabar.ner.gazetteer import word_clusters

    table = word_clusters()
    assert len(table) > 40_000 and all(len(v) == 2 for v in list(table.values())[:100])
    # capitals and big cities fall together more often than a city and a verb
    assert table["بغداد"][0] == table["دمشق"][0] != table["قال"][0]
    feats = sentence_features(["بغداد", "ززززز"])
    assert "k0=" + table["بغداد"][0] in feats[0] and "k=rare" in feats[1]
