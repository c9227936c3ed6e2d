"""One event of one article as corroboration compares it: a compact, hashable ``Report``.

Built from a Document and one of its events: the type, the day interval the event can have happened in (its own
date by precision, else the days just before publication), the place (GeoNames facts, or the article's main
country when the event has no place), actors and targets as entity keys, counts, the cited source, and the
content words of the evidence sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.lexicon import load_tsv
from khabar.model import Argument, Document, Event

# An undated event happened on the publication day or up to this many days before it.
UNDATED_BACK = 2
_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3A-Za-z0-9]+")
_PROCLITIC = re.compile("^(" + "|".join(wc.CONTENT_WORD_PROCLITICS) + ")(?=...)")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(row["word"] for row in load_tsv("cluster_stopwords.tsv"))


def content_words(text: str) -> frozenset[str]:
    """Normalized content words with their proclitics stripped (للمدينة → مدينه), stopwords left out."""
    stop = stopwords()
    out = set()
    for w in _WORD.findall(normalize(text)):
        if w in stop:
            continue
        w = _PROCLITIC.sub("", w) if len(w) > 4 else w
        if len(w) > 2 and w not in stop:
            out.add(w)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Count:
    of: str
    value: float
    low: float | None
    high: float | None
    approx: bool
    text: str


@dataclass(frozen=True, slots=True)
class Report:
    """One event of one article, reduced to what two reports of a happening are compared by."""

    key: str  # "article_id/event_id"
    article: str
    event: str
    seq: int
    outlet: str | None
    published: str | None
    type: str
    mode: str | None
    status: str
    lo: int  # first possible day (proleptic ordinal), inclusive
    hi: int  # last possible day, inclusive
    dated: bool  # the event carries its own date
    precision: str  # day | month | year | published
    place_id: int | None
    place_text: str
    country: str | None
    admin1: str | None
    geo_precision: str | None
    lat: float | None
    lon: float | None
    place_inferred: bool  # country taken from the article, not the event
    actors: frozenset[str]
    targets: frozenset[str]
    counts: tuple[Count, ...]
    words: frozenset[str]
    source_text: str
    source_kind: str  # named | anonymous | outlet
    source_category: str
    source_key: str  # who is cited, as a key shared by outlets citing the same named source
    trigger: str = ""
    start: int = 0
    end: int = 0


def _party_key(doc: Document, arg: Argument) -> str:
    ent = doc.entity(arg.entity) if arg.entity else None
    if ent is not None and ent.canonical:
        return ent.canonical.lower()
    return " ".join(content_words(ent.text if ent is not None else arg.text)) or normalize(arg.text)


def _interval(doc: Document, ev: Event) -> tuple[int, int, bool, str]:
    value = ev.date.value if ev.date is not None else None
    if value:
        parts = value.split("-")
        try:
            if len(parts) == 3:
                d = date.fromisoformat(value)
                return d.toordinal(), d.toordinal(), True, "day"
            if len(parts) == 2:
                y, m = int(parts[0]), int(parts[1])
                first = date(y, m, 1).toordinal()
                last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).toordinal()
                if doc.published is not None:  # the month, narrowed to the days just before publication
                    pub = doc.published.toordinal()
                    lo, hi = max(first, pub - UNDATED_BACK), min(last, pub)
                    if lo <= hi:
                        return lo, hi, False, "month"
                return first, last, False, "month"  # too vague to corroborate (engine.MAX_SPAN)
        except ValueError:
            pass
    if doc.published is not None:  # undated, or only a year: the days just before publication
        pub = doc.published.toordinal()
        return pub - UNDATED_BACK, pub, False, "published"
    return 0, 0, False, "none"


def _main_country(doc: Document) -> str | None:
    """The country most places of the article are in (ties: the first named), None when it names none."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ent in doc.entities:
        if ent.geo is not None and ent.geo.country_code:
            counts[ent.geo.country_code] += max(1, len(ent.mentions))
            first.setdefault(ent.geo.country_code, ent.start)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], first[c]))


def source_key(doc: Document, ev: Event) -> tuple[str, str, str, str]:
    """(text, kind, category, key) of whom the event is attributed to; the outlet when no one is cited."""
    src = doc.source(ev.source)
    if src is None:
        return doc.outlet or "", "outlet", "outlet", ""
    ent = doc.entity(src.entity) if src.entity else None
    if ent is not None and ent.canonical:
        key = ent.canonical.lower()
    else:
        key = " ".join(sorted(content_words(src.text))) or normalize(src.text)
    return src.text, src.kind, src.category, key


def reports_of(doc: Document, main_country: str | None = None) -> list[Report]:
    """The Reports of every event of ``doc``, in the document's order."""
    out = []
    fallback = main_country if main_country is not None else _main_country(doc)
    for seq, ev in enumerate(doc.events):
        lo, hi, dated, precision = _interval(doc, ev)
        geo = ev.place.geo if ev.place is not None else None
        country = geo.country_code if geo is not None else None
        inferred = False
        if country is None and fallback is not None:
            country, inferred = fallback, True
        counts = tuple(
            Count(q.of or "n", float(q.value if q.value is not None else (q.low or 0)),
                  None if q.low is None else float(q.low), None if q.high is None else float(q.high),
                  q.approx, q.text)
            for q in ev.quantities
            if q.value is not None or q.low is not None
        )
        sent = doc.sentence_of(ev.trigger.start)
        span_start = min(ev.evidence.start, sent.start) if sent is not None else ev.evidence.start
        span_end = max(ev.evidence.end, sent.end) if sent is not None else ev.evidence.end
        stext, skind, scat, skey = source_key(doc, ev)
        out.append(Report(
            key=f"{doc.id}/{ev.id}", article=doc.id, event=ev.id, seq=seq, outlet=doc.outlet,
            published=doc.published.isoformat() if doc.published else None, type=ev.type, mode=ev.mode,
            status=ev.status, lo=lo, hi=hi, dated=dated, precision=precision,
            place_id=geo.geonameid if geo is not None else None,
            place_text=normalize(ev.place.text) if ev.place is not None else "",
            country=country, admin1=geo.admin1 if geo is not None else None,
            geo_precision=geo.precision if geo is not None else None,
            lat=geo.lat if geo is not None else None, lon=geo.lon if geo is not None else None,
            place_inferred=inferred,
            actors=frozenset(_party_key(doc, a) for a in ev.actors),
            targets=frozenset(_party_key(doc, a) for a in ev.targets),
            counts=counts, words=content_words(doc.text[span_start:span_end]),
            source_text=stext, source_kind=skind, source_category=scat, source_key=skey,
            trigger=ev.trigger.text, start=ev.trigger.start, end=ev.trigger.end,
        ))
    return out
