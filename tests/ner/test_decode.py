"""The numpy decoder gives python-crfsuite's tags and marginals (it replaces it on the extraction path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.ner.crf import _default_path, load_tagger, model_attributes, tag_sentences_with_marginals
from khabar.ner.decode import decode, read_weights
from khabar.ner.features import sentence_features

SENTENCES = [
    "قال المرصد السوري لحقوق الإنسان إن اشتباكات عنيفة اندلعت في ريف حلب",
    "وأعلن وزير الخارجية الأمريكي جون كيري أمس أن واشنطن ستواصل دعم المعارضة في الولايات المتحدة .",
    "بغداد",
    "زار الرئيس",
    "التقى الملك سلمان بن عبد العزيز ولي العهد الأمير محمد بن نايف في الرياض",
    "ززززز ققققق",
]


def test_tags_and_marginals_equal_crfsuite() -> None:
    path = _default_path()
    tagger, keep = load_tagger(path), model_attributes(path)
    assert keep is not None
    words = [s.split() for s in SENTENCES]
    decoded = decode([*words, []], path, keep)
    assert decoded is not None
    assert decoded[-1] == ([], [])
    for tokens, (tags, probs) in zip(words, decoded, strict=False):
        assert tags == tagger.tag(sentence_features(tokens, keep))
        expected = [tagger.marginal(t, i) for i, t in enumerate(tags)]
        assert probs == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert any(t != "O" for tags, _ in decoded for t in tags)  # the sentences hold names


def test_a_file_that_is_no_crfsuite_model_is_tagged_by_crfsuite(tmp_path: Path) -> None:
    keep = model_attributes(_default_path())
    assert keep is not None
    bogus = tmp_path / "x.crfsuite"
    bogus.write_bytes(b"not a model")
    assert read_weights(str(bogus), keep) is None
    assert decode([["بغداد"]], str(bogus), keep) is None


def test_article_tagging_equals_sentence_tagging() -> None:
    from khabar.ner.crf import tag_with_marginals

    words = [s.split() for s in SENTENCES]
    for (tags, probs), tokens in zip(tag_sentences_with_marginals(words), words, strict=True):
        one_tags, one_probs = tag_with_marginals(tokens)
        assert tags == one_tags
        assert probs == pytest.approx(one_probs, rel=1e-12, abs=1e-12)
