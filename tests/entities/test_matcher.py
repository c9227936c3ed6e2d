"""Lexicon and gazetteer matching: proclitics seen through, word boundaries kept, longest match first."""

from __future__ import annotations

import pytest

from khabar.entities.matcher import lexicon_candidates


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.type) for c in lexicon_candidates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل الوفد بالحسكة أمس", [("الحسكة", "LOC")]),
        ("اشتباكات في الحسكة والقامشلي", [("الحسكة", "LOC"), ("القامشلي", "LOC")]),
        ("قدمت الدعم لـسوريا والعراق", [("سوريا", "LOC"), ("العراق", "LOC")]),
        ("وصلت التعزيزات للحسكة", [("حسكة", "LOC")]),
        ("فبغداد تنتظر", [("بغداد", "LOC")]),
        ("وتوجه الوفد إلى دير الزور", [("دير الزور", "LOC")]),
    ],
)
def test_clitics_are_seen_through(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "نقلت القوات نحو 60 مقاتلاً",  # نحو is no place
        "المستقبل السوريالي للفن",  # سوريا inside a longer word
        "أرسلت وفداً عسكرياً بريطانياً",  # accusative adjective, not the country
        "قال إن صالح سيعود",  # إن صالح (In Salah, Algeria) collides with a clause
        "الدعم المالي للحكومة",  # مالي (Mali) is financial
        "كان الخبر صادماً",  # كان and الخبر are stop-listed
        "نشر بيان الحكومة",
    ],
)
def test_no_place_in_ordinary_words(text: str) -> None:
    assert [t for t, typ in _found(text) if typ == "LOC"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عقد اجتماع مع قوات سوريا الديمقراطية", [("قوات سوريا الديمقراطية", "ORG")]),
        ("وقالت قسد إن", [("قسد", "ORG")]),
        ("مقاتلو تنظيم الدولة الإسلامية", [("تنظيم الدولة الإسلامية", "ORG")]),
        ("قصف داعش المدينة", [("داعش", "ORG")]),
        ("وذكرت وكالة الأنباء السورية (سانا)", [("وكالة الأنباء السورية", "ORG"), ("سانا", "ORG")]),
        ("أفاد المرصد السوري لحقوق الإنسان", [("المرصد السوري لحقوق الإنسان", "ORG")]),
        ("غارات التحالف الدولي", [("التحالف الدولي", "ORG")]),
        ("نقلت وكالة الأنباء السعودية (واس)", [("وكالة الأنباء السعودية", "ORG"), ("واس", "ORG")]),
        ("وبثت قناة الميادين", [("قناة الميادين", "ORG")]),
        ("نقلت الميادين عن مصادر", [("الميادين", "ORG")]),  # the channel beats the town
        ("قال مراسل الجزيرة", [("الجزيرة", "ORG")]),
    ],
)
def test_organizations_and_aliases(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_aliases_share_the_lexicon_key() -> None:
    keys = {c.key for c in lexicon_candidates("قوات سوريا الديمقراطية (قسد)")}
    assert keys == {"Syrian Democratic Forces"}
    keys = {c.key for c in lexicon_candidates("تنظيم الدولة و داعش")}
    assert keys == {"Islamic State"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("قتل جنديان في هجوم بولاية شرناق جنوب شرقي تركيا", "شرناق"),
        ("انفجار قنبلة في بلدة سوروتش الحدودية", "سوروتش"),
        ("بعد تفجير سروج الذي أوقع قتلى", "سروج"),
        ("وصلت الطائرات الأمريكية إلى قاعدة إنجرليك الجوية", "قاعدة إنجرليك"),
        ("اشتباكات عنيفة في جبهة ردفان شمال لحج", "ردفان"),
        ("سيطرت المقاومة على قصر المعاشيق", "قصر المعاشيق"),
        ("تقدمت القوات نحو بحيرة الثرثار", "بحيرة الثرثار"),
        ("هبت عاصفة فوق البحر الأسود", "البحر الأسود"),
        ("قصفت المدفعية مواقع في منطقة دوغو بايزيد", "دوغو بايزيد"),
    ],
)
def test_curated_small_places(text: str, place: str) -> None:
    assert (place, "LOC") in _found(text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("ونقلت وكالة دوغان للأنباء عن شهود", "وكالة دوغان للأنباء"),
        ("وذكرت صحيفة حرييت التركية أن", "صحيفة حرييت"),
        ("وأحالت النيابة العامة المتهمين إلى المحكمة", "النيابة العامة"),
        ("هاجمت اللجان الشعبية مواقع المسلحين", "اللجان الشعبية"),
        ("انتشرت قوات الأمن المركزي في الشوارع", "قوات الأمن المركزي"),
        ("وانتقد المجلس الوطني للمقاومة الإيرانية الزيارة", "المجلس الوطني للمقاومة الإيرانية"),
        ("وأعلنت هيئة أركان الجيش التركي مقتل جنديين", "هيئة أركان الجيش التركي"),
        ("وصوت برلمان إقليم كردستان على القانون", "برلمان إقليم كردستان"),
        ("وانسحبت حركة التغيير من الحكومة", "حركة التغيير"),
        ("اعتقل جهاز الأمن القومي ثلاثة أشخاص", "جهاز الأمن القومي"),
    ],
)
def test_organizations_typed_in(text: str, org: str) -> None:
    assert (org, "ORG") in _found(text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("قصفت طائرات أمريكية مواقع جماعة خراسان في ريف إدلب", "جماعة خراسان"),
        ("وصل مئات من مشاة البحرية الأمريكية إلى القاعدة", "مشاة البحرية الأمريكية"),
    ],
)
def test_organizations_on_an_indefinite_word(text: str, org: str) -> None:
    assert (org, "ORG") in _found(text)
