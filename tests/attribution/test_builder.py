"""Source kinds are the record's: a channel head (تصريحات، المؤتمر الصحفي) cited as a source is named, like بيان
(it was recorded with kind "channel", which the JSON schema refuses)."""

from __future__ import annotations

from typing import get_args

import pytest

from khabar.extract import extract
from khabar.model import SourceKind
from khabar.record import document_to_dict


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        ("وقال مسؤول أمني بحسب تصريحات الأمين العام إن القتال مستمر في المدينة.", "تصريحات الأمين العام", "named"),
        (
            "وجاء في المؤتمر الصحفي لوزارة الداخلية أن الشرطة اعتقلت خمسة أشخاص.",
            "المؤتمر الصحفي لوزارة الداخلية",
            "named",
        ),
        ("وجاء في بيان لوزارة الخارجية أن الوزير سيزور المنطقة.", "لوزارة الخارجية", "named"),  # the issuer
        ("وقال مسؤول أمني إن القتال مستمر في المدينة.", "مسؤول أمني", "anonymous"),
    ],
)
def test_source_kind(text: str, source: str, kind: str) -> None:
    doc = extract(text, published="2015-07-21")
    kinds = {s.text: s.kind for s in doc.sources}
    assert kinds.get(source) == kind, kinds
    assert all(s.kind in get_args(SourceKind) for s in doc.sources)
    assert all(s["kind"] in get_args(SourceKind) for s in document_to_dict(doc)["sources"])
