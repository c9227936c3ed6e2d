"""Label propagation: a name tagged once is tagged where it recurs untagged nearby."""

from __future__ import annotations

from khabar.ner.propagate import propagate


def _tags(sentences: list[str], tags: list[str]) -> tuple[list[list[str]], list[list[bool]]]:
    return propagate([s.split() for s in sentences], [t.split() for t in tags])


def test_surname_and_clitic_form_are_tagged() -> None:
    out, added = _tags(
        ["قال الرئيس باراك أوباما", "وأكد وأوباما أن واشنطن", "ثم غادر أوباما"],
        ["O O B-PERS I-PERS", "O O O B-LOC", "O O O"],
    )
    assert out[1] == ["O", "B-PERS", "O", "B-LOC"]  # وأوباما: the stem matches the surname
    assert out[2] == ["O", "O", "B-PERS"]
    assert added[1] == [False, True, False, False] and added[0] == [False] * 4


def test_multi_token_phrase_is_tagged_as_a_whole() -> None:
    out, _ = _tags(["زار وفد الأمم المتحدة", "قالت الأمم المتحدة"], ["O O B-ORG I-ORG", "O O O"])
    assert out[1] == ["O", "B-ORG", "I-ORG"]


def test_short_words_far_sentences_and_tagged_tokens_are_left_alone() -> None:
    far = ["جملة"] * 3
    sentences = ["وصل علي", *[" ".join(far)] * 11, "قال علي", "ذهب حسنين"]
    tags = ["O B-PERS", *["O O O"] * 11, "O O", "O O"]
    out, _ = _tags(sentences, tags)
    assert out[12] == ["O", "O"]  # علي: a single 3-letter stem is too often a word
    out, _ = _tags(["التقى حسنين", *[" ".join(far)] * 11, "قال حسنين"], ["O B-PERS", *["O O O"] * 11, "O O"])
    assert out[-1] == ["O", "O"]  # more than 10 sentences away
    out, _ = _tags(["التقى حسنين", "قال حسنين"], ["O B-PERS", "O B-LOC"])
    assert out[1] == ["O", "B-LOC"]  # the tagger's own tags are kept
