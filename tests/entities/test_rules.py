"""People by cue, kunya, بن chains and "المعروف بـ"; facilities and organizations by head-word patterns."""

from __future__ import annotations

import pytest

import khabar
from khabar.model import Entity


def _ents(text: str) -> list[Entity]:
    return list(khabar.extract(text).entities)


def _of_type(text: str, typ: str) -> list[str]:
    return [e.text for e in _ents(text) if e.type == typ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("قال وزير الخارجية السعودي عادل الجبير إن الحل سياسي", "عادل الجبير"),
        ("وأكد الرئيس السوري بشار الأسد في خطاب", "بشار الأسد"),
        ("والتقى القائد العام لقوات سوريا الديمقراطية مظلوم عبدي بالوفد", "مظلوم عبدي"),
        ("وقال المتحدث باسم التحالف الدولي الكولونيل واين ماروتو إن", "واين ماروتو"),
        ("وصرح المهندس خالد الفالح للصحفيين", "خالد الفالح"),
        ("وقال الخبير العسكري أحمد رحال إن", "أحمد رحال"),
        ("استقبل الرئيس اليمني عبد ربه منصور هادي الوفد", "عبد ربه منصور هادي"),
        ("التقى ولي العهد الأمير محمد بن سلمان بن عبد العزيز بالوزير", "محمد بن سلمان بن عبد العزيز"),
        ("أعلن القيادي في التنظيم أبو محمد العراقي مبايعته", "أبو محمد العراقي"),
        ("وظهر أبو بكر البغدادي في تسجيل", "أبو بكر البغدادي"),
        ("وأكد المحلل السياسي ناجي الشامي أن الأزمة طويلة", "ناجي الشامي"),
        ("وأعلن وزير الدفاع الأمريكي آشتون كارتر أن", "آشتون كارتر"),
        ("والتقت فيديريكا موغيريني بالوزير", "فيديريكا موغيريني"),
        ("صرح هيثم الحمادي بأن القوات تقدمت", "هيثم الحمادي"),
        ("وقال عدنان الزعبي إن المعارك مستمرة", "عدنان الزعبي"),
        ("ودعا الأمين العام للأمم المتحدة بان كي مون إلى التهدئة", "بان كي مون"),
        ("ورحب الأمين العام للأمم المتحدة بان جي مون بالاتفاق", "بان جي مون"),
        ("قال الرئيس علي عبد الله صالح في كلمة", "علي عبد الله صالح"),
        ("تحصن الحوثيون والرئيس المخلوع صالح في الجبال", "صالح"),
        ("تحرير المحافظة من الميليشيات والمخلوع صالح بات قريبا", "صالح"),
        ("وقال عضو في المكتب السياسي، أبوبكر علي، في تصريحات", "أبوبكر علي"),
    ],
)
def test_person_after_cue(text: str, person: str) -> None:
    assert person in _of_type(text, "PER")


@pytest.mark.parametrize(
    "text",
    [
        "قال الرئيس إن الوضع مستقر",
        "وأكد قائد الطائرة سلامة الركاب",
        "اتفقت الأطراف على الحل وسيطرت القوات على المدينة",  # على is not the name علي
        "قال مدير مكتب الصحة في المدينة",
        "ليس لدينا أي معلومات",
        "قاتلت قوات المخلوع والحوثي أثناء مرورها بالقرية",  # a title does not reach past its complement
    ],
)
def test_no_person_without_a_name(text: str) -> None:
    assert _of_type(text, "PER") == []


def test_short_form_is_linked_to_the_full_name() -> None:
    text = "قال وزير الخارجية السعودي عادل الجبير إن الحل سياسي. وأضاف الجبير أن المملكة تدعم الحل."
    (per,) = [e for e in _ents(text) if e.type == "PER"]
    assert per.text == "عادل الجبير"
    assert len(per.mentions) == 2
    assert [text[m.start : m.end] for m in per.mentions] == ["عادل الجبير", "الجبير"]


def test_known_as_alias() -> None:
    text = "قتل القيادي في التنظيم طارق الحربي المعروف بأبي عمر في غارة."
    (per,) = [e for e in _ents(text) if e.type == "PER"]
    assert per.text == "طارق الحربي"
    assert "أبي عمر" in per.aliases


@pytest.mark.parametrize(
    ("text", "place", "subtype"),
    [
        ("اجتماع داخل سجن غويران في مدينة الحسكة", "سجن غويران", "FAC"),
        ("نقلوا إلى حقل العمر النفطي في ريف دير الزور", "حقل العمر النفطي", "FAC"),
        ("وصلت إلى قاعدة الشدادي جنوب الحسكة", "قاعدة الشدادي", "FAC"),
        ("هبطت الطائرة في مطار المزة العسكري", "مطار المزة العسكري", "FAC"),
        ("اشتباكات في حي التواهي بعدن", "حي التواهي", "FAC"),
        ("أغلق معبر باب الهوى", "معبر باب الهوى", "FAC"),
        ("سيطروا على بلدة سناح شمال المدينة", "سناح", "GPE"),
    ],
)
def test_facility_and_settlement_patterns(text: str, place: str, subtype: str) -> None:
    ents = {e.text: e for e in _ents(text) if e.type == "LOC"}
    assert place in ents
    assert ents[place].subtype == subtype


@pytest.mark.parametrize(
    "text",
    [
        "أقامت القوات قاعدة عسكرية جديدة",
        "سجن وتعذيب المعتقلين",
        "منفذ الهجوم الانتحاري",
        "حي سكني في المدينة",
    ],
)
def test_no_facility_from_generic_heads(text: str) -> None:
    assert [e.text for e in _ents(text) if e.subtype == "FAC"] == []


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("أعلنت وزارة الدفاع الروسية أن", "وزارة الدفاع الروسية"),
        ("فاز حزب العدالة والتنمية بالانتخابات", "حزب العدالة والتنمية"),
        ("درس في جامعة الملك سعود", "جامعة الملك سعود"),
        ("قالت هيئة الرقابة والتحقيق في بيان", "هيئة الرقابة والتحقيق"),
    ],
)
def test_organization_patterns(text: str, org: str) -> None:
    assert org in _of_type(text, "ORG")


@pytest.mark.parametrize("text", ["انتشرت قوات الأمن في الشوارع", "اشتباكات على جبهة العند", "عبرت السفن قناة السويس"])
def test_no_organization_from_generic_complements(text: str) -> None:
    assert _of_type(text, "ORG") == []


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        (
            "شنت تركيا غارات على مواقع حزب العمال الكردستاني. ورد حزب العمال بهجمات",
            "حزب العمال الكردستاني",
            "حزب العمال",
        ),
        ("وقال متحدث باسم التحالف العربي إن قوات التحالف دمرت مخزنا للسلاح", "التحالف العربي", "قوات التحالف"),
        ("تقدمت المقاومة الشعبية في لحج، وسيطرت قوات المقاومة على التلال", "المقاومة الشعبية", "قوات المقاومة"),
    ],
)
def test_short_organization_forms_join_the_full_name(text: str, full: str, short: str) -> None:
    orgs = [e for e in _ents(text) if e.type == "ORG"]
    assert [e.text for e in orgs] == [full]
    assert short in orgs[0].aliases


def test_two_longer_organizations_keep_the_short_form_apart() -> None:
    text = "نسقت وزارة الداخلية العراقية مع وزارة الداخلية السورية. وقالت وزارة الداخلية إن"
    orgs = [e.text for e in _ents(text) if e.type == "ORG"]
    assert "وزارة الداخلية" in orgs
    assert len(orgs) == 3


def test_generic_lexicon_organization_joins_the_national_one() -> None:
    text = "تقدم الجيش الوطني اليمني نحو المدينة. وقال متحدث إن الجيش الوطني سيطر على التلال"
    orgs = [e for e in _ents(text) if e.type == "ORG"]
    assert [e.text for e in orgs] == ["الجيش الوطني اليمني"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("قتل خمسة مدنيين في الباب، شرق حلب", "الباب"),
        ("هاجم التنظيم قضاء حديثة، غربي الأنبار", "حديثة"),
        ("تقدم مقاتلو المعارضة نحو الطبقة بريف الرقة", "الطبقة"),
        ("اشتباكات في البيضاء، وسط اليمن", "البيضاء"),
    ],
)
def test_word_like_places_in_their_context(text: str, place: str) -> None:
    assert place in _of_type(text, "LOC")


@pytest.mark.parametrize(
    "text",
    [
        "فتح الباب أمام الحل السياسي في سوريا",
        "قال مسؤول في حلب إن الحل في الباب الذي فتحته موسكو",  # في الباب followed by a relative clause
        "تحدثت النخبة عن الطبقة السياسية في سوريا",
        "لا تملك القوات أسلحة حديثة في الأنبار",
        "هاجم مسلحون قضاء حديثة",  # no place of Iraq in the article
    ],
)
def test_word_like_places_need_their_context(text: str) -> None:
    assert not {"الباب", "الطبقة", "حديثة"} & set(_of_type(text, "LOC"))


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("وقال حزب الشعوب الديمقراطي الموالي للأكراد إن", "حزب الشعوب الديمقراطي"),
        ("وتقدمت ألوية العاصفة المدعومة من التحالف", "ألوية العاصفة"),
    ],
)
def test_allegiance_adjective_ends_an_organization(text: str, org: str) -> None:
    assert org in _of_type(text, "ORG")


def test_a_name_stops_at_a_line_break() -> None:
    text = "انشقاقات في الحرس الموالي للمخلوع صالح\n\nعين المجلس مسؤولين في الحرس. وكان علي عبدالله صالح قد"
    assert _of_type(text, "PER") == ["علي عبدالله صالح"]


@pytest.mark.parametrize(
    "text",
    [
        "انتشرت قوات الرئيس في شوارع المدينة",
        "أعلنت رئاسة الرئيس هادي عن تعيينات",
        "توقفت حركة السير في الشارع الرئيسي",
    ],
)
def test_no_organization_from_a_generic_complement(text: str) -> None:
    assert _of_type(text, "ORG") == []


def test_curated_and_geonames_rows_of_one_town_are_one_place() -> None:
    text = "دخلت القوات مدينة كوباني. وتقع عين العرب على الحدود التركية"
    assert [e.text for e in _ents(text) if e.type == "LOC" and e.text in ("كوباني", "عين العرب")] == ["عين العرب"]


def test_an_adverb_is_no_surname() -> None:
    assert _of_type("وصل الرئيس هادي أخيرا إلى عدن", "PER") == ["هادي"]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("ويشن التحالف غارات على مواقع التنظيم", ["التحالف"]),
        ("تمكنت المقاومة من السيطرة على التلال", ["المقاومة"]),
        ("أعلن التحالف العربي بدء الهدنة، وقال التحالف إن", ["التحالف العربي"]),
        ("تقدمت المقاومة الشعبية نحو القاعدة، وأكدت المقاومة أن", ["المقاومة الشعبية"]),
        ("وقال مجلس المقاومة في المحافظة إن", ["مجلس المقاومة"]),
    ],
)
def test_bare_coalition_and_resistance(text: str, orgs: list[str]) -> None:
    assert _of_type(text, "ORG") == orgs


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("وقال المكتب الإعلامي لرئيس الوزراء العراقي في بيان", "المكتب الإعلامي لرئيس الوزراء العراقي"),
        ("وأفاد المركز الإعلامي للمقاومة بأن", "المركز الإعلامي للمقاومة"),
        ("وقال المكتب السياسي لحركة حماس إن", "المكتب السياسي لحركة حماس"),
    ],
)
def test_office_of_a_body_or_official(text: str, org: str) -> None:
    assert _of_type(text, "ORG") == [org]


def test_office_needs_its_owner() -> None:
    assert _of_type("وصل الوفد إلى المكتب الإعلامي صباحا", "ORG") == []


@pytest.mark.parametrize(
    "text",
    [
        "كانوا في طريقهم لقضاء الإجازة مع عائلاتهم",  # لقضاء = to spend
        "وأفاد بيان لمديرية أمن المحافظة أن",  # a security directorate, not a place called أمن
        "عرفوا بميلهم إلى فبركة الأخبار",
        "تم تجاوز مشكلة البرج الحالي",
    ],
)
def test_no_place_from_ordinary_words(text: str) -> None:
    assert _of_type(text, "LOC") == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("التقى وفد الحزب بالسفير الأميركي، ماثيو تولر، في القاهرة", "ماثيو تولر"),
        ("وقال المنسق الأممي يوهانس فانديلا، إن المساعدات وصلت", "يوهانس فانديلا"),
    ],
)
def test_foreign_surname_closed_by_a_comma(text: str, person: str) -> None:
    assert person in _of_type(text, "PER")


@pytest.mark.parametrize(
    "text",
    [
        "وصل محمد يتقدم، ثم انسحب",
        "قال أحمد تعليقا، إن الوضع صعب",
        "حضر الاجتماع حسن وعلي، ثم غادرا",
    ],
)
def test_comma_closes_no_verb_or_second_person(text: str) -> None:
    assert all(len(p.split()) == 1 or p.split()[1][0] not in "يتو" for p in _of_type(text, "PER"))


def test_every_person_cue_is_found_through_the_first_word_index() -> None:
    """The index of cue first words lets _find_cue skip a token early; it must not skip any cue phrase."""
    from khabar.entities.resources import person_cues
    from khabar.entities.rules import Ctx, _find_cue
    from khabar.model import Token

    for phrase, kind in person_cues().items():
        words = [*phrase[:-1].split(" "), "."] if phrase.endswith(".") and " " not in phrase else phrase.split(" ")
        for first in (words[0], "و" + words[0]) if len(words[0]) >= 3 else (words[0],):  # و of a 2-letter word stays
            toks, pos = [], 0
            for w in [first, *words[1:]]:
                toks.append(Token(pos, pos + len(w), w, w, "word" if w != "." else "punct"))
                pos += len(w) + 1
            assert _find_cue(Ctx(toks, [None] * len(toks)), 0) == (len(toks), kind), phrase
