"""PLOVER JSONL export: PLOVER record fields plus khabar source chain, status and evidence offsets."""

from __future__ import annotations

import dataclasses
import json

from khabar import extract
from khabar.export.plover import plover_record, plover_records
from khabar.extract import make_document
from khabar.model import Document, TimeValue
from khabar.pipeline import Pipeline
from khabar.stages.events import events_stage
from khabar.stages.sources import sources_stage


def doc_of(text: str) -> Document:
    return Pipeline(["tokens", "sentences"])(make_document(text, published="2015-04-19", outlet="خبر"))


def with_time(doc: Document, phrase: str, value: str) -> Document:
    start = doc.text.index(phrase)
    t = TimeValue(phrase, start, start + len(phrase), value, "day", relative=True)
    return dataclasses.replace(doc, times=(t,))


def test_plover_record_fields_and_chain() -> None:
    text = "ونقلت وكالة رويترز عن مصدر أمني أن مسلحين هاجموا نقطة تفتيش في سيناء يوم أمس السبت."
    doc = with_time(doc_of(text), "يوم أمس السبت", "2015-04-18")
    doc = dataclasses.replace(doc, id="a1")
    doc = events_stage(sources_stage(doc))
    recs = plover_records(doc)
    assert len(recs) == 1
    rec = recs[0]
    json.dumps(rec, ensure_ascii=False)  # JSON-serializable
    assert rec["id"] == "a1-ev1" and rec["event"] == "ASSAULT" and rec["date"] == "2015-04-18"
    assert rec["source"] == [{"actorText": "مسلحين", "entity": None}]
    assert rec["target"][0]["actorText"] == "نقطة تفتيش"
    assert rec["khabar_status"] == "asserted" and rec["language"] == "ar"
    chain = [c["text"] for c in rec["khabar_source"]["chain"]]
    assert chain == ["خبر", "وكالة رويترز", "مصدر أمني"]
    start, end = rec["khabar_evidence"]["trigger"]
    assert doc.text[start:end] == rec["eventText"] == "هاجموا"
    assert doc.text[rec["textInfo"]["start"] : rec["textInfo"]["end"]] == rec["text"]


def test_outlet_authority_when_no_source() -> None:
    doc = events_stage(sources_stage(doc_of("وشنت طائرات التحالف غارات على مواقع الحوثيين في صعدة.")))
    rec = plover_records(doc)[0]
    assert rec["khabar_source"]["kind"] == "outlet" and rec["khabar_source"]["text"] == "خبر"


# dead / injured / arrested / size from the events' typed counts (issue 15)
def test_plover_gives_dead_not_size() -> None:
    doc = extract("قتل 12 شخصا في قصف على حلب.")
    rec = plover_record(doc, doc.events[0])
    assert (rec["dead"], rec["injured"], rec["arrested"], rec["size"]) == (12, None, None, None)


def test_plover_and_acled_fields_of_a_protest_and_an_arrest() -> None:
    doc = extract("خرج عشرات الآلاف من المتظاهرين في مظاهرات بصنعاء، واعتقلت الشرطة 40 متظاهرا.")
    recs = {r["event"]: r for r in (plover_record(doc, ev) for ev in doc.events)}
    assert recs["PROTEST"]["size"] == 10000 and recs["PROTEST"]["dead"] is None
    assert recs["COERCE"]["arrested"] == 40
