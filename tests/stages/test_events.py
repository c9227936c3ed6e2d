"""Events: PLOVER types and modes, status, actors/targets, place, date, headline de-duplication."""

from __future__ import annotations

import dataclasses

import pytest

from khabar.events import extract_events
from khabar.extract import extract
from khabar.model import Document
from khabar.stages.sources import sources_stage

from .layers import doc_of, with_entity, with_time


def events_of(text: str, **kw: str) -> list:
    doc = sources_stage(doc_of(text, **kw))
    return list(extract_events(doc))


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("وعقد وفد عسكري بريطاني اجتماعاً مع قادة قسد في الحسكة.", "CONSULT", None),
        ("والتقى وزير الخارجية السعودي نظيره الأمريكي في الرياض.", "CONSULT", None),
        ("وزار الرئيس الفرنسي مدينة عدن أمس.", "CONSULT", "visit"),
        ("وأجرى الملك اتصالاً هاتفياً مع الرئيس الأمريكي.", "CONSULT", "phone"),
        pytest.param(
            "وتوصلت الأطراف اليمنية إلى اتفاق في جنيف.",
            "AGREE",
            None,
            marks=pytest.mark.xfail(
                strict=True,
                reason="the happening classifier gives this lone sentence 0.49: a nominal agreement is a reported "
                "happening in only 24 % of the training candidates (mostly a topic), and no source is cited",
            ),
        ),
        ("وأشاد الوزير بجهود التحالف العربي في اليمن.", "SUPPORT", None),
        ("وأرسلت السعودية مساعدات إنسانية إلى عدن.", "AID", "humanitarian"),
        ("وانسحبت قوات النظام من بلدة الزبداني.", "RETREAT", "withdraw"),
        ("وأفرجت السلطات عن عشرين معتقلاً في بغداد.", "RETREAT", "release"),
        ("ودعا الأمين العام الأطراف إلى وقف القتال.", "REQUEST", None),
        ("ورفضت المعارضة المشاركة في المفاوضات.", "REJECT", None),
        ("وخرجت تظاهرات حاشدة في مدينة البصرة ضد الفساد.", "PROTEST", "demo"),
        pytest.param(
            "وفرضت واشنطن عقوبات على شركات إيرانية.",
            "SANCTION",
            None,
            marks=pytest.mark.xfail(
                strict=True,
                reason="the happening classifier gives this lone sentence 0.48: SANCTION has 3 labelled happenings "
                "(of 4,833 labels), too few for the model to learn the type; no source is cited",
            ),
        ),
        ("ونشرت القوات العراقية تعزيزات عسكرية في الرمادي.", "MOBILIZE", "troops"),
        ("واعتقلت قوات الأمن خمسة أشخاص في الموصل.", "COERCE", "arrest"),
        ("وألقت الشرطة القبض على المتهم في جدة.", "COERCE", "arrest"),
        ("وسيطرت المقاومة الشعبية على مثلث العند.", "COERCE", "occupy"),
        ("وشن طيران التحالف غارات على مواقع الحوثيين في صعدة.", "ASSAULT", "aerial"),
        ("وأسفر تفجير سيارة مفخخة عن مقتل عشرة أشخاص في بغداد.", "ASSAULT", "explosives"),
        ("واندلعت اشتباكات عنيفة بين الجيش والمسلحين في درعا.", "ASSAULT", "firearms"),
        ("وقتل مسلحون ضابطاً في الشرطة بمدينة العريش.", "ASSAULT", None),
        ("ونفذ انتحاري هجوماً على مسجد في القديح.", "ASSAULT", "suicide-attack"),
        ("واختطف مسلحون صحفياً في بنغازي.", "ASSAULT", "abduct"),
    ],
)
def test_trigger_type_and_mode(text: str, type_: str, mode: str | None) -> None:
    assert [(e.type, e.mode) for e in events_of(text)] == [(type_, mode)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an accusation or a condemnation names the attack it is about: both are reported
        ("واتهمت الحكومة الحوثيين بقصف الأحياء السكنية.", [("ACCUSE", "allege"), ("ASSAULT", "heavy-weapons")]),
        ("وأدانت الجامعة العربية الهجوم الإرهابي على المسجد.", [("ACCUSE", "disapprove"), ("ASSAULT", None)]),
        pytest.param(
            "وهدد التنظيم بشن هجمات على المدينة.", [("THREATEN", None)],
            marks=pytest.mark.xfail(strict=True, reason="a threatened attack is reported as an ASSAULT (issue 10)"),
        ),
    ],
)
def test_every_event_of_a_sentence(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(e.type, e.mode) for e in events_of(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "وقال مصدر أمني إن الوضع هادئ.",  # reporting verb only
        "وأكد الوزير أهمية الحوار.",  # أكد is attribution, not AGREE
        "وأعلنت الوزارة أسماء الفائزين.",
        "وطلب المصدر عدم ذكر اسمه.",
        "ونقلت وكالة رويترز عن مصدر أن الوضع هادئ.",  # نقل عن is a relay, not a transfer
    ],
)
def test_no_event(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ونفى المرصد وقوع اشتباكات داخل السجن.", "denied"),
        ("ولم تشن الطائرات أي غارات على المدينة.", "denied"),
        ("ومن المقرر أن يعقد الوزراء اجتماعاً في الرياض.", "planned"),
        ("وسيلتقي الرئيس نظيره التركي في أنقرة.", "planned"),
        ("ويعتزم الجيش شن هجوم على الرمادي.", "planned"),
        ("وقد يشن التحالف غارات جديدة على صعدة.", "hypothetical"),
        ("وفي حال فشل المفاوضات قد تنسحب الوفود.", "hypothetical"),
        ("وقد شن التحالف غارات على صعدة.", "asserted"),
        ("وشنت طائرات التحالف غارات على صعدة.", "asserted"),
        # issue 15: a negation word inside a fixed phrase does not negate (at least, no longer, still)
        ("شنت الطائرات ما لا يقل عن 6 غارات على مدينة حلب.", "asserted"),
        ("قتل ما لا يقل عن 10 أشخاص في قصف على حلب.", "asserted"),
        ("وأعلنت الوزارة أن عدداً لا يقل عن 20 شخصاً قتلوا في الهجوم على حمص.", "asserted"),
        ("لا تزال الاشتباكات مستمرة بين الجيش والمسلحين في حلب.", "asserted"),
        ("لا يزال القصف مستمراً على مدينة حلب.", "asserted"),
        ("لم يعد المقاتلون إلى المدينة بعد الاشتباكات في حمص.", "asserted"),
        # … while a plain negation still denies
        ("ولم تعد الطائرات تشن غارات على المدينة.", "asserted"),
        ("ولا يشن الجيش أي هجوم على المدينة.", "denied"),
        # issue 15: wishes and plans are not asserted
        ("يأمل الرئيس أن يلتقي نظيره التركي في أنقرة.", "hypothetical"),
        ("وتأمل المعارضة أن تعقد اجتماعاً مع الحكومة في الرياض.", "hypothetical"),
        ("تريد المعارضة عقد اجتماع مع الحكومة في جنيف.", "planned"),
        ("وتسعى الحكومة إلى عقد اجتماع مع المعارضة في جنيف.", "planned"),
        ("ويرغب الجيش في شن هجوم على الرمادي.", "planned"),
    ],
)
def test_status(text: str, status: str) -> None:
    assert [e.status for e in events_of(text)] == [status]


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        ("وذكرت سانا أن قوات التحالف الدولي نقلت دفعة من المعتقلين إلى قاعدة الشدادي.",
         "قوات التحالف الدولي", "دفعة من المعتقلين"),
        ("وكشفت مصادر أن وفداً عسكرياً بريطانياً عقد اجتماعاً مع قادة من قوات سوريا الديمقراطية.",
         "وفداً عسكرياً بريطانياً", "قادة من قوات سوريا الديمقراطية"),
        ("واعتقلت قوات الأمن عناصر تنظيم داعش في الأنبار.", "قوات الأمن", "عناصر تنظيم داعش"),
        ("وشن طيران التحالف غارات على مواقع المتمردين في صعدة.", "طيران التحالف", "مواقع المتمردين"),
    ],
)
def test_actor_and_target_from_clause(text: str, actor: str, target: str) -> None:
    ev = events_of(text)[0]
    assert [a.text for a in ev.actors] == [actor]
    assert [t.text for t in ev.targets] == [target]


def test_place_prefers_destination_over_origin_and_links_entity() -> None:
    text = ("وأفادت مصادر محلية بأن القوات الأمريكية نقلت نحو 60 مقاتلاً من سجن غويران"
            " إلى حقل العمر النفطي في ريف دير الزور.")
    doc = with_entity(doc_of(text), "حقل العمر النفطي", "LOC", "e9")
    ev = extract_events(sources_stage(doc))[0]
    assert ev.place is not None and ev.place.text == "حقل العمر النفطي" and ev.place.entity == "e9"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a place noun takes the quoted name after it
        ('وفي الولاية ذاتها، لقي جندي مصرعه في إطلاق نار استهدف مروحية عسكرية في منطقة قضاء "بيت الشباب".',
         'منطقة قضاء "بيت الشباب"'),
        ("واندلعت اشتباكات عنيفة في حي «الشيخ مقصود» بمدينة حلب.", "حي «الشيخ مقصود»"),
        # شوارع (streets) is a place noun like شارع
        ("ويتظاهر اشخاص كل يوم في شوارع البلاد للتنديد بسياسة الحكومة.", "شوارع البلاد"),
    ],
)
def test_place_phrases(text: str, place: str) -> None:
    evs = events_of(text)
    assert evs and evs[0].place is not None and evs[0].place.text == place


def test_the_day_of_the_saying_is_not_the_day_of_the_reported_attack() -> None:
    text = ("وقتل جنديان يوم الأحد في هجوم على ثكنة للدرك في ديار بكر. "
            "وأكد المتمردون يوم الاثنين أن مقاتليهم اعتقلوا ضابطا في الهجوم.")
    doc = with_time(with_time(doc_of(text), "يوم الأحد", "2015-08-02"), "يوم الاثنين", "2015-08-03")
    evs = extract_events(sources_stage(doc))
    assert [(e.type, e.date.value if e.date else None) for e in evs] == [
        ("ASSAULT", "2015-08-02"), ("COERCE", "2015-08-02")]


def test_the_lead_takes_the_day_its_report_names_next_in_the_same_voice() -> None:
    text = ("وطالبت رئاسة إقليم كردستان حزب العمال الكردستاني بإخراج قواعده من أراضيها.\n"
            "وكانت الطائرات التركية قد قصفت أمس السبت قرية زاركلي.")
    doc = with_time(doc_of(text), "أمس السبت", "2015-08-01")
    evs = extract_events(sources_stage(doc))
    assert evs and (evs[0].type, evs[0].date.value if evs[0].date else None) == ("REQUEST", "2015-08-01")


def test_date_from_same_sentence_and_source_link() -> None:
    text = "وذكرت وكالة الأنباء السورية أن قوات التحالف نقلت يوم أمس السبت دفعة من المعتقلين إلى الشدادي."
    doc = with_time(doc_of(text), "يوم أمس السبت", "2015-04-18")
    doc = sources_stage(doc)
    ev = extract_events(doc)[0]
    assert ev.date is not None and ev.date.value == "2015-04-18"
    assert doc.source(ev.source) is not None and doc.source(ev.source).text == "وكالة الأنباء السورية"  # type: ignore[union-attr]
    assert [t.text for t in ev.targets] == ["دفعة من المعتقلين"]  # the date is not the target


def test_source_after_the_event_and_outlet_default() -> None:
    evs = events_of("قتل خمسة مدنيين في غارة جوية على إدلب، بحسب المرصد السوري.")
    doc = sources_stage(doc_of("قتل خمسة مدنيين في غارة جوية على إدلب، بحسب المرصد السوري."))
    assert doc.source(evs[0].source).text == "المرصد السوري"  # type: ignore[union-attr]
    assert events_of("وشنت طائرات التحالف غارات على صعدة.")[0].source is None


def test_nested_source_is_innermost() -> None:
    text = "ونقلت وكالة رويترز عن مصدر أمني أن مسلحين هاجموا نقطة تفتيش في سيناء."
    doc = sources_stage(doc_of(text))
    ev = extract_events(doc)[0]
    src = doc.source(ev.source)
    assert src is not None and src.text == "مصدر أمني" and doc.source(src.parent).text == "وكالة رويترز"  # type: ignore[union-attr]


def test_headline_repeating_the_lead_is_not_doubled() -> None:
    title = "اعتقال خلية إرهابية في جدة"
    body = "أعلنت وزارة الداخلية اعتقال خلية إرهابية في مدينة جدة. وأضافت أن التحقيقات جارية."
    evs = events_of(body, title=title)
    assert [e.type for e in evs] == ["COERCE"]
    assert evs[0].evidence.start > len(title)  # the body event is kept


def test_two_events_in_one_sentence_and_one_over_two_sentences() -> None:
    text = "واعتقلت الشرطة ثلاثة متظاهرين بعد تظاهرة في البصرة."
    doc = with_entity(doc_of(text), "البصرة", "LOC", "e1")
    evs = list(extract_events(sources_stage(doc)))
    assert sorted(e.type for e in evs) == ["COERCE", "PROTEST"]
    text2 = "وعقد الوزراء اجتماعاً في الرياض. وضم الاجتماع وزراء الخارجية."
    assert [e.type for e in events_of(text2)] == ["CONSULT"]


def test_bare_noun_without_arguments_is_not_an_event() -> None:
    assert events_of("وأكد أن الاجتماع مهم.") == []


def _hasakah(text: str) -> Document:
    head, body = text.split("\n", 1)
    doc = doc_of(body, title=head)
    doc = with_time(doc, "يوم أمس السبت", "2015-04-18")
    doc = with_time(doc, "13 نيسان/أبريل الماضي", "2015-04-13")
    for name, typ, eid in [("سجن غويران", "LOC", "e1"), ("حقل العمر النفطي", "LOC", "e2"),
                           ("المرصد السوري لحقوق الإنسان", "ORG", "e3")]:
        doc = with_entity(doc, name, typ, eid)
    return dataclasses.replace(doc, entities=tuple(sorted(doc.entities, key=lambda e: e.start)))


def test_hasakah_end_to_end(example_text: str) -> None:
    doc = sources_stage(_hasakah(example_text))
    evs = extract_events(doc)
    got = [(e.type, e.place.text if e.place else None, e.date.value if e.date else None,
            doc.source(e.source).text if e.source else None, e.status) for e in evs]  # type: ignore[union-attr]
    assert got == [
        ("CONSULT", "سجن غويران", None, "مصادر موثوقة", "asserted"),
        ("COERCE", "قاعدة الشدادي", "2015-04-18", "وكالة الأنباء السورية", "asserted"),
        ("COERCE", "حقل العمر النفطي", "2015-04-13", "مصادر محلية", "asserted"),
        ("ASSAULT", "السجن", None, "المرصد السوري لحقوق الإنسان", "denied"),
    ]
    assert [s.text for s in doc.sources] == [
        "مصادر موثوقة", "وكالة الأنباء السورية", "مصادر محلية", "المرصد السوري لحقوق الإنسان"]
    assert evs[2].targets[0].text == "مقاتلاً من التنظيم"


def test_untitled_first_line_is_treated_as_headline(example_text: str) -> None:
    doc = sources_stage(doc_of(example_text))  # no title given: the first line stands alone
    types = [e.type for e in extract_events(doc)]
    assert types == ["CONSULT", "COERCE", "COERCE", "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("أكدت القوات الموالية لهادي أنها بسطت سيطرتها على حي التواهي.", "القوات الموالية لهادي"),
        ("وأعلن الجيش أنه استعاد السيطرة على بلدة بيجي.", "الجيش"),
    ],
)
def test_speaker_is_the_doer_of_a_pronoun_clause(text: str, actor: str) -> None:
    ev = events_of(text)[0]
    assert [a.text for a in ev.actors] == [actor]


def test_counted_subject_of_killing_verb_is_target_and_demonstrative_place() -> None:
    ev = events_of("وأضافت المصادر أن 17 متمرداً قتلوا في هذا الحي.")[0]
    assert [t.text for t in ev.targets] == ["متمرداً"] and not ev.actors
    assert ev.place is not None and ev.place.text == "الحي"


def test_date_inherited_within_the_paragraph_only() -> None:
    text = ("قتل 33 مسلحاً في الموصل اليوم الإثنين. وقال الشهود إن طائرات التحالف شنت غارات على البعاج.\n"
            "وفي سياق آخر، اعتقلت الشرطة خمسة أشخاص في بغداد.")
    doc = with_time(doc_of(text), "اليوم الإثنين", "2015-07-20")
    evs = extract_events(sources_stage(doc))
    assert [(e.type, e.date.value if e.date else None) for e in evs] == [
        ("ASSAULT", "2015-07-20"), ("ASSAULT", "2015-07-20"), ("COERCE", None)]


def test_paragraph_repeating_a_killing_gives_one_event_with_the_cited_source() -> None:
    text = ("قتل 18 شخصا وأصيب العشرات أمس في سقوط صاروخ على حي شعبي في حلب. "
            "وأفاد المرصد السوري لحقوق الإنسان أن الصاروخ سقط على حي المغاير، ما تسبب بمقتل 18 شخصا.")
    doc = sources_stage(doc_of(text))
    evs = extract_events(doc)
    assert len(evs) == 1
    assert doc.source(evs[0].source).text == "المرصد السوري لحقوق الإنسان"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "actor", "target", "chain"),
    [
        ("وقال المرصد السوري لحقوق الإنسان نقلاً عن ناشطين إن طائرات النظام قصفت بلدة كفرنبل.",
         "طائرات النظام", "بلدة كفرنبل", ["المرصد السوري لحقوق الإنسان", "ناشطين"]),
        ("وذكرت قناة العربية أن مصادر أمنية قالت إن مسلحين هاجموا نقطة تفتيش في العريش.",
         "مسلحين", "نقطة تفتيش", ["قناة العربية", "مصادر أمنية"]),
        ("ونقلت رويترز عن مسؤول أمريكي قوله إن التنظيم نقل أسرى إلى الرقة.",
         "التنظيم", "أسرى", ["رويترز", "مسؤول أمريكي"]),
    ],
)
def test_event_through_layers_of_sources(text: str, actor: str, target: str, chain: list) -> None:
    doc = sources_stage(doc_of(text))
    ev = extract_events(doc)[0]
    assert [a.text for a in ev.actors] == [actor] and [t.text for t in ev.targets] == [target]
    got = []
    src = doc.source(ev.source)
    while src is not None:
        got.append(src.text)
        src = doc.source(src.parent)
    assert got[::-1] == chain


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وتتمركز قوات الحشد الشعبي في محافظة الأنبار.", "الحشد الشعبي"),
        ("وعقد وزراء مجلس التعاون الخليجي لقاءهم الدوري في مدينة الرياض.", "مجلس التعاون الخليجي"),
        ("ويقع مقر منظمة التعاون الإسلامي في مدينة جدة.", "منظمة التعاون الإسلامي"),
    ],
)
def test_no_trigger_inside_a_name(text: str, name: str) -> None:
    doc = with_entity(doc_of(text), name, "ORG", "e1")
    assert [e.type for e in extract_events(sources_stage(doc))] in ([], ["CONSULT"])


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("واقتحمت قوات الأمن مقر الجماعة في الموصل.", "ASSAULT"),
        ("وتقدمت القوات الحكومية نحو مركز مدينة الرمادي.", "ASSAULT"),
        ("واغتيل مسؤول محلي برصاص مجهولين في مدينة درنة.", "ASSAULT"),
        ("ووقع تبادل لإطلاق النار بين الجنود والمهربين قرب الحدود.", "ASSAULT"),
        ("وهرب عناصر التنظيم من بلدة الشرقاط.", "RETREAT"),
        ("واستسلم عشرات المسلحين للجيش في ريف حلب.", "RETREAT"),
        ("وحث الأمين العام جميع الأطراف على ضبط النفس.", "REQUEST"),
        ("وطالب المجلس الحكومة بالإفراج عن المعتقلين.", "REQUEST"),
        ("ولوح المتحدث باسم الجماعة بالتصعيد ضد الحكومة.", "THREATEN"),
        ("وفرقت الشرطة التظاهرة بالغاز المسيل للدموع.", "COERCE"),
        ("وضبطت الشرطة شحنة أسلحة في ميناء عدن.", "COERCE"),
        ("وخرج المئات من الأهالي للتظاهر أمام مبنى المحافظة في مدينة البصرة.", "PROTEST"),
        ("ويتظاهر آلاف الأشخاص في شوارع إسطنبول ضد الحكومة.", "PROTEST"),
        ("ووافقت الأحزاب الكردية على تمديد ولاية رئيس الإقليم.", "AGREE"),
        ("وتحركت قوات الجيش نحو قاعدة العند.", "MOBILIZE"),
        ("وتقدمت المقاومة في حي التواهي بدعم جوي من طيران التحالف.", "ASSAULT"),
        ("وقدم طيران التحالف دعما جويا للمقاومة في مدينة عدن.", "ASSAULT"),
    ],
)
def test_more_trigger_families(text: str, type_: str) -> None:
    assert [e.type for e in events_of(text)][:1] == [type_]


@pytest.mark.parametrize(
    "text",
    [
        "ودعت الأمم المتحدة الأطراف إلى ضبط النفس في مدينة تعز.",  # ضبط النفس: restraint
        "وأكد أن اللواء يهدف إلى دعم قوات الجيش في محافظة مأرب.",  # an aim, not support given
        "وأكد التزام الأطراف بوقف إطلاق النار في مدينة عدن.",  # the ceasefire is a topic, no shooting
    ],
)
def test_no_event_for_aims_and_topics(text: str) -> None:
    assert [e.type for e in events_of(text) if e.type in ("COERCE", "SUPPORT", "ASSAULT")] == []


def test_statement_first_person_and_participle_take_the_speaker_as_actor() -> None:
    text = "وقالت الرئاسة في بيان: ندين القصف التركي لقرى الإقليم."
    ev = next(e for e in events_of(text) if e.type == "ACCUSE")
    assert [a.text for a in ev.actors] == ["الرئاسة"]
    text = "وقال المتحدث باسم الحكومة إن الوضع خطير، متهماً الحوثيين بخرق الهدنة."
    ev = next(e for e in events_of(text) if e.type == "ACCUSE")
    assert [a.text for a in ev.actors] == ["المتحدث باسم الحكومة"] and [t.text for t in ev.targets] == ["الحوثيين"]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("وتسود حالة من الترقب بعد إعلان الهدنة في مدينة تعز.", []),  # a truce as topic
        ("وتحدث التقرير عن المساعدات الإنسانية في مدينة عدن.", []),
        ("وأشار إلى أهمية التعاون الأمني في محافظة الأنبار.", []),
        ("وتجددت الاشتباكات في مدينة تعز.", ["ASSAULT"]),  # fighting is told by its place alone
        ("وخرجت تظاهرات في مدينة البصرة.", ["PROTEST"]),
    ],
)
def test_bare_nouns_of_talks_aid_truce_need_a_participant(text: str, types: list[str]) -> None:
    assert [e.type for e in events_of(text)] == types


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("وقتل خمسة مدنيين في غارات شنتها الطائرات الحربية على القرية.", "الطائرات الحربية"),
        ("وأكدت المصادر أن طائرات التحالف شنت عشرات الغارات على مواقع المتمردين.", "طائرات التحالف"),
        ("وقالت المصادر إن قوات الأمن التي نفذت حملة اعتقالات في الموصل انسحبت.", "قوات الأمن"),
        ("وكثف طيران التحالف من غاراته على مواقع المتمردين في صعدة.", "طيران التحالف"),
    ],
)
def test_actor_of_claim_verbs_counts_and_relative_clauses(text: str, actor: str) -> None:
    ev = next(e for e in events_of(text) if e.type in ("ASSAULT", "COERCE"))
    assert [a.text for a in ev.actors] == [actor]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("وتواصل الميليشيات قصف منازل المواطنين في حي الروضة.", "ASSAULT", "منازل المواطنين"),
        ("وطالب المتظاهرون من الحكومة إطلاق سراح المعتقلين.", "REQUEST", "الحكومة"),
        ("وتقدمت القوات في الحي الذي يسيطر المسلحون على أجزاء منه.", "ASSAULT", None),
    ],
)
def test_targets_of_genitives_requests_and_relative_clauses(text: str, type_: str, target: str | None) -> None:
    ev = next(e for e in events_of(text) if e.type == type_)
    assert [t.text for t in ev.targets] == ([target] if target else [])


def test_date_inherited_from_an_earlier_paragraph() -> None:
    text = ("قتل عشرة مسلحين أمس السبت في اشتباكات مع الجيش في مدينة درنة.\n"
            "واعتقلت قوات الأمن خمسة مشتبهين في مدينة بنغازي.")
    doc = with_time(doc_of(text), "أمس السبت", "2015-04-18")
    evs = extract_events(sources_stage(doc))
    coerce = next(e for e in evs if e.type == "COERCE")
    assert coerce.date is not None and coerce.date.value == "2015-04-18"


def test_a_date_alone_does_not_make_a_bare_noun_an_event() -> None:
    doc = with_time(doc_of("وتحدث التقرير أمس السبت عن الاشتباكات."), "أمس السبت", "2015-04-18")
    assert extract_events(sources_stage(doc)) == ()


@pytest.mark.parametrize(
    ("text", "type_", "actor", "target"),
    [
        ("وذكر المتحدث العسكري أن الجيش صد الهجوم، واتهم المتمردين بخرق الهدنة في تعز.",
         "ACCUSE", "المتحدث العسكري", "المتمردين"),
        ("وقال الأمين العام إن الوضع خطير، ودعا الأطراف إلى ضبط النفس.", "REQUEST", "الأمين العام", "الأطراف"),
    ],
)
def test_accused_or_addressed_phrase_is_the_target(text: str, type_: str, actor: str, target: str) -> None:
    ev = next(e for e in events_of(text) if e.type == type_)
    assert [a.text for a in ev.actors] == [actor] and [t.text for t in ev.targets] == [target]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("وأعلن التحالف وقفا لإطلاق النار اعتبارا من منتصف الليل.", "التحالف"),
        ("وأعلن الجيش الذي يقاتل المتمردين منذ أشهر هدنة لمدة ثلاثة أيام.", "الجيش"),
        ("وأعلنت الحكومة التي تخوض حربا مع الانفصاليين وقف إطلاق النار في الإقليم.", "الحكومة"),
    ],
)
def test_announced_ceasefire_is_a_concession_by_the_announcer(text: str, actor: str) -> None:
    # PLOVER: the declaration of a ceasefire is CONCEDE (ceasefire mode); observing it is RETREAT
    ev = next(e for e in events_of(text) if e.type == "CONCEDE")
    assert ev.mode == "ceasefire" and [a.text for a in ev.actors] == [actor]


@pytest.mark.parametrize(
    "text",
    [
        "وقال الجيش الذي يقاتل المتمردين إن الهدنة انهارت بعد ساعات.",
        "وأعلن المتحدث باسم الشرطة أن اشتباكات اندلعت في المدينة.",
    ],
)
def test_a_noun_inside_the_reported_clause_is_not_done_by_the_speaker(text: str) -> None:
    for ev in events_of(text):
        assert not any(a.text in ("الجيش", "المتحدث باسم الشرطة", "الشرطة") for a in ev.actors), ev


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("ونددت الجالية اليمنية في لندن بالتدخل الإيراني.", "الجالية اليمنية"),
        ("ورفضت الأحزاب الكردية تمديد ولاية الرئيس.", "الأحزاب الكردية"),
        ("وأدانت رابطة العلماء التفجير الإرهابي.", "رابطة العلماء"),
    ],
)
def test_bodies_are_doers_of_statements(text: str, actor: str) -> None:
    ev = events_of(text)[0]
    assert [a.text for a in ev.actors] == [actor]


def test_nominative_plural_before_the_claim_is_the_subject() -> None:
    ev = next(e for e in events_of("ودعا المحتجون إلى الإفراج عن المعتقلين.") if e.type == "REQUEST")
    assert [a.text for a in ev.actors] == ["المحتجون"]


def test_sentence_place_prefers_the_town_to_its_country() -> None:
    from khabar.model import Geo

    text = "وقال والي ديار بكر إن تركيا فقدت جنديين قتلا في هجوم شنه مسلحون."
    doc = with_entity(with_entity(doc_of(text), "تركيا", "LOC", "e1"), "ديار بكر", "LOC", "e2")
    geos = {"e1": Geo(None, 39.0, 35.0, "TR", None, "country"), "e2": Geo(None, 37.9, 40.2, "TR", "Diyarbakir", "city")}
    doc = dataclasses.replace(doc, entities=tuple(dataclasses.replace(e, geo=geos[e.id]) for e in doc.entities))
    ev = next(e for e in extract_events(sources_stage(doc)) if e.type == "ASSAULT")
    assert ev.place is not None and ev.place.text == "ديار بكر"


def test_accusation_verb_with_object_pronoun() -> None:
    assert "ACCUSE" in [e.type for e in events_of("وذكر البيان أن الحوثيين اتهموها بالانحياز إلى الحكومة.")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("واغتيل مسؤول محلي برصاص مجهولين في مدينة درنة.", "مسؤول محلي"),
        ("وذكرت المصادر أن القيادي البارز اغتيل أمس في عدن.", "القيادي البارز"),
    ],
)
def test_subject_of_a_passive_killing_is_the_target(text: str, target: str) -> None:
    ev = next(e for e in events_of(text) if e.type == "ASSAULT")
    assert [t.text for t in ev.targets] == [target] and not ev.actors


def test_place_that_witnessed_is_no_actor() -> None:
    doc = with_entity(doc_of("وشهدت إسطنبول إطلاق نار قرب مقر القنصلية أمس."), "إسطنبول", "LOC", "e1")
    doc = dataclasses.replace(doc, entities=tuple(dataclasses.replace(e, subtype="GPE") for e in doc.entities))
    ev = next(e for e in extract_events(sources_stage(doc)) if e.type == "ASSAULT")
    assert "إسطنبول" not in " ".join(a.text for a in ev.actors)


def test_sentence_opening_on_a_definite_repeat_is_the_same_event() -> None:
    text = ("قتل جندي في إطلاق نار استهدف مروحية عسكرية في ولاية شرناق.\n"
            "وأفاد بيان للجيش أن الهجوم استهدف المروحية أثناء إقلاعها.")
    assert [e.type for e in events_of(text)] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("وكانت هجمات استهدفت قوات الأمن في ولاية شرناق.", "قوات الأمن"),
        ("وشنت القوات حملات استهدفت عناصر حزب العمال الكردستاني في أنقرة.", "عناصر حزب العمال الكردستاني"),
        ("ووقعت عملية انتحارية استهدفت قوات الجيش في مدينة أغري.", "قوات الجيش"),
    ],
)
def test_attack_verb_describing_an_indefinite_noun_takes_an_object(text: str, target: str) -> None:
    ev = next(e for e in events_of(text) if e.type == "ASSAULT")
    assert target in [t.text for t in ev.targets] and target not in [a.text for a in ev.actors]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("وأكد المصدر هروب عشرات من قيادات التنظيم إلى سوريا.", "قيادات التنظيم"),
        ("وشارك في احتجاج مئات الأهالي أمام مبنى المحافظة.", "الأهالي"),
    ],
)
def test_counted_ones_flee_and_protest(text: str, actor: str) -> None:
    ev = next(e for e in events_of(text) if e.type in ("RETREAT", "PROTEST"))
    assert [a.text for a in ev.actors] == [actor]


def test_ala_after_a_condemnation_is_not_its_target() -> None:
    ev = next(e for e in events_of("ودانت الحركة في بيان نشرته على موقعها الإلكتروني.") if e.type == "ACCUSE")
    assert all("موقع" not in t.text for t in ev.targets)


def test_counted_protesters_are_actors_and_nahwa_is_toward() -> None:
    ev = next(e for e in events_of("وتظاهر عشرات الأكراد في مدينة السليمانية.") if e.type == "PROTEST")
    assert [a.text for a in ev.actors] == ["الأكراد"] and not ev.targets
    ev = next(e for e in events_of("ونشرت القوات العراقية تعزيزات عسكرية نحو مدينة الرمادي.") if e.type == "MOBILIZE")
    assert ev.place is not None and ev.place.text == "مدينة الرمادي"


def test_statement_without_a_cue_is_sourced_to_its_maker_when_cited() -> None:
    text = ("وقالت رابطة العالم الإسلامي في بيان إن التصريحات مرفوضة.\n"
            "ونددت رابطة العالم الإسلامي بتصريحات المالكي ضد المملكة.")
    doc = sources_stage(doc_of(text))
    ev = next(e for e in extract_events(doc) if e.type == "ACCUSE")
    assert ev.source is not None and doc.source(ev.source).text == "رابطة العالم الإسلامي"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "وهاجم مسلحون مركزا للشرطة في بلدة بيسميل بقنبلة يدوية فيما استهدف هجوم آخر دورية في ولاية هكاري.",
            {"بيسميل", "هكاري"},
        ),
        (
            "وقصف الطيران التركي مواقع المتمردين في قرية زركال بينما شن المسلحون هجوما على ثكنة في مدينة ماردين.",
            {"زركال", "ماردين"},
        ),
    ],
)
def test_two_attacks_in_two_places_of_one_sentence_stay_two(text: str, places: set[str]) -> None:
    evs = [e for e in extract(text, published="2015-08-01").events if e.type == "ASSAULT"]
    assert len(evs) == 2
    assert all(any(p in (e.place.text if e.place else "") for e in evs) for p in places)


@pytest.mark.parametrize(
    "text",
    [
        "وأسفر تفجير سيارة مفخخة في حي البياع عن مقتل 18 شخصا في بغداد.",
        "وشنت طائرات التحالف غارات على مواقع الحوثيين في صعدة شمال اليمن.",
        "وهاجم مسلحون حاجزا للجيش في منطقة قريبة من مدينة الرمادي.",
    ],
)
def test_one_attack_with_its_outcome_or_a_wider_place_stays_one(text: str) -> None:
    assert len([e for e in extract(text, published="2015-08-01").events if e.type == "ASSAULT"]) == 1


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("واعتقلت الشرطة تبلغ من العمر 25 عاما في مدينة إزمير.", "COERCE"),
        ("وضبطت قوات الأمن تضم ثمانية عناصر في العاصمة.", "COERCE"),
        ("وقتل يرتفع عدد الضحايا إلى عشرين في المدينة.", "ASSAULT"),
    ],
)
def test_a_counting_or_linking_verb_is_never_an_argument(text: str, type_: str) -> None:
    for ev in events_of(text):
        if ev.type == type_:
            words = {w for a in (*ev.actors, *ev.targets) for w in a.text.split()}
            assert not words & {"تبلغ", "تضم", "يرتفع"}, ev


@pytest.mark.parametrize(("second", "apart"), [("بقصف", False), ("وبقصف", False), ("قصف", True), ("مقتل", False)])
def test_a_means_or_an_outcome_in_another_place_is_not_a_second_attack(second: str, apart: bool) -> None:
    from khabar.events.assemble import _apart
    from khabar.model import Argument

    ev = next(e for e in events_of("وقصف الطيران مواقع المسلحين في بلدة الوهط.") if e.type == "ASSAULT")
    first = dataclasses.replace(ev, place=Argument("الوهط", 0, 5))
    other = dataclasses.replace(ev, trigger=Argument(second, 0, len(second)), place=Argument("زنجبار", 0, 6))
    assert _apart(first, other) is apart


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("وحث جميع الأطراف على وقف العمليات العسكرية.", "REQUEST", "جميع الأطراف"),
        ("ودعت كافة الفصائل المسلحة إلى الالتزام بالهدنة.", "REQUEST", "كافة الفصائل المسلحة"),
        ("وطالب الاتحاد الأوروبي جميع الأطراف بضبط النفس.", "REQUEST", "جميع الأطراف"),
    ],
)
def test_all_the_parties_after_a_request_are_its_addressees(text: str, type_: str, target: str) -> None:
    ev = next(e for e in events_of(text) if e.type == type_)
    assert [t.text for t in ev.targets] == [target]
    assert target not in [a.text for a in ev.actors]


@pytest.mark.parametrize(
    "trailer",
    [
        "رابط الخبر بصحيفة الوئام: مقتل 20 شخصا في تفجيرات بغداد",
        "اقرأ أيضا: اعتقال خلية إرهابية في الرياض",
        "سمات اليمن تعز اشتباكات قتل",
    ],
)
def test_the_outlets_trailer_gives_no_event(trailer: str) -> None:
    text = "وقالت الشرطة إن المسلحين اقتحموا مقرا حكوميا في مدينة الموصل. " + trailer
    evs = events_of(text)
    assert evs and all(e.trigger.start < text.index(trailer) for e in evs)


@pytest.mark.parametrize(
    ("title", "type_", "target"),
    [
        ("وصول مساعدات جديدة لعدن", "AID", "لعدن"),
        ("وصول مساعدات إغاثية جديدة للمكلا", "AID", "للمكلا"),
        ("تسليم أنفسهم للمقاومة الشعبية في العند", "RETREAT", "للمقاومة الشعبية"),
    ],
)
def test_a_phrase_after_li_receives_the_act(title: str, type_: str, target: str) -> None:
    doc = extract("وقال مسؤولون إن الوضع في المدينة صعب.", title=title, published="2015-08-01")
    ev = next(e for e in doc.events if e.type == type_)
    assert [a.text for a in ev.actors] == [] and [t.text for t in ev.targets] == [target]


def test_a_meeting_of_someone_keeps_them_as_its_actor() -> None:
    doc = extract("وتحدث الوزير خلال اجتماع لحزب العدالة والتنمية في أنقرة أمس.", published="2015-08-01")
    ev = next(e for e in doc.events if e.type == "CONSULT")
    assert [a.text for a in ev.actors] == ["لحزب العدالة والتنمية"]


def test_an_undated_later_event_takes_the_day_its_lead_named_first() -> None:
    text = (
        "وصلت مساعدات جديدة اليوم الاثنين إلى مدينة عدن بعد هدنة بدأت مساء أمس الأحد.\n"
        "وشنت طائرات التحالف غارات على مواقع الحوثيين في محافظة لحج."
    )
    doc = extract(text, published="2015-07-27")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.date is not None and ev.date.value == "2015-07-27"


# Lexicon forms added for issue 10 (gaps found on new text): one row per form family, real newswire phrasing
# (several sentences from the SaudiNewsNet conflict subset, shortened).
@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("وأشارت المصادر إلى أن المجموعة الأولى تعرضت لهجوم من جبهة النصرة.", "ASSAULT", None),
        ("وتعرض موكب المحافظ لإطلاق نار في مدينة عدن.", "ASSAULT", None),
        ("وتعرضت أحياء المدينة لقصف عنيف من قوات النظام.", "ASSAULT", "heavy-weapons"),
        ("وتعرضت مواقع الحوثيين لغارات جوية مكثفة.", "ASSAULT", "aerial"),
        ("وقالت الشرطة إن القنصلية الأميركية تتعرض لهجوم.", "ASSAULT", None),
        ("وأطلق الحوثيون صواريخ على مدينة نجران.", "ASSAULT", "heavy-weapons"),
        ("وأطلقت الميليشيات قذائف هاون على الأحياء السكنية في تعز.", "ASSAULT", "heavy-weapons"),
        ("وأدى إطلاق قذائف على بلدة الفوعة إلى مقتل سبعة أشخاص.", "ASSAULT", "heavy-weapons"),
        ("وفجر انتحاري نفسه وسط المصلين في مسجد بالقديح.", "ASSAULT", "suicide-attack"),
        ("وقال شهود إن رجلاً فجر نفسه وسط تجمع للأكراد.", "ASSAULT", "suicide-attack"),
        ("وذكرت وسائل إعلام محلية أن مهاجماً فتح النار على المحتجين.", "ASSAULT", "firearms"),
        ("وأفادت مصادر في الشرطة أن مجموعة مسلحين فتحت النار على الشرطيين.", "ASSAULT", "firearms"),
        ("وقال بيان للجيش إن متشددين فتحوا النار على جنود قرب فان.", "ASSAULT", "firearms"),
        ("وفتحت قوات الأمن النار على المتظاهرين في البصرة.", "ASSAULT", "firearms"),
        ("وقتل خمسة جنود في كمين نصبه مسلحون في سيناء.", "ASSAULT", "firearms"),
        ("وأسفر الاشتباك بين الجيش والمسلحين عن مقتل جنديين.", "ASSAULT", "firearms"),
        ("وتجمع آلاف الأشخاص في إسطنبول للتظاهر احتجاجاً على التفجير.", "PROTEST", "demo"),
        ("واحتشد مئات المواطنين أمام السفارة للاحتجاج على الاعتداء.", "PROTEST", "demo"),
        ("واعتصم أكثر من ألف شخص في مدينة اللاذقية احتجاجاً على قتل العقيد.", "PROTEST", "demo"),
        ("ونظم ناشطون وقفة احتجاجية أمام مجلس النواب.", "PROTEST", "demo"),
        ("ونظم الصحفيون وقفة تضامنية مع زملائهم المعتقلين.", "PROTEST", "demo"),
        ("وأضرب الأسرى عن الطعام في سجون الاحتلال.", "PROTEST", "hunger"),
        ("ويواصل الأسير إضرابه عن الطعام لليوم الخمسين.", "PROTEST", "hunger"),
        # a candidate whose probability lies near 0.5 in this harness (no quantities layer): above it since the
        # retrain on the labels of annotators A–E
        ("وارتفع عدد الأسرى المضربين عن الطعام في سجن عوفر إلى 120 أسيراً.", "PROTEST", "hunger"),
        ("وقطع المحتجون الطريق الواصل إلى مطار دمشق الدولي.", "PROTEST", "obstruct"),
        ("وقطعت قوات النظام طريق الإمداد إلى مدينة حلب.", "COERCE", "restrict"),
        ("وتسلل مسلحون إلى قرية حدودية في جازان.", "ASSAULT", None),
        ("وأحبطت القوات عملية تسلل نفذها مسلحون من الحوثيين.", "ASSAULT", None),
    ],
)
def test_lexicon_forms_added_for_issue_10(text: str, type_: str, mode: str | None) -> None:
    assert (type_, mode) in [(e.type, e.mode) for e in events_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        "وتعرض الوزير لانتقادات حادة من النواب.",  # no attack noun near تعرض
        "وفي فجر اليوم وصل الوفد إلى عدن.",  # فجر is dawn
        "ولعلي هنا أضرب مثالين على ذلك.",  # أضرب without الطعام
        "واستمرت الاحتفالات حتى فجر السبت.",
        "وأطلقت الوزارة حملة توعية في المدارس.",  # أطلق without rockets or shells
    ],
)
def test_new_forms_need_their_context(text: str) -> None:
    assert [e.type for e in events_of(text) if e.type in ("ASSAULT", "PROTEST")] == []
