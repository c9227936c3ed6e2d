"""How dateparser does on the Arabic date forms khabar must read, against khabar's own rules (prints figures).

Usage: PYTHONPATH=src python benchmarks/dateparser_vs_rules.py
Each phrase is the bare time expression; both get the same publication date (2015-04-19, a Sunday).
"""

from __future__ import annotations

import time
from datetime import date, datetime

import dateparser

from khabar.timex import find_times

PUBLISHED = date(2015, 4, 19)
CASES = [
    ("أمس", "2015-04-18"),
    ("أمس السبت", "2015-04-18"),
    ("يوم أمس السبت", "2015-04-18"),
    ("اليوم (الأحد)", "2015-04-19"),
    ("أول من أمس", "2015-04-17"),
    ("الثلاثاء الماضي", "2015-04-14"),
    ("الأسبوع الماضي", "2015-04"),
    ("الشهر الماضي", "2015-03"),
    ("مطلع الشهر الجاري", "2015-04"),
    ("العام الماضي", "2014"),
    ("13 نيسان الماضي", "2015-04-13"),
    ("13 نيسان/أبريل الماضي", "2015-04-13"),
    ("21 يوليو 2015", "2015-07-21"),
    ("21 تموز 2015", "2015-07-21"),
    ("5 كانون الثاني 2015", "2015-01-05"),
    ("تموز/يوليو 2015", "2015-07"),
    ("21/7/2015", "2015-07-21"),
    ("2015-07-21", "2015-07-21"),
    ("5 شوال 1436 هـ", "2015-07-21"),
    ("عام 2014", "2014"),
    ("قبل يومين", "2015-04-17"),
]


def _dp(text: str, expected: str) -> str | None:
    got = dateparser.parse(
        text, languages=["ar"], settings={"RELATIVE_BASE": datetime(2015, 4, 19), "PREFER_DATES_FROM": "past"}
    )
    if got is None:
        return None
    return got.date().isoformat()[: len(expected)]


def main() -> None:
    dateparser.parse("أمس", languages=["ar"])  # warm up both: caches, compiled patterns
    find_times("أمس", PUBLISHED)
    t0 = time.perf_counter()
    dp = [_dp(text, expected) for text, expected in CASES]
    dp_ms = (time.perf_counter() - t0) / len(CASES) * 1000
    t0 = time.perf_counter()
    ours = [next((t.value for t in find_times(text, PUBLISHED)), None) for text, _ in CASES]
    ours_ms = (time.perf_counter() - t0) / len(CASES) * 1000
    for (text, expected), a, b in zip(CASES, dp, ours, strict=True):
        print(f"{text:28} expected {expected:11} dateparser {a!s:11} khabar {b!s:11}")
    n = len(CASES)
    dp_ok = sum(a == e for (_, e), a in zip(CASES, dp, strict=True))
    ours_ok = sum(b == e for (_, e), b in zip(CASES, ours, strict=True))
    print(f"dateparser: {dp_ok}/{n} correct, {dp_ms:.2f} ms/phrase")
    print(f"khabar:     {ours_ok}/{n} correct, {ours_ms:.3f} ms/phrase")


if __name__ == "__main__":
    main()
