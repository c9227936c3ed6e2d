"""Date arithmetic for time expressions: resolving relative expressions against the publication date.

Rules (documented in README, "Times and quantities"):
- a relative expression without a publication date resolves to None, never to a guess;
- a weekday beside a relative day ("أمس السبت") wins when they disagree: the named weekday nearest
  before (أمس) or on/before (اليوم) the publication date, nearest after it for غداً. Outlets'
  publication stamps are often the crawl time of the next morning, and the weekday is what the
  reporter wrote;
- a bare weekday is the nearest such day on or before the publication date; with الماضي strictly
  before, with المقبل strictly after;
- a day and month without a year: with الماضي the latest such date strictly before publication, with
  المقبل the next after it; otherwise the publication year, unless that puts it more than 31 days
  after publication (then the year before);
- الأسبوع الماضي / الجاري / المقبل: the Monday–Sunday week; value is its month (YYYY-MM) when the
  whole week lies in one month, else its year (YYYY) when it lies in one year, else None.
"""

from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri


def iso(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def in_range(value: str) -> bool:
    """A resolved value is a year 0001-9999 (``period`` and ``ago`` count years without a date)."""
    return value[:4].isdigit() and len(value.split("-")[0]) == 4 and value[:4] != "0000"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_before(anchor: date, weekday: int, *, strict: bool) -> date:
    """The nearest day with ``weekday`` before ``anchor`` (or on it when not ``strict``)."""
    delta = (anchor.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


def weekday_after(anchor: date, weekday: int, *, strict: bool = True) -> date:
    delta = (weekday - anchor.weekday()) % 7
    if strict and delta == 0:
        delta = 7
    return anchor + timedelta(days=delta)


def relative_day(published: date, offset: int, weekday: int | None) -> date:
    """أمس / اليوم / غداً, optionally with a weekday that wins when the two disagree."""
    target = published + timedelta(days=offset)
    if weekday is None or target.weekday() == weekday:
        return target
    if offset < 0:
        return weekday_before(published, weekday, strict=True)
    if offset == 0:
        return weekday_before(published, weekday, strict=False)
    return weekday_after(published, weekday)


def bare_weekday(published: date, weekday: int, direction: int | None) -> date:
    if direction is not None and direction > 0:
        return weekday_after(published, weekday)
    return weekday_before(published, weekday, strict=direction is not None and direction < 0)


def day_month(published: date, month: int, day: int, direction: int | None) -> date | None:
    """A day and month without a year (``13 نيسان الماضي``)."""
    if direction is not None and direction < 0:
        for year in (published.year, published.year - 1):
            d = safe_date(year, month, day)
            if d is not None and d < published:
                return d
        return None
    if direction is not None and direction > 0:
        for year in (published.year, published.year + 1):
            d = safe_date(year, month, day)
            if d is not None and d > published:
                return d
        return None
    d = safe_date(published.year, month, day)
    if d is not None and d > published + timedelta(days=31):
        d = safe_date(published.year - 1, month, day)
    return d


def month_only(published: date, month: int, direction: int | None) -> date:
    """A month name without a year (``أبريل الماضي``): first day of that month."""
    year = published.year
    if direction is not None and direction < 0:
        if month >= published.month:
            year -= 1
    elif direction is not None and direction > 0:
        if month <= published.month:
            year += 1
    elif month > published.month + 1:
        year -= 1
    return date(year, month, 1)


def shift_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def period(published: date, unit: str, direction: int) -> tuple[str | None, str]:
    """``(value, precision)`` of the week, month or year before/of/after publication."""
    if unit == "year":
        return f"{published.year + direction:04d}", "year"
    if unit == "month":
        return iso(shift_months(published, direction), "month"), "month"
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=direction)
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return iso(monday, "month"), "month"
    if monday.year == sunday.year:
        return iso(monday, "year"), "year"
    return None, "year"


def ago(published: date, unit: str, count: int) -> tuple[str, str]:
    """``قبل يومين`` and the like: ``(value, precision)``."""
    if unit == "day":
        return iso(published - timedelta(days=count), "day"), "day"
    if unit == "week":
        return iso(published - timedelta(weeks=count), "day"), "day"
    if unit == "month":
        return iso(shift_months(published, -count), "month"), "month"
    return f"{published.year - count:04d}", "year"


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """A Hijri (Umm al-Qura) date as a Gregorian date, or None when out of range or invalid."""
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def hijri_year_to_gregorian(year: int) -> int:
    """The Gregorian year holding the middle of a Hijri year (Umm al-Qura where ``hijridate`` covers it,
    else the usual approximation G = 0.970224 H + 621.5643)."""
    d = hijri_to_gregorian(year, 7, 1)
    return d.year if d is not None else round(0.970224 * year + 621.5643)


def hijri_year_of(d: date) -> int | None:
    try:
        return int(Gregorian(d.year, d.month, d.day).to_hijri().year)
    except (ValueError, OverflowError):
        return None


def hijri_day_month(published: date, month: int, day: int, direction: int | None) -> date | None:
    """A Hijri day and month without a year: the nearest occurrence in the Hijri year of publication."""
    hy = hijri_year_of(published)
    if hy is None:
        return None
    candidates = [d for y in (hy - 1, hy, hy + 1) if (d := hijri_to_gregorian(y, month, day)) is not None]
    if direction is not None and direction > 0:
        after = [d for d in candidates if d > published]
        return min(after) if after else None
    before = [d for d in candidates if d <= published - timedelta(days=1 if direction else 0)]
    if direction is None:
        soon = [d for d in candidates if published < d <= published + timedelta(days=31)]
        if soon:
            return min(soon)
    return max(before) if before else None


def hijri_month(published: date, month: int, direction: int | None) -> date | None:
    """The middle (15th) of the latest Hijri ``month`` begun by publication (the next one with المقبل);
    its Gregorian month is the value of "شهر رمضان" and the like."""
    hy = hijri_year_of(published)
    if hy is None:
        return None
    starts = [(d, y) for y in (hy - 1, hy, hy + 1) if (d := hijri_to_gregorian(y, month, 1)) is not None]
    if direction is not None and direction > 0:
        after = [y for d, y in starts if d > published]
        year = min(after) if after else None
    else:
        begun = [y for d, y in starts if d <= published]
        year = max(begun) if begun else None
    return hijri_to_gregorian(year, month, 15) if year is not None else None
