"""The ACLED CSV as a user opens it: fatalities by ACLED's rules, admin1 as names, the article's place as a
flagged fallback, and the UTF-8 byte-order mark for Excel."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from khabar import extract
from khabar.errors import PipelineError
from khabar.export import export_file
from khabar.export.acled import acled_row, admin1_name, write_acled_csv
from khabar.lexicon import load_tsv
from khabar.model import Geo


def _rows(text: str, **kw: str) -> list[dict[str, str]]:
    doc = extract(text, **kw)  # type: ignore[arg-type]
    out = io.StringIO()
    write_acled_csv(((doc, ev) for ev in doc.events), out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("قتل 12 شخصا في قصف على حلب.", "12"),
        ("أسفر تفجير انتحاري في عدن عن مقتل 12 شخصاً وإصابة 30 آخرين.", "12"),
        ("قتل العشرات في غارة جوية على صعدة.", "12"),  # a vague count at its lower bound
        ("قتل أكثر من 20 مسلحا في اشتباكات بتعز.", "20"),
        ("أسفر الهجوم عن مقتل 3 جنود و5 مدنيين في الرمادي.", "8"),  # the parts of one toll
        ("قتل 12 شخصا في حلب بحسب المرصد السوري، فيما قال ناشطون إن 15 شخصا قتلوا.", "12"),  # reports differ
        ("أصيب 30 شخصا في قصف على حلب.", "0"),  # injured are no fatalities
        ("قتل أكثر من 230 ألف شخص منذ بدء النزاع في سوريا.", "0"),  # a war's toll is no event's
    ],
)
def test_fatalities_follow_acled_rules(text: str, fatalities: str) -> None:
    rows = [r for r in _rows(text) if r["disorder_type"] == "Political violence"]
    assert rows and rows[0]["fatalities"] == fatalities


def test_admin1_is_a_name_never_a_code() -> None:
    assert admin1_name(Geo(1, 0.0, 0.0, "YE", "YE.02", "city")) == "Aden"
    assert admin1_name(Geo(1, 0.0, 0.0, "SY", "Aleppo", "city")) == "Aleppo"
    assert admin1_name(Geo(1, 0.0, 0.0, "YE", "YE.999", "city")) == ""  # unknown code: empty, not the code
    assert admin1_name(None) == ""
    gazetteer = {r["admin1"] for r in load_tsv("gazetteer_places.tsv") if r["cc"] in ("SY", "IQ", "YE", "SA", "TR")}
    unnamed = [c for c in gazetteer if "." in c and not admin1_name(Geo(1, 0.0, 0.0, c[:2], c, "city"))]
    assert unnamed == []


def test_an_event_without_a_place_takes_the_articles_place_flagged() -> None:
    doc = extract("وقتل 5 مسلحين في الهجوم الذي شنه الجيش فجر اليوم.", title="اشتباكات عنيفة في مدينة تعز")
    rows = [r for ev in doc.events if (r := acled_row(doc, ev)) is not None and ev.place is None]
    assert rows, [(e.type, e.place) for e in doc.events]
    row = rows[0]
    assert row["location"] == "Taiz" and row["latitude"] != "" and row["geo_precision"] == 2
    assert "geo=article" in row["tags"]


def test_no_place_at_all_leaves_the_coordinates_empty() -> None:
    doc = extract("وقتل 5 مسلحين في الهجوم الذي شنه الجيش فجر اليوم.")
    rows = [r for ev in doc.events if (r := acled_row(doc, ev)) is not None]
    assert rows and all(r["latitude"] == "" and r["geo_precision"] == "" for r in rows)


def test_excel_csv_starts_with_the_byte_order_mark(tmp_path: Path) -> None:
    doc = extract("قتل 12 شخصا في قصف على حلب.")
    path = tmp_path / "out.csv"
    export_file("acled-csv", ((doc, ev) for ev in doc.events), path, excel=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["fatalities"] == "12" and re.search("[\u0600-\u06ff]", rows[0]["notes"])
    export_file("acled-csv", ((doc, ev) for ev in doc.events), path)
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("fmt", ["plover", "geojson", "parquet"])
def test_excel_is_refused_for_other_formats(tmp_path: Path, fmt: str) -> None:
    with pytest.raises(PipelineError, match="--excel"):
        export_file(fmt, [], tmp_path / "out", excel=True)


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        # recapture is a battle over territory, never looting; who regains it decides the sub-event type
        ("واستعادت القوات الحكومية السيطرة على مدينة تكريت.", "Government regains territory"),
        ("استعاد الجيش اليمني مدينة عدن.", "Government regains territory"),
        ("وسيطرت المقاومة الشعبية على مثلث العند.", "Non-state actor overtakes territory"),
        ("استعاد الجيش السوري الحر بلدة في ريف إدلب.", "Non-state actor overtakes territory"),
        ("هدمت القوات الإسرائيلية منزلا في الخليل.", "Looting/property destruction"),
        ("صادرت السلطات أراضي في الضفة الغربية.", "Looting/property destruction"),
    ],
)
def test_territory_and_property_map_to_their_acled_sub_events(text: str, sub_event: str) -> None:
    assert [r["sub_event_type"] for r in _rows(text)] == [sub_event]


def test_every_mapping_row_is_reviewed() -> None:
    rows = load_tsv("plover_acled.tsv")
    assert rows and all(len(r["review"]) > 20 for r in rows)
