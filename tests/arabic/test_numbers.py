"""Arabic numbers: digits in both scripts, number words, scales and vague counts."""

from __future__ import annotations

import pytest

from khabar.arabic.numbers import parse_digits, scan_number
from khabar.arabic.tokenize import tokenize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("60", 60),
        ("٦٠", 60),
        ("۱۲", 12),
        ("1,500", 1500),
        ("1.5", 1.5),
        ("١٫٥", 1.5),
        ("2.000.000", 2000000),
    ],
)
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize(
    ("text", "value", "vague", "span"),
    [
        ("12 ألفاً", 12000, False, "12 ألفاً"),
        ("12 ألف", 12000, False, "12 ألف"),
        ("١٢ ألف", 12000, False, "١٢ ألف"),
        ("1.5 مليون", 1500000, False, "1.5 مليون"),
        ("500 مليون", 500000000, False, "500 مليون"),
        ("3 آلاف", 3000, False, "3 آلاف"),
        ("خمسة وعشرون", 25, False, "خمسة وعشرون"),
        ("خمسة وعشرين ألفا", 25000, False, "خمسة وعشرين ألفا"),
        ("ثلاثة آلاف وخمسمائة", 3500, False, "ثلاثة آلاف وخمسمائة"),
        ("ألف ومئتان وخمسون", 1250, False, "ألف ومئتان وخمسون"),
        ("اثنا عشر", 12, False, "اثنا عشر"),
        ("ثلاثة عشر", 13, False, "ثلاثة عشر"),
        ("أحد عشر", 11, False, "أحد عشر"),
        ("مئة وخمسون", 150, False, "مئة وخمسون"),
        ("ثلاثمائة", 300, False, "ثلاثمائة"),
        ("ثلاث مئة", 300, False, "ثلاث مئة"),
        ("مئتي", 200, False, "مئتي"),
        ("ألفين", 2000, False, "ألفين"),
        ("مليون", 1000000, False, "مليون"),
        ("بخمسة", 5, False, "خمسة"),
        ("العشرات", 12, True, "العشرات"),
        ("عشرات", 12, True, "عشرات"),
        ("مئات", 100, True, "مئات"),
        ("المئات", 100, True, "المئات"),
        ("آلاف", 1000, True, "آلاف"),
        ("الآلاف", 1000, True, "الآلاف"),
        ("عشرات الآلاف", 10000, True, "عشرات الآلاف"),
        ("مئات الآلاف", 100000, True, "مئات الآلاف"),
        ("ملايين", 1000000, True, "ملايين"),
        ("بضعة", 3, True, "بضعة"),
    ],
)
def test_scan_number(text: str, value: float, vague: bool, span: str) -> None:
    p = scan_number(tokenize(text), 0)
    assert p is not None
    assert (p.value, p.vague, text[p.start : p.end]) == (value, vague, span)


@pytest.mark.parametrize("text", ["واحد", "اثنين", "أحد الجنود", "إحدى المرأتين", "الاثنين", "الثالث", "مدينة"])
def test_not_a_number(text: str) -> None:
    assert scan_number(tokenize(text), 0) is None
