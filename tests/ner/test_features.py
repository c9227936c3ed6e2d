"""CRF features: clitic readings, shapes, gazetteer and cue features of real Arabic tokens."""

from __future__ import annotations

import pytest

from khabar.arabic import tokenize
from khabar.ner.features import TokenInfo, sentence_features, shape_of, token_infos
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


def _reference_features(tokens: list[str], keep: frozenset[str] | None = None) -> list[list[str]]:
    """The feature window written out plainly (the layout the packaged model was trained on), to check the
    faster assembly of ``sentence_features`` against."""

    def _own(info: TokenInfo) -> list[str]:
        s = info.stem
        feats = [
            "bias",
            "n=" + info.norm,
            "s=" + s,
            "p=" + info.prefix,
            "sh=" + info.shape,
            "len=" + str(min(len(s), 8)),
        ]
        feats += ["s2=" + s[:2], "s3=" + s[:3], "e1=" + s[-1:], "e2=" + s[-2:], "e3=" + s[-3:]]
        feats += ["c=" + c for c in sorted(info.cues)] + [f"k{i}=" + k for i, k in enumerate(info.clusters)]
        feats += [] if info.clusters else ["k=rare"]
        return feats + [f"ks{i}=" + k for i, k in enumerate(info.stem_clusters)] + ["g=" + g for g in info.gaz]

    def _neighbour(info: TokenInfo, off: int) -> list[str]:
        tag = f"{off:+d}"
        feats = [tag + "n=" + info.norm, tag + "s=" + info.stem, tag + "sh=" + info.shape, tag + "p=" + info.prefix]
        feats += [tag + "c=" + c for c in sorted(info.cues)] + [f"{tag}k{i}=" + k for i, k in enumerate(info.clusters)]
        return feats + [tag + "g=" + g for g in info.gaz]

    infos = token_infos(tokens)
    n = len(infos)
    out = []
    for i, info in enumerate(infos):
        feats = list(_own(info))
        feats += list(_neighbour(infos[i - 2], -2)) if i >= 2 else ["BOS"] if i == 1 else []
        feats += list(_neighbour(infos[i - 1], -1)) if i >= 1 else ["BOS"]
        feats += list(_neighbour(infos[i + 1], 1)) if i + 1 < n else ["EOS"]
        feats += list(_neighbour(infos[i + 2], 2)) if i + 2 < n else ["EOS"] if i + 2 == n else []
        k0 = info.clusters[0] if info.clusters else "rare"
        extra = []
        if i > 0:
            prev = infos[i - 1]
            extra += [
                "bg-=" + prev.stem + "|" + info.stem,
                "kb-=" + (prev.clusters[0] if prev.clusters else "rare") + "|" + k0,
            ]
        if i + 1 < n:
            nxt = infos[i + 1]
            extra += [
                "bg+=" + info.stem + "|" + nxt.stem,
                "kb+=" + k0 + "|" + (nxt.clusters[0] if nxt.clusters else "rare"),
            ]
        if i >= 3:
            extra += ["-3c=" + c for c in sorted(infos[i - 3].cues)]
        if keep is not None:
            feats = [f for f in feats if f in keep or f in ("BOS", "EOS")]
            extra = [f for f in extra if f in keep]
        out.append(feats + extra)
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        "قال مصدر في بالقاهرة",
        "وأعلن وزير الخارجية الأمريكي جون كيري أمس أن واشنطن ستواصل دعم المعارضة في الولايات المتحدة .",
        "قال المرصد السوري لحقوق الإنسان إن اشتباكات عنيفة اندلعت في ريف حلب ودمشق",
        "بغداد",
        "زار الرئيس",
    ],
)
def test_sentence_features_equal_the_plain_window(sentence: str) -> None:
    from khabar.ner.crf import default_model_path, model_attributes

    tokens = sentence.split()
    assert sentence_features(tokens) == _reference_features(tokens)
    keep = model_attributes(str(default_model_path()))
    assert sentence_features(tokens, keep) == _reference_features(tokens, keep)
