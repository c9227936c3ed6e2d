"""The packaged CRF model: it loads, tags an obvious sentence, and its mentions map into the text."""

from __future__ import annotations

import pytest

from khabar.errors import ResourceError
from khabar.model import Document
from khabar.ner import Mention, mentions_from_tags, model_mentions
from khabar.ner.crf import default_model_path, load_tagger, model_info, repair_bio, tag_tokens
from khabar.ner.features import FEATURE_VERSION
from khabar.pipeline import Pipeline


def _doc(text: str) -> Document:
    return Pipeline(["tokens", "sentences"])(Document(text=text))


def test_packaged_model_is_present_and_described() -> None:
    path = default_model_path()
    assert path.is_file() and path.stat().st_size < 8_000_000
    info = model_info(path)
    assert info["feature_version"] == FEATURE_VERSION
    assert "anercorp" in info["training_data"]


def test_obvious_sentence() -> None:
    tokens = "قال الرئيس الأمريكي باراك أوباما في واشنطن".split()
    tags = tag_tokens(tokens)
    assert tags[3:5] == ["B-PERS", "I-PERS"]
    assert tags[6] == "B-LOC"
    assert tags[0] == "O"


@pytest.mark.parametrize(
    ("text", "entity", "kind"),
    [
        ("قال الرئيس الأمريكي باراك أوباما في واشنطن", "باراك أوباما", "PER"),
        ("قال الرئيس الأمريكي باراك أوباما في واشنطن", "واشنطن", "LOC"),
        ("وصل وزير الخارجية إلى القاهرة أمس.", "القاهرة", "LOC"),
        ("أعلنت وزارة الدفاع الروسية أن طائراتها قصفت مواقع في سوريا.", "سوريا", "LOC"),
    ],
)
def test_model_mentions_offsets_map_into_text(text: str, entity: str, kind: str) -> None:
    doc = _doc(text)
    mentions = model_mentions(doc)
    found = {(doc.text[m.start : m.end], m.type) for m in mentions}
    assert (entity, kind) in found
    for m in mentions:
        assert 0 <= m.start < m.end <= len(doc.text) and 0.0 < m.score <= 1.0
        assert doc.text[m.start : m.end] == doc.text[m.start : m.end].strip()


def test_mentions_stay_inside_sentences() -> None:
    doc = _doc("التقى أوباما في واشنطن.\nوزار نتنياهو القدس.")
    for m in model_mentions(doc):
        assert any(s.start <= m.start and m.end <= s.end for s in doc.sentences)


def test_mentions_from_tags_and_bio_repair() -> None:
    doc = _doc("زار جون كيري بغداد")
    toks = doc.tokens
    got = mentions_from_tags(toks, ["O", "B-PERS", "I-PERS", "I-LOC"], [1.0, 0.9, 0.7, 0.5])
    assert got == [Mention(toks[1].start, toks[2].end, "PER", 0.8), Mention(toks[3].start, toks[3].end, "LOC", 0.5)]
    assert repair_bio(["O", "I-LOC", "I-LOC", "I-ORG"]) == ["O", "B-LOC", "I-LOC", "B-ORG"]


def test_empty_document_has_no_mentions() -> None:
    assert model_mentions(Document(text="")) == []


def test_missing_or_broken_model(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ResourceError):
        load_tagger(str(tmp_path / "none.crfsuite"))
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ResourceError):
        load_tagger(str(bad))


def test_model_attributes_are_the_ones_the_tagger_knows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from khabar.ner.crf import default_model_path, load_tagger, model_attributes

    path = str(default_model_path())
    assert model_attributes(path) == frozenset(load_tagger(path).info().attributes)
    (tmp_path / "x.crfsuite").write_bytes(b"not a model")
    assert model_attributes(str(tmp_path / "x.crfsuite")) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "قال المرصد السوري لحقوق الإنسان إن اشتباكات عنيفة اندلعت في ريف حلب",
        "وأعلن وزير الخارجية الأمريكي جون كيري أمس أن واشنطن ستواصل دعم المعارضة .",
        "بغداد",
    ],
)
def test_features_the_model_does_not_know_change_nothing(sentence: str) -> None:
    from khabar.ner.crf import default_model_path, load_tagger, model_attributes
    from khabar.ner.features import sentence_features

    path = str(default_model_path())
    tagger, tokens = load_tagger(path), sentence.split()
    keep = model_attributes(path)
    full, kept = sentence_features(tokens), sentence_features(tokens, keep)
    assert sum(map(len, kept)) < sum(map(len, full))
    assert all(f in keep or f in ("BOS", "EOS") for item in kept for f in item)
    tags = tagger.tag(full)
    assert tagger.tag(kept) == tags
    marginals = [tagger.marginal(t, i) for i, t in enumerate(tags)]
    tagger.tag(kept)
    assert [tagger.marginal(t, i) for i, t in enumerate(tags)] == marginals
