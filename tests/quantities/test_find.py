"""Counts of people and things in real news phrasing: qualifiers, bounds, counted nouns, and what is not a count."""

from __future__ import annotations

import pytest

from khabar.arabic.tokenize import tokenize
from khabar.model import Quantity
from khabar.quantities.find import find_quantities


def _one(text: str) -> Quantity:
    found = find_quantities(text, tokenize(text))
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


@pytest.mark.parametrize(
    ("text", "span", "value", "low", "high", "approx", "of", "unit"),
    [
        # digits in both scripts, exact counts and the counted noun
        ("أسفر عن مقتل 12 شخصا", "12", 12, 12, 12, False, "people", "شخصا"),
        ("سقط ١٢ قتيلاً في القصف", "١٢", 12, 12, 12, False, "killed", "قتيلاً"),
        ("أصيب 100 جريح", "100", 100, 100, 100, False, "injured", "جريح"),
        ("اعتقال 7 من عناصر التنظيم", "7", 7, 7, 7, False, "fighters", "عناصر"),
        ("الإفراج عن 340 معتقلاً", "340", 340, 340, 340, False, "detainees", "معتقلاً"),
        ("أحرقوا 10 أطقم عسكرية", "10", 10, 10, 10, False, "vehicles", "أطقم"),
        ("شنت 15 غارة على صعدة", "15", 15, 15, 15, False, "airstrikes", "غارة"),
        ("مقتل 686 عسكريا", "686", 686, 686, 686, False, "soldiers", "عسكريا"),
        ("وسقوط 43 مدنيا", "43", 43, 43, 43, False, "civilians", "مدنيا"),
        ("بقيمة 500 مليون دولار", "500 مليون", 500000000, 500000000, 500000000, False, "money", "دولار"),
        ("تبرع بمبلغ 1.5 مليون ريال", "1.5 مليون", 1500000, 1500000, 1500000, False, "money", "ريال"),
        ("عثر على 8 جثث للميليشيات", "8", 8, 8, 8, False, "killed", "جثث"),
        ("توزعت إلى 57 حالة وفاة", "57", 57, 57, 57, False, "killed", "حالة وفاة"),
        ("رصد مبلغ سبعة ملايين دولار", "سبعة ملايين", 7000000, 7000000, 7000000, False, "money", "دولار"),
        ("تدمير 470 برميلا متفجرا", "470", 470, 470, 470, False, "barrels", "برميلا"),
        # number words
        ("مقتل ثلاثة أشخاص", "ثلاثة", 3, 3, 3, False, "people", "أشخاص"),
        ("مقتل خمسة وعشرين جنديا", "خمسة وعشرين", 25, 25, 25, False, "soldiers", "جنديا"),
        ("أحد عشر قتيلا", "أحد عشر", 11, 11, 11, False, "killed", "قتيلا"),
        ("نحو 150 ألف عامل تونسي", "نحو 150 ألف", 150000, None, None, True, "people", "عامل"),
        # qualifiers
        ("قتل نحو 60 مقاتلاً", "نحو 60", 60, None, None, True, "fighters", "مقاتلاً"),
        ("بنحو ٦٠ قتيلاً", "نحو ٦٠", 60, None, None, True, "killed", "قتيلاً"),
        ("قرابة 300 سيارة", "قرابة 300", 300, None, None, True, "vehicles", "سيارة"),
        ("حوالي 20 مسلحا", "حوالي 20", 20, None, None, True, "fighters", "مسلحا"),
        ("حوالى 300 سيارة", "حوالى 300", 300, None, None, True, "vehicles", "سيارة"),
        ("زهاء 100 قتيل", "زهاء 100", 100, None, None, True, "killed", "قتيل"),
        ("أكثر من 12 ألف لاجئ", "أكثر من 12 ألف", 12000, 12000, None, True, "refugees", "لاجئ"),
        ("وجرح أكثر من 400 إرهابي", "أكثر من 400", 400, 400, None, True, "fighters", "إرهابي"),
        ("ما لا يقل عن 20 مسلحا", "ما لا يقل عن 20", 20, 20, None, True, "fighters", "مسلحا"),
        ("ما يزيد على 50 شخصا", "ما يزيد على 50", 50, 50, None, True, "people", "شخصا"),
        ("أقل من 10 أشخاص", "أقل من 10", 10, None, 10, True, "people", "أشخاص"),
        ("مقتل 12 قتيلا على الأقل", "12", 12, 12, None, True, "killed", "قتيلا"),
        ("بين 20 و25 شخصا", "بين 20 و25", 20, 20, 25, True, "people", "شخصا"),
        # vague counts (ACLED lower bounds)
        ("العشرات من القتلى", "العشرات", 12, 12, None, True, "killed", "القتلى"),
        ("مقتل عشرات المدنيين", "عشرات", 12, 12, None, True, "civilians", "المدنيين"),
        ("مئات المدنيين", "مئات", 100, 100, None, True, "civilians", "المدنيين"),
        ("وجرح المئات في مدينة سروج", "المئات", 100, 100, None, True, None, None),
        ("آلاف العراقيين في مظاهرة", "آلاف", 1000, 1000, None, True, None, None),
        ("عشرات الآلاف من المتظاهرين", "عشرات الآلاف", 10000, 10000, None, True, "protesters", "المتظاهرين"),
        ("مئات الآلاف من اللاجئين", "مئات الآلاف", 100000, 100000, None, True, "refugees", "اللاجئين"),
        ("أكثر من 3 ملايين عراقي", "أكثر من 3 ملايين", 3000000, 3000000, None, True, None, None),
        ("نفذ الطيران عدة غارات", "عدة", 10, 10, None, True, "airstrikes", "غارات"),
        ("اعتقال بضعة أشخاص", "بضعة", 3, 3, None, True, "people", "أشخاص"),
        # the counted noun named before the number
        ("ارتفع عدد القتلى إلى 60", "60", 60, 60, 60, False, "killed", None),
    ],
)
def test_quantity(
    text: str,
    span: str,
    value: float,
    low: float | None,
    high: float | None,
    approx: bool,
    of: str | None,
    unit: str | None,
) -> None:
    q = _one(text)
    assert (q.text, q.value, q.low, q.high, q.approx, q.of, q.unit) == (span, value, low, high, approx, of, unit)


@pytest.mark.parametrize(
    "text",
    [
        "يبلغ من العمر 30 عاما",  # age
        "شاب (25 عاما) من حلب",  # age in parentheses: a duration noun
        "ارتفعت النسبة إلى 30 في المئة",  # percentage
        "بنسبة 30%",
        "تطبيق قرار مجلس الأمن الدولي 2216",  # resolution number
        "وفق القرار 2216",
        "نص المادة 5 من الدستور",  # article number
        "اللواء 93 مشاة",  # unit name
        "الساعة 10 صباحا",  # time of day
        "للاتصال 0501234567",  # phone number
        "طائرات إف 16",  # weapon name
        "على مدى خمس سنوات",  # duration
        "مسافة 100 كيلومتر",  # distance
        "قصير القامة (1.6م)",  # height glued to its unit
        "ضبط 300 كغم من المتفجرات",  # weight
        "منذ ثلاثة أيام",  # duration
        "اجتمع في الاثنين الماضي",  # weekday, not "two"
        "أحد الجنود",  # "one of"
        "الفصل الثاني من الخطة",  # ordinal
        "عدة مناطق",  # vague word without a counted noun
        "عقد اجتماع عام 2015",  # a year
        "هجمات الحادي عشر من سبتمبر",  # ordinal day
        # issue 15: a number that is part of a name (a brigade, a street, a palace)
        "هاجم مسلحون مقر لواء 93 في الرقة",
        "قصفت الطائرات شارع 30 في صنعاء",
        "سيطر الحوثيون على قصر 22 الرئاسي",
        "اجتمع قادة تحالف 14 آذار",
        "تظاهروا في ذكرى ثورة 25 يناير",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(text, tokenize(text)) == ()


def test_two_counts_in_one_phrase() -> None:
    text = "الهجوم الذي أوقع 32 قتيلاً ومئة جريح في سوروتش"
    found = find_quantities(text, tokenize(text))
    assert [(q.text, q.value, q.of, q.unit) for q in found] == [
        ("32", 32, "killed", "قتيلاً"),
        ("مئة", 100, "injured", "جريح"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "of"),
    [
        ("أسفر الهجوم عن مقتل جنديين وإصابة آخرين", "جنديين", "soldiers"),
        ("وأصيب عنصران من الشرطة", "عنصران", "fighters"),
        ("أسقطت الدفاعات طائرتين مسيرتين", "طائرتين", "aircraft"),
        ("ومقتل قتيلين", "قتيلين", "killed"),
    ],
)
def test_dual_noun_counts_two(text: str, span: str, of: str) -> None:
    q = _one(text)
    assert (q.text, q.value, q.of, q.unit) == (span, 2, of, span)


def test_plural_that_looks_dual_is_not_counted() -> None:
    text = "قتل مدنيين في القصف"
    assert find_quantities(text, tokenize(text)) == ()


@pytest.mark.parametrize(
    ("text", "span", "period"),
    [
        # a toll over a war, a year or since a date: kept with its period (never an event's count)
        ("وقتل أكثر من 230 ألف شخص منذ بدء النزاع في سوريا", "أكثر من 230 ألف", "منذ بدء النزاع"),
        ("قتل أكثر من 6 آلاف شخص منذ اندلاع الحرب في اليمن", "أكثر من 6 آلاف", "منذ اندلاع الحرب"),
        ("منذ بدء الأزمة قتل أكثر من 200 ألف شخص", "أكثر من 200 ألف", "منذ بدء الأزمة"),
        ("قتل نحو 4 آلاف مدني خلال الحرب", "نحو 4 آلاف", "خلال الحرب"),
        ("ليرتفع إجمالي عدد القتلى إلى 350", "350", "إجمالي عدد"),
        ("بلغ عدد اللاجئين 4 ملايين، منذ عام 2011", "4 ملايين", "منذ عام 2011"),
    ],
)
def test_a_toll_over_a_period_keeps_its_period(text: str, span: str, period: str) -> None:
    q = next(q for q in find_quantities(text, tokenize(text)) if q.text == span)
    assert q.period == period


@pytest.mark.parametrize(
    "text",
    [
        "قتل 5 أشخاص منذ صباح اليوم في حلب",  # the same day's toll
        "قتل 12 شخصا في حلب، فيما بلغ عدد القتلى منذ بدء النزاع 230 ألفا",  # the period is the other count's
        "قتل 12 شخصا في حلب، وأصيب 30 آخرون",
        "أسفر الهجوم عن مقتل 3 جنود",
    ],
)
def test_a_count_of_one_happening_has_no_period(text: str) -> None:
    first = find_quantities(text, tokenize(text))[0]
    assert first.period is None, first


@pytest.mark.parametrize(
    ("text", "span", "period"),
    [
        ("وتشهد سوريا نزاعا داميا تسبب منذ منتصف شهر اذار/مارس بمقتل اكثر من 230 الف شخص", "اكثر من 230 الف",
         "منذ منتصف شهر"),
        ("قتلت طائرات التحالف 3042 من تنظيم داعش بينهم عشرات القياديين خلال 10 أشهر", "3042", "خلال 10 أشهر"),
        ("أسفرت خلال فترة حكمه عن 40 ألف قتيل", "40 ألف", "خلال فترة"),
    ],
)
def test_real_war_tolls_keep_their_period(text: str, span: str, period: str) -> None:
    q = next(q for q in find_quantities(text, tokenize(text)) if q.text == span)
    assert q.period == period


def test_a_day_is_no_period() -> None:
    text = "قتل 5 أشخاص خلال 24 ساعة في حلب"
    assert find_quantities(text, tokenize(text))[0].period is None
