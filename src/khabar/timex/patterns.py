"""Regular expressions for Arabic time expressions, built once from the data files time_months.tsv / time_words.yaml.

All patterns run over *normalized* text (``khabar.arabic.normalize``: hamza forms → ا, ة → ه, ى → ي,
diacritics dropped, Arabic-Indic digits → 0-9); the named group ``t`` is the span reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.errors import ResourceError
from khabar.lexicon import load_tsv, load_yaml

# Word boundary on the left, then proclitics (conjunction و/ف, preposition ب/ل/ك) kept out of the span.
_LEFT = r"(?<![\w])(?:[" + "".join(wc.CONJUNCTION_CLITICS) + "]?[" + "".join(wc.PREPOSITION_CLITICS) + "]?)"
_RIGHT = r"(?![\w])"
_ART = "ال"
_SP = r"[^\S\n]+"  # spaces that do not cross a line
_OSP = r"[^\S\n]*"


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Normalized time words and the compiled patterns."""

    months: dict[str, tuple[int, str]]  # name → (month, calendar)
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    ordinal_days: dict[str, int]
    periods: dict[str, str]
    directions: dict[str, int]
    ago_units: dict[str, tuple[str, int]]
    weekday_blockers: frozenset[str]
    today_blockers: frozenset[str]
    name_heads: frozenset[str]
    date_prepositions: frozenset[str]
    patterns: dict[str, re.Pattern[str]]
    triggers: dict[str, tuple[str, ...]]  # first word of an expression → names of the patterns to try there


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of normalized words, longest first; a leading article also matches after ل (للشهر)."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", _SP)
        if w.startswith(_ART):
            esc = f"(?:{_ART}|(?<=ل)ل)" + esc[2:]
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def _norm_keys(mapping: dict[str, object]) -> dict[str, object]:
    return {normalize(str(k)): v for k, v in mapping.items()}


def _numbers(words: dict[str, dict[str, object]], name: str) -> dict[str, int]:
    """A word → integer table of time_words.yaml, keys normalized; a value that is no integer is refused."""
    out: dict[str, int] = {}
    for k, v in _norm_keys(words[name]).items():
        if not isinstance(v, int):
            raise ResourceError(f"time_words.yaml: {name}: {k!r} must map to an integer, not {v!r}")
        out[k] = v
    return out


@lru_cache(maxsize=1)
def time_lexicon() -> TimeLexicon:
    """Load the time word lists and compile the patterns (once per process)."""
    words = load_yaml("time_words.yaml")
    months: dict[str, tuple[int, str]] = {}
    bare: set[str] = set()
    greg: set[str] = set()
    hijri: set[str] = set()
    for row in load_tsv("time_months.tsv"):
        name = normalize(row["name"])
        months[name] = (int(row["month"]), row["calendar"])
        (hijri if row["calendar"] == "hijri" else greg).add(name)
        if row["bare"] == "yes":
            bare.add(name)
    weekdays = _numbers(words, "weekdays")
    rel_days = _numbers(words, "relative_days")
    periods = {k: str(v) for k, v in _norm_keys(words["periods"]).items()}
    directions = _numbers(words, "directions")
    ordinals = _numbers(words, "ordinal_days")
    ago = {normalize(k): (str(v[0]), int(v[1])) for k, v in words["ago_units"].items()}
    day_parts = [normalize(w) for w in words["day_parts"]]
    parts = [normalize(w) for w in words["period_parts"]]
    year_words = [normalize(w) for w in words["year_words"]]
    year_preps = [normalize(w) for w in words["year_prepositions"]]
    shahr, yawm, of = normalize(words["month_word"]), normalize(words["day_word"]), normalize(words["of_word"])
    this_words = [normalize(w) for w in words["this_words"]]
    this = "|".join(this_words)
    ago_words = [normalize(w) for w in words["ago_words"]]
    ago_alt = "|".join(ago_words)
    holy = "|".join(normalize(w) for w in words["holy_epithets"])
    greg_word, coinciding = normalize(words["gregorian_word"]), normalize(words["coinciding_word"])
    hijri_word, hijri_phrase = normalize(words["hijri_word"]), normalize(words["hijri_phrase"])

    wd = _alt(weekdays)
    direction = _alt(directions)
    dirg = rf"(?:{_SP}(?P<dir>{direction}))?"
    month = _alt(greg)
    pair_sep = rf"(?:{_OSP}[/(\-]{_OSP}|{_SP})"  # نيسان/أبريل، مارس (آذار)، حزيران - يونيو، يوليو تموز
    month2 = rf"(?P<m1>{month})(?:{pair_sep}(?P<m2>{month}){_OSP}\)?)?"
    # a year, perhaps in parentheses ("عام (1948)"), perhaps marked م / ميلادي
    year = rf"(?P<yp>\({_OSP})?(?P<year>(?:19|20)\d\d)(?(yp){_OSP}\))(?:{_OSP}م(?![\w])|{_SP}{greg_word}[ه]?)?"
    year_intro = rf"(?:{_OSP}[،,/]?{_OSP}(?:{of}{_SP})?(?:{_alt(year_words)}{_SP})?)"
    day = rf"(?:(?P<day>[0-3]?\d)|(?P<ord>{_alt(ordinals)})(?={_SP}{of}{_SP}))"
    wd_pre = rf"(?:(?:{yawm}{_SP})?(?P<wd>{wd}){_OSP}[،,]?{_OSP}(?:{coinciding}{_SP})?)?"
    hmonth = _alt(hijri)
    hyear = r"(?P<year>1[34]\d\d)"
    sep = rf"{_OSP}[/.\-]{_OSP}"
    hmark = rf"(?:{_OSP}ه(?![\w])|{_SP}{hijri_word}[هة]?|{_SP}{hijri_phrase})"

    pats: list[tuple[str, str]] = [
        # 21 يوليو 2015 / الأحد 19 نيسان (أبريل) الماضي / 13 من شهر آب 2015
        (
            "dmy",
            rf"{_LEFT}(?P<t>{wd_pre}(?:ال)?{day}{_OSP}(?:[/\-]{_OSP})?(?:{of}{_SP})?(?:{shahr}{_SP})?{month2}"
            rf"(?:{year_intro}{year})?{dirg}){_RIGHT}",
        ),
        # 15 من الشهر الجاري, الخامس عشر من الشهر الماضي
        (
            "dm_rel",
            rf"{_LEFT}(?P<t>{wd_pre}(?:ال)?{day}{_OSP}{of}{_SP}(?P<this>{this_words[0]}{_SP})?(?:ال)?{shahr}{dirg}){_RIGHT}",
        ),
        # تموز/يوليو 2015, شهر يونيو من العام 2014
        ("my", rf"{_LEFT}(?P<t>(?:{shahr}{_SP})?{month2}{year_intro}{year}){_RIGHT}"),
        # أبريل الماضي, شهر رمضان … (bare names need شهر or a direction)
        ("m_dir", rf"{_LEFT}(?P<t>(?:{shahr}{_SP})?{month2}{_SP}(?P<dir>{direction})){_RIGHT}"),
        ("m_pair", rf"{_LEFT}(?P<t>(?:{shahr}{_SP})?(?P<m1>{month}){pair_sep}(?P<m2>{month}){_OSP}\)?){_RIGHT}"),
        ("m_bare", rf"{_LEFT}(?P<t>{shahr}{_SP}(?P<m1>{month})|(?P<bm>{_alt(bare)})){_RIGHT}"),
        # شهر رمضان (المبارك) / رمضان الماضي / شهر شوال 1436 هـ
        (
            "hm_only",
            rf"{_LEFT}(?P<t>(?:(?P<shahr>{shahr}{_SP}))?(?P<hm>{hmonth})(?:{_SP}(?P<holy>{holy}))?"
            rf"(?:{year_intro}{hyear}(?:{hmark})?)?{dirg}){_RIGHT}",
        ),
        # 5 شوال 1436 هـ
        (
            "hijri",
            rf"{_LEFT}(?P<t>{wd_pre}(?:ال)?{day}{_OSP}(?:{of}{_SP})?(?:{shahr}{_SP})?(?P<hm>{hmonth})"
            rf"(?:{year_intro}{hyear})?(?:{hmark})?){_RIGHT}",
        ),
        # 21/7/2015, 2015-07-21, 5/10/1436 هـ
        (
            "numeric",
            rf"(?<![\w/.\-])(?P<t>(?:(?P<d>\d{{1,2}}){sep}(?P<m>\d{{1,2}}){sep}(?P<y>\d{{4}})"
            rf"|(?P<y2>\d{{4}}){sep}(?P<m3>\d{{1,2}}){sep}(?P<d3>\d{{1,2}}))(?:{_OSP}م(?![\w]))?(?P<h>{hmark})?)"
            r"(?![\w/]|\.\d)",
        ),
        # عام 2014 / في 2014 / 2014م
        ("year", rf"{_LEFT}(?P<t>{_alt(year_words)}{_SP}{year}){_RIGHT}"),
        ("year_prep", rf"{_LEFT}(?:{_alt(year_preps)}){_SP}(?P<t>{year}){_RIGHT}"),
        ("year_m", rf"(?<![\w])(?P<t>(?P<year>(?:19|20)\d\d){_OSP}م)(?![\w])"),
        # a bare year (checked against the words around it: "2000 مقاتل" is a count)
        ("year_bare", rf"(?<![\w.,/\-])(?P<t>{year})(?![\w.,/%٪\-]|{_OSP}[%٪])"),
        # a Hijri year: عام 1436 هـ
        (
            "hijri_year",
            rf"{_LEFT}(?P<t>(?:{_alt(year_words)}{_SP})?(?P<yp>\({_OSP})?(?P<hy>1[34]\d\d)(?(yp){_OSP}\)){hmark}){_RIGHT}",
        ),
        # (يوم) أمس (السبت) / اليوم (الاثنين) / صباح اليوم
        (
            "relday",
            rf"(?:(?P<dp>{_alt(day_parts)}){_SP})?{_LEFT}(?P<t>(?:{yawm}{_SP})?(?P<rel>{_alt(rel_days)})"
            rf"(?:{_OSP}(?P<par>\()?{_OSP}[،,]?{_OSP}(?:{yawm}{_SP})?(?P<wd>{wd})(?(par){_OSP}\)))?){_RIGHT}",
        ),
        # الثلاثاء الماضي / يوم الجمعة / مساء الخميس
        ("weekday", rf"{_LEFT}(?P<t>(?:{yawm}{_SP})?(?P<wd>{wd}){dirg}){_RIGHT}"),
        # الأسبوع الماضي / مطلع الشهر الجاري / العام الماضي / هذا العام
        (
            "period",
            rf"{_LEFT}(?P<t>(?:(?P<part>{_alt(parts)}){_SP}|(?P<this>{this}){_SP})?(?P<per>{_alt(periods)})"
            rf"{dirg}){_RIGHT}",
        ),
        # قبل يومين / منذ ثلاثة أسابيع / قبل 3 أيام
        (
            "ago",
            rf"{_LEFT}(?P<t>(?:{ago_alt}){_SP}(?:(?P<n>\d{{1,2}}|[^\W\d]+){_SP})?(?P<unit>{_alt(ago)})){_RIGHT}",
        ),
    ]
    return TimeLexicon(
        months=months,
        weekdays=weekdays,
        relative_days=rel_days,
        ordinal_days=ordinals,
        periods=periods,
        directions=directions,
        ago_units=ago,
        weekday_blockers=frozenset(normalize(w) for w in words["weekday_blockers"]),
        today_blockers=frozenset(normalize(w) for w in words["today_blockers"]),
        name_heads=frozenset(normalize(w) for w in words["name_heads"]),
        date_prepositions=frozenset(year_preps),
        patterns={name: re.compile(p) for name, p in pats},
        triggers=_triggers(
            {
                "#digit": ["dmy", "dm_rel", "hijri", "numeric", "year_m", "year_bare", "hijri_year"],
                yawm: ["dmy", "hijri", "relday", "weekday"],
                shahr: ["my", "m_dir", "m_pair", "m_bare", "hm_only"],
                **{w: ["period"] for w in this_words},
                **{w: ["ago", "year_prep"] for w in ago_words},
            },
            [
                (weekdays, ["dmy", "dm_rel", "hijri", "weekday"]),
                (ordinals, ["dmy", "dm_rel", "hijri"]),
                (greg, ["my", "m_dir", "m_pair", "m_bare"]),
                (hijri, ["hm_only"]),
                (year_words, ["year", "hijri_year"]),
                (year_preps, ["year_prep"]),
                (day_parts, ["relday"]),
                (rel_days, ["relday"]),
                (parts, ["period"]),
                (periods, ["period"]),
            ],
        ),
    )


def _triggers(fixed: dict[str, list[str]], groups: list[tuple[Iterable[str], list[str]]]) -> dict[str, tuple[str, ...]]:
    """First word of each phrase → the patterns that may start with it (the scan tries only those)."""
    table: dict[str, list[str]] = {k: list(v) for k, v in fixed.items()}
    for words, names in groups:
        for phrase in words:
            first = phrase.split()[0]
            table.setdefault(first, [])
            table[first] += [n for n in names if n not in table[first]]
    return {k: tuple(v) for k, v in table.items()}
