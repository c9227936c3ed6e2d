"""Find time expressions in an article and resolve them: explicit, Hijri, numeric and relative dates."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from khabar.arabic.normalize import normalize, normalize_with_map, strip_clitics
from khabar.arabic.numbers import lookup_word
from khabar.intervals import SpanIndex
from khabar.model import CALENDARS, PRECISIONS, TimeValue
from khabar.quantities.find import count_lexicon
from khabar.timex import resolve as R
from khabar.timex.patterns import TimeLexicon, time_lexicon

_DROP_RE = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_WORD_BEFORE = re.compile(r"([^\W\d]+)[^\S\n]*$")
_WORD_AFTER = re.compile(r"^[^\S\n]*([^\W\d]+)")

Found = tuple[int, int, str | None, str | None, bool, str]  # nstart, nend, value, precision, relative, calendar


class _OffsetMap:
    """Maps offsets of the normalized text back to ``text``, which differs only by dropped characters."""

    __slots__ = ("drops", "exact")

    def __init__(self, drops: list[int], exact: list[int] | None = None) -> None:
        self.drops = drops  # sorted original offsets of the dropped characters (diacritics, tatweel)
        self.exact = exact  # a full map, when lower-casing changed a length

    def __call__(self, n: int) -> int:
        if self.exact is not None:
            return self.exact[n]
        o = n
        for d in self.drops:
            if d > o:
                break
            o += 1
        return o


def fold(text: str) -> tuple[str, _OffsetMap]:
    """Normalized text and the map of its offsets back to ``text``."""
    norm = normalize(text)
    drops = [m.start() for m in _DROP_RE.finditer(text)]
    if len(norm) + len(drops) == len(text):
        return norm, _OffsetMap(drops)
    norm, exact = normalize_with_map(text)  # a lower-cased letter changed length: take the exact map
    return norm, _OffsetMap([], exact)


def _word_before(norm: str, pos: int) -> str:
    m = _WORD_BEFORE.search(norm, max(0, pos - 30), pos)
    return m.group(1) if m else ""


def _word_after(norm: str, pos: int) -> str:
    m = _WORD_AFTER.match(norm[pos : pos + 30])
    return m.group(1) if m else ""


def _key(words: str) -> str:
    """Lexicon key of matched words: spaces collapsed, and an article written after ل (للعشرين matched
    from its second ل, see patterns._alt) given back its alef."""
    key = re.sub(r"\s+", " ", words)
    return "ا" + key if key.startswith("ل") and not key.startswith("ال") else key


def _year(m: re.Match[str], group: str = "year") -> int | None:
    y = m.group(group) if group in m.re.groupindex else None
    return int(y) if y else None


def _direction(lex: TimeLexicon, m: re.Match[str]) -> int | None:
    d = m.group("dir") if "dir" in m.re.groupindex else None
    return lex.directions.get(_key(d)) if d else None


def _month(lex: TimeLexicon, name: str | None) -> int | None:
    if not name:
        return None
    entry = lex.months.get(_key(name))
    return entry[0] if entry else None


def _interpret(name: str, m: re.Match[str], norm: str, lex: TimeLexicon, published: date | None) -> Found | None:
    """``(start, end, value, precision, relative, calendar)`` in normalized offsets, or None to drop."""
    s, e = m.span("t")
    if norm.startswith("ل", s) and s > 0 and norm[s - 1] == "ل":
        s += 1  # للشهر: the article's ل, not the preposition, starts the span
    g = m.groupdict()
    if name in ("dmy", "hijri"):
        day = int(g["day"]) if g["day"] else lex.ordinal_days[_key(g["ord"])]
        if not 1 <= day <= 31:
            return None
        direction = _direction(lex, m)
        year = _year(m)
        if name == "hijri":
            month = lex.months[_key(g["hm"])][0]
            if year is not None:
                d = R.hijri_to_gregorian(year, month, day)
                return (s, e, d.isoformat() if d else None, "day", False, "hijri") if d else None
            d = R.hijri_day_month(published, month, day, direction) if published else None
            return s, e, d.isoformat() if d else None, "day", True, "hijri"
        month = _month(lex, g["m1"]) or 0
        if year is not None:
            d = R.safe_date(year, month, day)
            return (s, e, d.isoformat(), "day", False, "gregorian") if d else None
        d = R.day_month(published, month, day, direction) if published else None
        return s, e, d.isoformat() if d else None, "day", True, "gregorian"
    if name == "dm_rel":
        day = int(g["day"]) if g["day"] else lex.ordinal_days[_key(g["ord"])]
        if not published:
            return s, e, None, "day", True, "gregorian"
        first = R.shift_months(published, _direction(lex, m) or 0)  # no direction word: this month
        d = R.safe_date(first.year, first.month, day)
        return (s, e, d.isoformat(), "day", True, "gregorian") if d else None
    if name == "my":
        month, year = _month(lex, g["m1"]) or 0, _year(m)
        return s, e, f"{year:04d}-{month:02d}", "month", False, "gregorian"
    if name in ("m_dir", "m_bare", "m_pair"):
        month = _month(lex, g.get("m1") or g.get("bm")) or 0
        if name == "m_bare" and g.get("bm") and not _bare_month_context(norm, s, lex):
            return None
        d = R.month_only(published, month, _direction(lex, m)) if published else None
        return s, e, R.iso(d, "month") if d else None, "month", True, "gregorian"
    if name == "hm_only":
        if not (g["shahr"] or g["holy"] or g["year"] or g["dir"]):
            return None  # رمضان alone is also a man's name
        month = lex.months[_key(g["hm"])][0]
        if g["year"]:
            d = R.hijri_to_gregorian(int(g["year"]), month, 15)
            return (s, e, R.iso(d, "month"), "month", False, "hijri") if d else None
        d = R.hijri_month(published, month, _direction(lex, m)) if published else None
        return s, e, R.iso(d, "month") if d else None, "month", True, "hijri"
    if name == "numeric":
        if g["y"]:
            y, mo, dd = int(g["y"]), int(g["m"]), int(g["d"])
        else:
            y, mo, dd = int(g["y2"]), int(g["m3"]), int(g["d3"])
        if mo > 12 and dd <= 12:
            mo, dd = dd, mo  # 4/22/1948: month first
        if g["h"] or 1300 <= y < 1600:
            d = R.hijri_to_gregorian(y, mo, dd)
            return (s, e, d.isoformat(), "day", False, "hijri") if d else None
        if not 1900 <= y <= 2100:
            return None
        d = R.safe_date(y, mo, dd)
        return (s, e, d.isoformat(), "day", False, "gregorian") if d else None
    if name == "year_bare" and not _bare_year_ok(norm, s, e):
        return None
    if name in ("year", "year_prep", "year_m", "year_bare"):
        return s, e, g["year"], "year", False, "gregorian"
    if name == "hijri_year":
        return s, e, f"{R.hijri_year_to_gregorian(int(g['hy'])):04d}", "year", False, "hijri"
    if name == "relday":
        offset = lex.relative_days.get(_key(g["rel"]))
        if offset is None:
            return None
        wd = lex.weekdays.get(_key(g["wd"])) if g["wd"] else None
        if offset == 0 and not g["wd"] and not g["dp"] and not _today_ok(norm, s, e, lex):
            return None
        d = R.relative_day(published, offset, wd) if published else None
        return s, e, d.isoformat() if d else None, "day", True, "gregorian"
    if name == "weekday":
        if _blocked(_word_before(norm, s), lex.weekday_blockers) or _word_after(norm, e) == "من":
            return None
        wd = lex.weekdays[_key(g["wd"])]
        d = R.bare_weekday(published, wd, _direction(lex, m)) if published else None
        return s, e, d.isoformat() if d else None, "day", True, "gregorian"
    if name == "period":
        unit = lex.periods[_key(g["per"])]
        direction = _direction(lex, m)
        if direction is None:
            if not (g["part"] or g["this"]):
                return None
            direction = 0
        if unit == "week" and g["part"]:
            return None
        if not published:
            return s, e, None, "year" if unit == "year" else "month", True, "gregorian"
        value, precision = R.period(published, unit, direction)
        return s, e, value, precision, True, "gregorian"
    if name == "ago":
        unit, count = lex.ago_units[g["unit"]]
        if g["n"]:
            if count:
                return None
            counted = _count(g["n"])
            if counted is None:
                return None
            count = counted
        elif count == 0:
            return None
        if not published:
            return s, e, None, {"week": "day"}.get(unit, unit), True, "gregorian"
        value, precision = R.ago(published, unit, count)
        return s, e, value, precision, True, "gregorian"
    return None


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    found = lookup_word(word, first=False)
    if found is None or found[0] or found[1].kind not in ("unit", "ten"):
        return None
    return int(found[1].value)


def _bare_month_context(norm: str, start: int, lex: TimeLexicon) -> bool:
    return _word_before(norm, start) in lex.date_prepositions


def _bare_year_ok(norm: str, s: int, e: int) -> bool:
    """A bare 19xx/20xx is a year unless a qualifier, a label or a counted noun or scale word shows it is a count."""
    lex = count_lexicon()
    before = norm[max(0, s - 60) : s].split()[-4:]
    if before and (before[-1] in lex.qualifier_ends or any(_blocked(w, lex.labels) for w in before)):
        return False
    after = _word_after(norm, e)
    if not after:
        return True
    if lookup_word(after, first=False) is not None:
        return False
    return not any(stem in lex.nouns or stem.removesuffix("ا") in lex.nouns for _, stem in strip_clitics(after, 2))


def _blocked(word: str, blockers: frozenset[str]) -> bool:
    return any(stem in blockers for _, stem in strip_clitics(word, 2)) if word else False


def _today_ok(norm: str, s: int, e: int, lex: TimeLexicon) -> bool:
    """``اليوم`` is "today" unless it names a newspaper or starts a phrase such as اليوم الوطني / اليوم التالي."""
    if _blocked(_word_before(norm, s), lex.today_blockers):
        return False
    if s > 0 and norm[s - 1] in "\"'«“":
        return False
    after = _word_after(norm, e)
    return not (after.startswith("ال") and after not in lex.weekdays)


_WORD_RE = re.compile(r"\w+")


def _candidates(norm: str, lex: TimeLexicon) -> list[tuple[int, tuple[str, ...]]]:
    out = []
    for m in _WORD_RE.finditer(norm):
        names = _trigger(m.group())
        if names:
            out.append((m.start(), names))
    return out


@lru_cache(maxsize=50_000)
def _trigger(word: str) -> tuple[str, ...]:
    """Patterns that may start at ``word`` (digits, or a trigger word after proclitics)."""
    triggers = time_lexicon().triggers
    if word[0].isdigit() or word[1:2].isdigit() or (word.startswith("ال") and word[2:3].isdigit()):
        return triggers["#digit"]
    for _, stem in strip_clitics(word, 2):
        names = triggers.get(stem)
        if names is not None:
            return names
    return ()


def _resolve(name: str, m: re.Match[str], norm: str, lex: TimeLexicon, published: date | None) -> Found | None:
    """``_interpret``, with a date that date arithmetic cannot reach (before 0001-01-01, after 9999-12-31)
    left unresolved: the expression is found as it would be without a publication date."""
    try:
        got = _interpret(name, m, norm, lex, published)
    except (ValueError, OverflowError):
        return _interpret(name, m, norm, lex, None)
    if got is not None and got[2] is not None and not R.in_range(got[2]):
        return (*got[:2], None, *got[3:])
    return got


def find_times(text: str, published: date | None) -> tuple[TimeValue, ...]:
    """Every time expression of ``text``, longest first where they overlap, in text order."""
    lex = time_lexicon()
    norm, offsets = fold(text)
    found: list[Found] = []
    # Patterns are tried only where a word that can start an expression begins: scanning the whole text
    # with every pattern costs several milliseconds per article.
    for pos, names in _candidates(norm, lex):
        for name in names:
            m = lex.patterns[name].match(norm, pos)
            if m is not None and (got := _resolve(name, m, norm, lex, published)) is not None:
                if norm[got[0]].isdigit() and _blocked(_word_before(norm, got[0]), lex.name_heads):
                    continue  # قصر 22 مايو الرئاسي، تحالف 14 آذار: a name, not a date
                found.append(got)
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken: list[Found] = []
    index = SpanIndex()
    for f in found:
        if not index.overlaps(f[0], f[1]):
            taken.append(f)
            index.add(f[0], f[1])
    taken.sort()
    out = []
    for ns, ne, value, precision, relative, calendar in taken:
        start, end = offsets(ns), offsets(ne - 1) + 1
        while end < len(text) and _DROP_RE.match(text[end]):
            end += 1  # keep trailing diacritics and the tatweel of هـ
        prec = PRECISIONS[precision] if precision is not None else None
        out.append(TimeValue(text[start:end], start, end, value, prec, relative, CALENDARS[calendar]))
    return tuple(out)
