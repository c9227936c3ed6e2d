"""Attribution: reporting cues, anonymous sources, continuation, relay chains (real news phrasing)."""

from __future__ import annotations

import pytest

from khabar.attribution import attribute
from khabar.stages.sources import sources_stage

from .layers import doc_of, with_entity


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        ("قال مصدر أمني إن الهجوم وقع فجراً.", "مصدر أمني", "anonymous"),
        ("وأكدت مصادر محلية أن القصف استمر حتى المساء.", "مصادر محلية", "anonymous"),
        ("وأفادت وكالة الأنباء السورية (سانا) بأن الجيش تقدم.", "وكالة الأنباء السورية", "named"),
        ("كشفت مصادر موثوقة لـ\"خبر\" أن وفداً عسكرياً وصل.", "مصادر موثوقة", "anonymous"),
        ("وذكر المرصد السوري لحقوق الإنسان أن الاشتباكات تجددت.", "المرصد السوري لحقوق الإنسان", "named"),
        ("وأعلنت وزارة الداخلية السعودية القبض على خلية.", "وزارة الداخلية السعودية", "named"),
        ("وأوضح مسؤول عسكري أن القوات انسحبت.", "مسؤول عسكري", "anonymous"),
        ("وأشار ناشطون إلى أن الطيران قصف البلدة.", "ناشطون", "anonymous"),
        ("ونفى المتحدث باسم الجيش وقوع اشتباكات.", "المتحدث باسم الجيش", "named"),
        ("وبحسب شهود عيان فإن الانفجار هز المدينة.", "شهود عيان", "anonymous"),
        ("قتل خمسة أشخاص في غارة، وفقاً لمصادر طبية.", "مصادر طبية", "anonymous"),
        ("وحسب مصادر مطلعة فإن الاجتماع تأجل.", "مصادر مطلعة", "anonymous"),
        ("وعلمت \"خبر\" من مصادر أهلية أن القوات انتشرت.", "مصادر أهلية", "anonymous"),
        ("وقال العميد بسام عطية إن الخلية فككت.", "العميد بسام عطية", "named"),
        ("وقال القائد العسكري اللواء عبد الله صبيحي إن رجاله دخلوا.", "القائد العسكري اللواء عبد الله صبيحي", "named"),
        ("وقالت المصادر لوكالة الأنباء الألمانية إن القصف تواصل.", "المصادر", "anonymous"),
        ("وقال قائد قوات محلية لرويترز إن القوات تقدمت.", "قائد قوات محلية", "named"),
        ("وقال وزير النقل اليمني إن المطار أغلق.", "وزير النقل اليمني", "named"),
        ("وأكدت القوات الموالية لهادي أنها سيطرت على الحي.", "القوات الموالية لهادي", "named"),
        ("رست السفينة في عدن، حسبما أعلن محافظ المنطقة.", "محافظ المنطقة", "named"),
    ],
)
def test_cue_yields_source(text: str, source: str, kind: str) -> None:
    srcs = attribute(doc_of(text)).sources
    assert [(s.text, s.kind) for s in srcs] == [(source, kind)]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("قال مصدر أمني إن الهجوم وقع.", "official"),
        ("وأفادت مصادر أهلية بأن القصف استمر.", "local"),
        ("وذكرت وكالة رويترز أن المحادثات انتهت.", "agency"),
        ("وقالت صحيفة «التايمز» إن القائد قتل.", "outlet"),
        ("وأكد بيان صادر عن الجيش أن القوات تقدمت.", "official"),  # the issuer is cited, not the paper
        ("وأكد بيان أن القوات تقدمت.", "document"),
        ("وقالت منظمة العفو الدولية إن المعتقلين عذبوا.", "organization"),
    ],
)
def test_source_category(text: str, category: str) -> None:
    assert attribute(doc_of(text)).sources[0].category == category


@pytest.mark.parametrize(
    "text",
    [
        "وبين السكان من فر إلى المدن المجاورة.",  # بين = among, not بيّن
        "حسب الخطة فإن القوات ستنسحب.",  # حسب الخطة: no source
        "ونقلت القوات المعتقلين إلى السجن.",  # نقل without عن: a transfer, not a relay
        "وطلب عدم ذكر اسمه.",
    ],
)
def test_not_a_source(text: str) -> None:
    assert attribute(doc_of(text)).sources == ()


def test_relay_chain_sets_parent() -> None:
    srcs = attribute(doc_of("ونقلت وكالة رويترز عن مصدر أمني أن الهجوم أوقع قتلى.")).sources
    assert [(s.text, s.parent) for s in srcs] == [("وكالة رويترز", None), ("مصدر أمني", "s1")]


def test_continuation_refers_back_to_last_anonymous_source() -> None:
    text = "أفادت مصادر محلية بأن القوات انسحبت. وأكدت المصادر أن الاشتباكات توقفت. وأضاف أن الطريق فتح."
    att = attribute(doc_of(text))
    assert [s.text for s in att.sources] == ["مصادر محلية"]
    assert [c.source for c in att.cues if c.in_force] == ["s1", "s1", "s1"]


def test_outlet_is_not_a_source_and_entity_is_linked() -> None:
    name = "المرصد السوري لحقوق الإنسان"
    doc = with_entity(doc_of(f"وقال {name} إن الغارات تواصلت."), name, "ORG", "e1")
    src = sources_stage(doc).sources
    assert src[0].entity == "e1"
    assert attribute(doc_of("وقالت خبر إن القصف تواصل.", outlet="خبر")).sources == ()


def test_stage_provides_the_cues_layer_in_character_offsets() -> None:
    text = "ونقلت وكالة رويترز عن مصدر أمني أن مسلحين هاجموا نقطة تفتيش. وأضاف أن الهجوم أوقع قتلى."
    doc = doc_of(text)
    staged = sources_stage(doc)
    assert {"sources", "cues"} <= staged.layers and staged.meta == doc.meta
    assert staged.cues == attribute(doc).cues
    # a relay gives two records with one span (رويترز, then whom it relays); وأضاف (no phrase) continues
    assert [(text[c.start : c.end], c.family, c.source) for c in staged.cues] == [
        ("ونقلت", "relay", "s1"),
        ("ونقلت", "relay", "s2"),
        ("وأضاف", "verb", "s2"),
    ]
    assert [text[p.start : p.end] for p in staged.cues[1].phrases] == ["ونقلت", "وكالة رويترز", "مصدر أمني"]


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        ("ونقلت صحيفة نيويورك تايمز عن مسؤول رفيع المستوى في الاستخبارات أن الخلية فككت.",
         [("صحيفة نيويورك تايمز", None), ("مسؤول رفيع المستوى", "s1")]),
        ("ونقلت وكالة رويترز عن هذا المسؤول قوله إن الهجوم فشل.", [("وكالة رويترز", None), ("المسؤول", "s1")]),
        ("ونقلت الصحف الأوروبية في بروكسل، عن المفوضية قولها إن المفاوضات فشلت.",
         [("الصحف الأوروبية", None), ("المفوضية", "s1")]),
        ("ونقل «مكتب أخبار سوريا» عن مصادر محلية أن القصف تجدد.", [("مكتب أخبار سوريا", None), ("مصادر محلية", "s1")]),
        ("ونقل عن المسؤول العسكري السعودي قوله إن الطائرة هبطت.", [("المسؤول العسكري السعودي", None)]),
        ("ونقلت وسائل إعلام تركية عن والدة آلاجوز أنها تحدثت مع ابنها.",
         [("وسائل إعلام تركية", None), ("والدة آلاجوز", "s1")]),
        ("ونقل المسؤول، الذي فضل عدم الكشف عن اسمه، نص الرسالة.", []),
    ],
)
def test_relay_chains(text: str, chain: list) -> None:
    assert [(s.text, s.parent) for s in attribute(doc_of(text)).sources] == chain


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        ("وقال المرصد السوري إن مصادر محلية أفادت بأن القصف تجدد.",
         [("المرصد السوري", None), ("مصادر محلية", "s1")]),
        ("وذكرت وكالة الأناضول نقلاً عن مصادر محلية أن القصف تجدد.",
         [("وكالة الأناضول", None), ("مصادر محلية", "s1")]),
    ],
)
def test_nested_speaker_inside_a_report(text: str, chain: list) -> None:
    assert [(s.text, s.parent) for s in attribute(doc_of(text)).sources] == chain
