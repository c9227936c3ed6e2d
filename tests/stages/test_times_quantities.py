"""The times and quantities stages in the pipeline, on a news paragraph and on the real news corpus."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from conftest import shared_path
from khabar.errors import PipelineError
from khabar.model import Document
from khabar.pipeline import Pipeline

ARTICLE = (
    "مقتل 27 شخصا وإصابة نحو 100 في تفجير جنوب تركيا\n\n"
    "قالت وزارة الداخلية التركية أمس الاثنين إن 27 شخصا قتلوا وأصيب نحو 100 آخرين في تفجير انتحاري "
    "وقع في بلدة سروج، فيما اعتقلت الشرطة العشرات من المشتبه بهم. وكان الحزب قد فاز في انتخابات "
    "7 يونيو (حزيران) الماضي بنسبة 41 في المئة، وقتل منذ عام 2014 أكثر من 12 ألف مقاتل."
)
PIPE = Pipeline(["tokens", "sentences", "times", "quantities"])


def _run(published: date | None) -> Document:
    return PIPE(Document(text=ARTICLE, published=published))


def test_stages_fill_both_layers() -> None:
    doc = _run(date(2015, 7, 21))
    assert {"times", "quantities"} <= doc.layers
    assert [(t.text, t.value) for t in doc.times] == [
        ("أمس الاثنين", "2015-07-20"),
        ("7 يونيو (حزيران) الماضي", "2015-06-07"),
        ("عام 2014", "2014"),
    ]
    assert [(q.text, q.value, q.approx, q.of) for q in doc.quantities] == [
        ("27", 27, False, "people"),
        ("نحو 100", 100, True, None),
        ("27", 27, False, "people"),
        ("نحو 100", 100, True, None),
        ("العشرات", 12, True, "suspects"),
        ("أكثر من 12 ألف", 12000, True, "fighters"),
    ]


def test_without_published_relative_times_stay_unresolved() -> None:
    doc = _run(None)
    assert [t.value for t in doc.times] == [None, None, "2014"]


def test_quantities_require_the_times_layer_and_skip_dates() -> None:
    with pytest.raises(PipelineError, match="requires \\['times'\\]"):
        Pipeline(["tokens", "sentences", "quantities"])
    doc = Pipeline(["tokens", "sentences", "times", "quantities"])(Document(text=ARTICLE, published=date(2015, 7, 21)))
    assert "7" not in [q.text for q in doc.quantities]
    assert "2014" not in [q.text for q in doc.quantities]


def test_record_fields() -> None:
    record = _run(date(2015, 7, 21)).to_dict()
    assert record["times"][0] == {
        "text": "أمس الاثنين",
        "start": ARTICLE.index("أمس الاثنين"),
        "end": ARTICLE.index("أمس الاثنين") + len("أمس الاثنين"),
        "value": "2015-07-20",
        "precision": "day",
        "relative": True,
        "calendar": "gregorian",
    }
    assert record["quantities"][-1]["unit"] == "مقاتل"


_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.mark.shared
def test_real_news_spans_and_values() -> None:
    path = shared_path("news", "saudinewsnet", "conflict_subset.jsonl")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(150), fh, strict=False)]
    n_times = n_quantities = 0
    for row in rows:
        text = f"{row['title']}\n\n{row['content']}"
        doc = PIPE(Document(text=text, published=date.fromisoformat(row["date_extracted"][:10])))
        for t in doc.times:
            assert text[t.start : t.end] == t.text
            assert t.value is None or _VALUE.match(t.value)
        for q in doc.quantities:
            assert text[q.start : q.end] == q.text
            assert q.value is not None and q.value > 0
        n_times += len(doc.times)
        n_quantities += len(doc.quantities)
    assert n_times > 300 and n_quantities > 300
