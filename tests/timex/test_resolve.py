"""Date arithmetic of relative expressions: weekday conflicts, weeks across months, years of day-month dates."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.timex import resolve as R

SUN = date(2015, 4, 19)
TUE = date(2015, 7, 21)


@pytest.mark.parametrize(
    ("published", "offset", "weekday", "expected"),
    [
        (SUN, -1, 5, date(2015, 4, 18)),  # أمس السبت, consistent
        (SUN, -1, 4, date(2015, 4, 17)),  # أمس الجمعة, inconsistent: the Friday before publication
        (TUE, 0, 0, date(2015, 7, 20)),  # اليوم (الاثنين) stamped on Tuesday morning
        (TUE, 0, 1, date(2015, 7, 21)),  # اليوم الثلاثاء
        (SUN, 1, 1, date(2015, 4, 21)),  # غداً الثلاثاء: the next Tuesday
        (SUN, -2, None, date(2015, 4, 17)),  # أول من أمس
    ],
)
def test_relative_day(published: date, offset: int, weekday: int | None, expected: date) -> None:
    assert R.relative_day(published, offset, weekday) == expected


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (6, None, SUN),  # الأحد in a Sunday paper: that day
        (6, -1, date(2015, 4, 12)),  # الأحد الماضي: strictly before
        (6, 1, date(2015, 4, 26)),  # الأحد المقبل: strictly after
        (1, -1, date(2015, 4, 14)),  # الثلاثاء الماضي
    ],
)
def test_bare_weekday(weekday: int, direction: int | None, expected: date) -> None:
    assert R.bare_weekday(SUN, weekday, direction) == expected


@pytest.mark.parametrize(
    ("published", "direction", "expected"),
    [
        (SUN, -1, ("2015-04", "month")),  # 6-12 April
        (TUE, -1, ("2015-07", "month")),  # 13-19 July
        (date(2015, 8, 5), -1, ("2015", "year")),  # 27 July - 2 August: two months
        (date(2016, 1, 6), -1, (None, "year")),  # 28 Dec 2015 - 3 Jan 2016: two years
        (SUN, 1, ("2015-04", "month")),  # 20-26 April
        (date(2015, 4, 26), 1, ("2015", "year")),  # 27 April - 3 May
    ],
)
def test_week(published: date, direction: int, expected: tuple[str | None, str]) -> None:
    assert R.period(published, "week", direction) == expected


@pytest.mark.parametrize(
    ("unit", "direction", "expected"),
    [("month", -1, "2015-03"), ("month", 0, "2015-04"), ("month", 1, "2015-05"), ("year", -1, "2014")],
)
def test_month_and_year_periods(unit: str, direction: int, expected: str) -> None:
    assert R.period(SUN, unit, direction)[0] == expected


def test_month_shift_across_year() -> None:
    assert R.period(date(2015, 1, 10), "month", -1) == ("2014-12", "month")


@pytest.mark.parametrize(
    ("month", "day", "direction", "expected"),
    [
        (4, 13, -1, date(2015, 4, 13)),
        (4, 19, -1, date(2014, 4, 19)),  # the same day last year: strictly before publication
        (12, 25, None, date(2014, 12, 25)),  # more than a month ahead: last year
        (5, 1, None, date(2015, 5, 1)),  # within a month ahead: this year
        (4, 25, 1, date(2015, 4, 25)),
        (2, 30, -1, None),  # no such day
    ],
)
def test_day_month(month: int, day: int, direction: int | None, expected: date | None) -> None:
    assert R.day_month(SUN, month, day, direction) == expected


@pytest.mark.parametrize(
    ("month", "direction", "expected"),
    [(4, -1, date(2014, 4, 1)), (3, -1, date(2015, 3, 1)), (9, None, date(2014, 9, 1)), (9, 1, date(2015, 9, 1))],
)
def test_month_only(month: int, direction: int | None, expected: date) -> None:
    assert R.month_only(SUN, month, direction) == expected


def test_hijri() -> None:
    assert R.hijri_to_gregorian(1436, 10, 5) == date(2015, 7, 21)
    assert R.hijri_to_gregorian(1436, 13, 1) is None
    assert R.hijri_day_month(TUE, 10, 5, None) == date(2015, 7, 21)  # 5 شوال in a 21 July 2015 paper
    assert R.hijri_year_to_gregorian(1436) == 2015
    assert R.hijri_year_to_gregorian(1325) == 1907  # outside hijridate's range: the approximation
