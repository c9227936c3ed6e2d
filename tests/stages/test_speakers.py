"""Source phrase boundaries: names after titles, statement issuers, affiliations, coordination, merging."""

from __future__ import annotations

import dataclasses

import pytest

from khabar.attribution import attribute
from khabar.model import Entity, Span

from .layers import doc_of, with_entity


def _texts(text: str, people: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    doc = doc_of(text)
    for n, name in enumerate(people):
        doc = with_entity(doc, name, "PER", f"p{n}")
    return [(s.text, s.kind) for s in attribute(doc).sources]


@pytest.mark.parametrize(
    ("text", "people", "expected"),
    [
        # a title phrase takes the name after it, across a comma and a prepositional modifier
        ("وقال المحلل السياسي خالد العمري في تصريح صحفي إن الحوار تعثر.", (), [("خالد العمري", "named")]),
        ("وأكد الناطق باسم اللواء الثالث بمحافظة مأرب، ياسر حمدان، أن الهجوم صُد.", (), [("ياسر حمدان", "named")]),
        ("وقال عضو في قيادة الحزب الاشتراكي، سامي نعمان، إن الاتفاق وشيك.", (), [("سامي نعمان", "named")]),
        ("وأوضح قائد اللواء في المنطقة العسكرية الرابعة العميد فؤاد سالم أن قواته تقدمت.", ("فؤاد سالم",),
         [("فؤاد سالم", "named")]),
        ("وقال المسؤول المحلي كامل حسين إن القصف دمر منازل.", ("كامل حسين",), [("كامل حسين", "named")]),
        ("وقال المسؤول المحلي نبيل عبد الرحمن إن الجسر دمر.", (), [("نبيل عبد الرحمن", "named")]),
        # an unnamed source keeps its affiliation
        ("وأكدت مصادر داخل الجيش الوطني أن التعزيزات وصلت.", (), [("مصادر داخل الجيش الوطني", "anonymous")]),
        ("وقال مصدر بالمقاومة إن المعارك توقفت.", (), [("مصدر بالمقاومة", "anonymous")]),
        ("وأكدت مصادر ميدانية في الجيش الوطني أن الهجوم صد.", (), [("مصادر ميدانية في الجيش الوطني", "anonymous")]),
        # how or when it was said is not an affiliation
        ("وقالت مصادر محلية في اتصال هاتفي إن القصف توقف.", (), [("مصادر محلية", "anonymous")]),
        ("وكانت مصادر عسكرية قد أشارت في وقت سابق إلى تقدم القوات.", (), [("مصادر عسكرية", "anonymous")]),
        # a statement is cited for its issuer
        ("وذكر بيان لوزارة الدفاع الأردنية أن الطائرات عادت.", (), [("وزارة الدفاع الأردنية", "named")]),
        ("وأفاد بيان صادر عن مديرية الأمن العام أن الموقوفين أحيلوا.", (), [("مديرية الأمن العام", "named")]),
        ("وجاء في بيان لوزارة الخارجية أن المعبر أغلق.", (), [("وزارة الخارجية", "named")]),
        # coordinated sources, and a quantifier before the head
        ("وذكرت مصادر طبية وسكان أن القتلى مدنيون.", (), [("مصادر طبية", "anonymous"), ("سكان", "anonymous")]),
        ("أكدت عدة تقارير صحفية أن الضباط رفضوا الأوامر.", (), [("تقارير صحفية", "anonymous")]),
        # unnamed plural media are anonymous
        ("وأوردت وسائل الإعلام الرسمية أن الرئيس وصل.", (), [("وسائل الإعلام الرسمية", "anonymous")]),
        # a subject before its verb
        ("وكانت مصادر قبلية قد أشارت إلى أن المسلحين انسحبوا.", (), [("مصادر قبلية", "anonymous")]),
        ("لكن الشرطة نفت أن تكون أطلقت النار.", (), [("الشرطة", "named")]),
        ("إلا أن مصادر بفصائل المعارضة تحدثت عن قصف مدفعي.", (), [("مصادر بفصائل المعارضة", "anonymous")]),
        # a confession or a claim of responsibility
        ("واعترف وزير الداخلية أن أخطاء وقعت.", (), [("وزير الداخلية", "named")]),
        ("وتبنت حركة الشباب الهجوم على القاعدة.", (), [("حركة الشباب", "named")]),
    ],
)
def test_source_phrase(text: str, people: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    assert _texts(text, people) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وأعلنت الحكومة حالة الطوارئ في الولايات الجنوبية.",  # an act, not a report
        "وجاء في مقابل ذلك قرار بتمديد الهدنة.",  # جاء في without a statement
        "وأشاد العلم الوطني بالحضور.",  # العلم is a noun, not علم … من
    ],
)
def test_not_a_source(text: str) -> None:
    assert attribute(doc_of(text)).sources == ()


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # آخر marks a second source of the same kind
        ("وقال مصدر أمني إن الانفجار وقع ظهرا. وذكر مصدر أمني آخر أن الجناة فروا.", 2),
        # the same ministry with and without its head noun
        ("وكشفت وزارة الداخلية الكويتية عن ضبط خلية. وأكدت الداخلية الكويتية أنها ستلاحق الباقين.", 1),
        # a bare back-reference to an unnamed source of another number
        ("وأكدت مصادر ميدانية أن القوات تقدمت. وأوضح المصدر أن الحوثيين انسحبوا.", 1),
        # a statement refers back to its issuer
        ("وقالت الجالية اليمنية إن التصريحات مرفوضة. وأضاف البيان أن الجالية متمسكة بموقفها.", 1),
        # two distinct unnamed sources whose words overlap
        ("وقالت مصادر أمنية مطلعة إن الخلية فككت. وقالت مصادر مطلعة أخيرا إن التحقيق بدأ.", 2),
    ],
)
def test_repeated_mentions(text: str, count: int) -> None:
    assert len(attribute(doc_of(text)).sources) == count


def test_definite_title_refers_back_to_the_named_person() -> None:
    name = "العميد محسن القاضي"
    text = f"حذر الخبير العسكري {name} من التصعيد. وقال القاضي إن الجبهة هادئة. وأشار الخبير العسكري إلى أن الهدنة هشة."
    first = text.index(name)
    second = text.index("القاضي", first + len(name))
    spans = (Span(first, first + len(name)), Span(second, second + len("القاضي")))
    person = Entity("p1", name, "PER", first, first + len(name), mentions=spans)  # type: ignore[arg-type]
    doc = dataclasses.replace(doc_of(text), entities=(person,))
    srcs = attribute(doc).sources
    assert [s.entity for s in srcs] == ["p1"]


@pytest.mark.parametrize(
    ("event_type", "actor", "expected"),
    [
        ("REQUEST", "رئاسة إقليم كردستان", "s1"),  # طالبت رئاسة إقليم كردستان … after بيان رئاسة إقليم كردستان
        ("ACCUSE", "رئاسة إقليم كردستان العراق", "s1"),  # the fuller name of the cited source
        ("ASSAULT", "رئاسة إقليم كردستان", None),  # an attack is not a statement
        ("REQUEST", "الحكومة التركية", None),  # an actor nobody cites
    ],
)
def test_statement_events_are_said_by_their_actor(event_type: str, actor: str, expected: str | None) -> None:
    from khabar.attribution.speakers import speaking_actor
    from khabar.model import Argument, Source

    cited = (Source("s1", "رئاسة إقليم كردستان", "named", "official", 0, 19, "بحسب", None, None),)
    assert speaking_actor(cited, event_type, (Argument(actor, 30, 30 + len(actor), None),)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وقالت مصادر محلية إن الطيران قصف البلدة، مؤكدة أن القتلى مدنيون.",
        "وأفاد ناشطون بأن الاشتباكات تجددت، مبينين أن الطرق أغلقت، ومشيرة إلى نزوح العائلات.",
    ],
)
def test_participles_continue_the_speaker(text: str) -> None:
    att = attribute(doc_of(text))
    assert len(att.sources) == 1
    assert all(c.source == "s1" for c in att.cues if c.in_force)


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        # a subject before its verb inside another source's report is that source's child
        ("قال المرصد السوري إن ناشطين أكدوا سقوط قتلى في القصف.", [("المرصد السوري", None), ("ناشطين", "s1")]),
        ("وأضاف المتحدث أن مصادر استخباراتية أبلغت الجيش بوجود خلية.",
         [("المتحدث", None), ("مصادر استخباراتية", "s1")]),
        # حسبما نقلت X عن Y: a relay after a prepositional cue
        ("وبحسب ما نقلته وكالة الأناضول عن مصادر أمنية، فإن الطائرة سقطت.",
         [("وكالة الأناضول", None), ("مصادر أمنية", "s1")]),
        # the outlet spoken to is not part of the speaker
        ("وأكد مصدر عسكري لوكالة الأنباء اليمنية أن القوات سيطرت على المعسكر.", [("مصدر عسكري", None)]),
        ("وقال شهود عيان لرويترز إن الانفجار هز المدينة.", [("شهود عيان", None)]),
        # a claim of responsibility; a quote cut in half is dropped from the text
        ("وأعلن تنظيم “القاعدة” مسؤوليته عن الهجوم.", [("تنظيم “القاعدة”", None)]),
    ],
)
def test_nested_and_addressed_sources(text: str, chain: list[tuple[str, str | None]]) -> None:
    assert [(s.text, s.parent) for s in attribute(doc_of(text)).sources] == chain


def test_announced_act_before_its_verb_is_not_a_source() -> None:
    text = "وكان التحالف قد أعلن وقفا لإطلاق النار لمدة خمسة أيام."
    assert attribute(doc_of(text)).sources == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name after the definite word that ends the title's modifier; عماد without the article is a name
        ("وقال المتحدث باسم المكتب السياسي للحزب عماد سعيد في تصريح إن الاتفاق قائم.", ["عماد سعيد"]),
        # …but not a prepositional phrase taken for a name
        ("وأكد الناطق الرسمي للمقاومة الشعبية بمحافظة لحج، فهد ناصر، أن المدينة تحررت.", ["فهد ناصر"]),
        # a person named again by the family name is the same source
        ("وقال المحلل السياسي، ماجد الشهري، إن الحوار متعثر. وأضاف الشهري أن الحل بعيد.", ["ماجد الشهري"]),
        ("وقال عضو المكتب السياسي، هاني علي، إن الحزب رفض. وأضاف علي أن القرار نهائي.", ["هاني علي"]),
    ],
)
def test_names_and_their_repeats(text: str, expected: list[str]) -> None:
    assert [s.text for s in attribute(doc_of(text)).sources] == expected


def test_organization_inside_another_keeps_it() -> None:
    name = "المجلس الوطني للمقاومة"
    text = f"وقالت لجنة الشؤون الخارجية في {name} في بيان إن الزيارة مرفوضة."
    doc = with_entity(doc_of(text), name, "ORG", "o1")
    assert [s.text for s in attribute(doc).sources] == [f"لجنة الشؤون الخارجية في {name}"]


def test_title_phrase_refers_back_to_the_named_official() -> None:
    name = "علي الحسني"
    text = f"أفاد رئيس جهاز الأمن السياسي اللواء {name} بأن التدريب بدأ. وأكد رئيس جهاز الأمن السياسي أن الحكومة تعمل."
    doc = with_entity(doc_of(text), name, "PER", "p1")
    assert [(s.text, s.entity) for s in attribute(doc).sources] == [(name, "p1")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the outlet spoken to may come before the speaker
        ("وقال لـ«عكاظ» مصدر عسكري إن القوات تقدمت.", [("مصدر عسكري", "anonymous")]),
        ("وأوضح لوكالة الأنباء الألمانية مسؤول محلي أن القصف تجدد.", [("مسؤول محلي", "anonymous")]),
        # a kunya is a name; a title after a name is an apposition, not part of it
        ("وأوضح لـ\"الشرق\" أبو خالد الصنعاني القيادي في المقاومة أن القناصة محاصرون.",
         [("أبو خالد الصنعاني", "named")]),
        ("وقال سالم الكثيري الناطق الرسمي للمقاومة إن المدينة تحررت.", [("سالم الكثيري", "named")]),
        # أعلن … with a place and a time phrase before أن
        ("وأعلن مكتب المحافظ بشرق البلاد أمس أن اثنين من الجنود قتلا.", [("مكتب المحافظ", "named")]),
    ],
)
def test_speaker_after_addressee_and_apposition(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.text, s.kind) for s in attribute(doc_of(text)).sources] == expected


def test_announcing_a_plan_is_not_a_report() -> None:
    assert attribute(doc_of("وأعلنت الحكومة خطة لإعادة الإعمار.")).sources == ()


def test_a_statement_as_actor_is_said_by_its_issuer() -> None:
    from khabar.attribution.speakers import speaking_actor
    from khabar.model import Argument, Source

    cited = (Source("s1", "رئاسة الإقليم", "named", "official", 0, 13, "بحسب", None, None),)
    actor = (Argument("البيان", 40, 46, None),)
    assert speaking_actor(cited, "REQUEST", actor, [(3, "s1")]) == "s1"
    assert speaking_actor(cited, "REQUEST", actor, []) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وأفادت مصادر بحسب قناة محلية بأن المسلحين انسحبوا.", ["مصادر", "قناة محلية"]),  # a cue ends the phrase
        ("وقال أمام الصحافيين في العاصمة إن العناصر اعتقلوا.", []),  # أمام is no speaker
    ],
)
def test_phrase_limits(text: str, expected: list[str]) -> None:
    assert [s.text for s in attribute(doc_of(text)).sources] == expected


def test_name_that_ends_a_title_phrase() -> None:
    text = "وقال حاكم ولاية ديار بكر حسن يلماز في تصريحات إن التحقيق مستمر."
    doc = with_entity(doc_of(text), "حسن يلماز", "PER", "p1")
    assert [(s.text, s.entity) for s in attribute(doc).sources] == [("حسن يلماز", "p1")]


def test_an_object_containing_a_name_is_not_a_speaker() -> None:
    name = "بشار الأسد"
    doc = with_entity(doc_of(f"ما رأيته يكشف بشاعة نظام {name} أمام العالم."), name, "PER", "p1")
    assert attribute(doc).sources == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report with ب after an unnamed source is no affiliation
        ("وقال مصدر أمني إن انفجارا وقع. وأفاد مصدر أمني آخر بمقتل شخص في هجوم.", ["مصدر أمني", "مصدر أمني آخر"]),
        # the outlet spoken to is not a new speaker; the last one goes on
        ("وقال صياد إنهم وصلوا. وقال للوكالة \"حاولوا الدخول\".", ["صياد"]),
        # verbs never carry the article: التابع، النقل are nouns
        ("وزع برنامج الأغذية العالمي، التابع للأمم المتحدة، مساعدات.", []),
    ],
)
def test_more_phrase_limits(text: str, expected: list[str]) -> None:
    att = attribute(doc_of(text))
    assert [s.text for s in att.sources] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال القاضي إن الجلسة بدأت. وأضاف مخاطبًا المتهم: «صمتك إذعان».", [("القاضي", "named")]),
        ("وقالت الوزارة إنها تعلن ذلك لتبين أن العمل جبان.", [("الوزارة", "named")]),
        ("كما قال معارضون سوريون إن الهجوم بدأ.", [("معارضون سوريون", "anonymous")]),
    ],
)
def test_not_subjects_and_unnamed_people(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.text, s.kind) for s in attribute(doc_of(text)).sources] == expected


def test_a_name_inside_the_title_modifier_is_not_the_speaker() -> None:
    name = "عبد ربه منصور هادي"
    text = f"كشف قائد عسكري موال للرئيس {name} عن تقدم القوات."
    doc = with_entity(doc_of(text), name, "PER", "p1")
    assert all(s.entity != "p1" for s in attribute(doc).sources)


@pytest.mark.parametrize(
    "text",
    [
        "وقال مسؤول أمني رفض الكشف عن هويته إن الخلية فككت.",
        "وأكدت مصادر مطلعة، طلبت عدم ذكر اسمها، أن الاجتماع تأجل.",
    ],
)
def test_anonymity_clause_is_no_event(text: str) -> None:
    att = attribute(doc_of(text))
    refused = next(t for t in doc_of(text).tokens if t.text in ("رفض", "طلبت"))
    claimed = [p for c in att.cues for p in c.phrases]
    assert len(att.sources) == 1 and any(p.start <= refused.start < p.end for p in claimed)
