"""Copy detection: MinHash LSH over normalized word 5-grams, incremental copy groups."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.corroborate.copies import CopyIndex, CopyParams, containment, estimate_jaccard, shingles, signature

WIRE = ("أعلنت وزارة الداخلية التركية مقتل 27 شخصا وإصابة نحو 100 آخرين في انفجار استهدف مركزا ثقافيا في بلدة "
        "سروج على الحدود مع سوريا، وقالت الوزارة إن التحقيقات جارية لمعرفة ملابسات الهجوم الذي وقع ظهر الاثنين "
        "أثناء تجمع لشبان كانوا يستعدون للتوجه إلى مدينة كوباني للمشاركة في إعادة إعمارها")
OTHER = ("قصفت طائرات التحالف العربي مواقع لميليشيات الحوثي في محافظة تعز جنوب غرب اليمن، وأفادت مصادر محلية "
         "بأن الغارات استهدفت مخازن أسلحة ومعسكرات تدريب في أطراف المدينة وأسفرت عن سقوط قتلى في صفوف المسلحين")


def test_shingles_are_normalized_word_five_grams() -> None:
    # hamza and taa marbuta forms, diacritics and punctuation do not change the shingles
    assert shingles("أعلنت الوزارةُ، مقتل خمسة أشخاص") == shingles("اعلنت الوزاره مقتل خمسه اشخاص")
    assert len(shingles("واحد اثنان ثلاثة أربعة خمسة ستة")) == 2
    assert shingles("كلمتان فقط") == {"كلمتان فقط"}
    assert shingles("...") == set()


def test_signature_is_deterministic() -> None:
    a, b = signature(shingles(WIRE)), signature(shingles(WIRE))
    assert a.dtype == np.uint64 and len(a) == 128
    assert np.array_equal(a, b)
    assert estimate_jaccard(a, signature(shingles(OTHER))) < 0.1


def test_containment_from_jaccard_and_sizes() -> None:
    # a 50-shingle wire inside a 150-shingle round-up: J = 50/150, containment 1
    assert containment(50 / 150, 50, 150) == pytest.approx(1.0)
    assert containment(0.0, 50, 150) == 0.0


def test_reprinted_wire_is_one_copy_group_and_other_news_is_not() -> None:
    idx = CopyIndex()
    g1 = idx.add("a", WIRE)
    g2 = idx.add("b", "(واس) " + WIRE + " وأضافت المصادر")  # lightly edited reprint
    g3 = idx.add("c", OTHER)
    assert g1 == g2 == "a"
    assert g3 == "c"
    assert idx.is_copy("a", "b") and not idx.is_copy("a", "c")


def test_short_wire_embedded_in_a_round_up_is_a_copy() -> None:
    idx = CopyIndex()
    idx.add("roundup", OTHER + " . " + WIRE + " . " + OTHER.replace("تعز", "مأرب"))
    assert idx.add("wire", WIRE) == "roundup"


def test_groups_keep_the_oldest_name_when_they_merge_and_adding_twice_is_a_no_op() -> None:
    idx = CopyIndex(CopyParams(jaccard=0.5, containment=0.9))
    half = WIRE.split("،")[0]
    rest = WIRE[len(half):]
    assert idx.add("x", OTHER) == "x"
    assert idx.add("first", WIRE) == "first"
    assert idx.add("first", "نص آخر تماما") == "first"  # already indexed: unchanged
    assert idx.add("second", WIRE + rest) == "first"
    assert idx.groups() == {"x": "x", "first": "first", "second": "first"}


def test_stored_signatures_rebuild_the_same_groups() -> None:
    a = CopyIndex()
    for k, t in (("1", WIRE), ("2", OTHER), ("3", WIRE + " انتهى")):
        a.add(k, t)
    b = CopyIndex()
    for k in ("1", "2", "3"):
        sig, size = a.signature_of(k)
        b.add(k, sig=sig, size=size)
    assert a.groups() == b.groups() == {"1": "1", "2": "2", "3": "1"}
