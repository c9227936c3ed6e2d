"""Property tests (hypothesis): any input to the public functions gives a result or a documented KhabarError.

Inputs mix Arabic letters, digits of both scripts, month names, number words, reporting verbs, event
triggers and place names from the lexicon files, punctuation, invisible characters and arbitrary Unicode;
publication dates cover the whole accepted range (0001-01-01 … 9999-12-31). The example count is bounded
and the seed fixed (``derandomize``), so CI runs the same inputs every time; ``benchmarks/fuzz.py`` is
the long run.
"""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khabar
from khabar.errors import KhabarError
from khabar.evaluation.gold import load_gold
from khabar.ingest.feed import iter_feed
from khabar.ingest.html import article_from_html
from khabar.ingest.records import ArticleInput, iter_jsonl
from khabar.ingest.sources import iter_path
from khabar.ingest.warc import iter_warc
from khabar.input_checks import decode_bytes
from khabar.lexicon import load_tsv, load_yaml

BOUNDED = settings(
    max_examples=150,
    derandomize=True,  # a fixed seed: the same examples on every run
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Words khabar reacts to, from its own lexicon files."""
    words: set[str] = set()
    words |= {r["name"] for r in load_tsv("time_months.tsv")}
    words |= {r["word"] for r in load_tsv("number_words.tsv")}
    words |= {r["phrase"] for r in load_tsv("quantity_qualifiers.tsv")}
    for name in ("attribution_cues.tsv", "event_triggers.tsv"):
        for row in load_tsv(name):
            words |= set(row["form"].split("|"))
    words |= {r["name"] for r in load_tsv("gazetteer_places.tsv")[:300]}
    words |= {"أمس", "اليوم", "غداً", "الماضي", "المقبل", "منذ", "أواخر", "قبل", "الثلاثاء", "مصادر", "داعش"}
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def time_words() -> dict[str, tuple[str, ...]]:
    """Words of time expressions by role, to build phrases the resolver sees (``منذ أواخر مارس الماضي``)."""
    w = load_yaml("time_words.yaml")
    months = tuple(r["name"] for r in load_tsv("time_months.tsv"))
    return {
        "head": ("", "منذ", "في", "يوم", "قبل", "خلال", *w["period_parts"], *w["day_parts"]),
        "core": (*months, *w["weekdays"], *w["relative_days"], *w["periods"], *(str(k) for k in w["ago_units"])),
        "tail": ("", "", *w["directions"], *w["weekdays"], "2019", "1440", "هـ"),
    }


def _phrase(parts: tuple[str, str, str, str]) -> str:
    return " ".join(p for p in parts if p)


ARABIC = "".join(chr(c) for c in range(0x0621, 0x064B)) + "\u064b\u064e\u0651\u0670\u0640"
DIGITS = "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u06f1\u06f2"
PUNCT = "،؛؟.!«»\"'()-/:%\u2026"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\u00ad\u061c\ufeff\u00a0\u2009\u3000"

pieces = st.one_of(
    st.sampled_from(vocabulary()),
    st.tuples(
        st.sampled_from(time_words()["head"]),
        st.one_of(st.just(""), st.integers(1, 31).map(str)),
        st.sampled_from(time_words()["core"]),
        st.sampled_from(time_words()["tail"]),
    ).map(_phrase),
    st.text(alphabet=ARABIC + DIGITS + PUNCT + INVISIBLE, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=10**15).map(str),
    st.text(max_size=4),  # anything at all
)
separators = st.sampled_from([" ", " ", " ", "\n", "، ", ". ", "\u00a0", "/", " و", ""])
texts = st.lists(st.tuples(pieces, separators), max_size=40).map(lambda ps: "".join(p + s for p, s in ps))
publication = st.one_of(st.none(), st.dates(), st.dates().map(date.isoformat), st.text(max_size=12))


def _check_offsets(doc: khabar.Document) -> None:
    n = len(doc.text)
    for rec in (*doc.entities, *doc.times, *doc.quantities):
        assert 0 <= rec.start <= rec.end <= n
        assert doc.text[rec.start : rec.end] == rec.text
    for ev in doc.events:
        assert 0 <= ev.evidence.start <= ev.evidence.end <= n
        for arg in (ev.trigger, *ev.actors, *ev.targets, *((ev.place,) if ev.place else ())):
            # A speaker taken from a source carries the source's name (ميقاتي → نجيب ميقاتي).
            assert doc.text[arg.start : arg.end] == arg.text or arg.text in {s.text for s in doc.sources}


@BOUNDED
@given(text=texts, published=publication)
def test_extract_gives_a_record_or_a_khabar_error(text: str, published: Any) -> None:
    try:
        doc = khabar.extract(text, published=published)
    except KhabarError:
        return
    _check_offsets(doc)
    json.dumps(doc.to_dict())  # the record serializes


@BOUNDED
@given(text=texts, published=st.sampled_from([date(1, 1, 1), date(1, 1, 7), date(9999, 12, 31), date(9999, 12, 25)]))
def test_extract_near_the_ends_of_the_date_range(text: str, published: date) -> None:
    try:
        doc = khabar.extract(text, published=published)
    except KhabarError:
        return
    _check_offsets(doc)


@BOUNDED
@given(text=texts)
def test_tag_raw_text(text: str) -> None:
    from khabar.cli.ner import tag_raw_text

    out = io.StringIO()
    try:
        tag_raw_text(text, out)
    except KhabarError:
        return


@BOUNDED
@given(
    lines=st.lists(
        st.one_of(texts, st.builds(lambda t, p: json.dumps({"text": t, "published": p}), texts, publication.map(str))),
        max_size=6,
    )
)
def test_jsonl_reader(lines: list[str]) -> None:
    for _lineno, item in iter_jsonl(io.StringIO("\n".join(lines))):
        assert isinstance(item, ArticleInput | KhabarError)


def _feed(entries: list[tuple[str, str]]) -> bytes:
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><title>{escape(t)}</title><description>{escape(d)}</description></item>" for t, d in entries
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
    return f"{head}{items}</channel></rss>".encode("utf-8", "surrogatepass")


@BOUNDED
@given(data=st.one_of(st.binary(max_size=300), st.lists(st.tuples(texts, texts), max_size=3).map(_feed)))
def test_feed_reader(data: bytes) -> None:
    try:
        for _origin, item in iter_feed(data, name="feed"):
            assert isinstance(item, ArticleInput | KhabarError)
    except KhabarError:
        return


@BOUNDED
@given(data=st.one_of(st.binary(max_size=300), texts.map(lambda t: f"<html><body><p>{t}</p></body></html>")))
def test_html_reader(data: bytes | str) -> None:
    try:
        assert isinstance(article_from_html(data), ArticleInput)
    except KhabarError:
        return


@BOUNDED
@given(
    data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".html", ".xml", ".jsonl", ".warc", ".warc.gz", ""])
)
def test_every_file_reader(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            for _origin, item in iter_path(path):
                assert isinstance(item, ArticleInput | KhabarError)
        except KhabarError:
            return
        if suffix.startswith(".warc"):
            try:
                list(iter_warc(path))
            except KhabarError:
                return


@BOUNDED
@given(data=st.binary(max_size=300))
def test_decode_bytes(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data), str)
    except KhabarError:
        return


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "text",
                    "text_ref",
                    "path",
                    "line",
                    "entities",
                    "events",
                    "type",
                    "times",
                    "quantities",
                    "value",
                    "sources",
                    "kind",
                    "actors",
                    "targets",
                    "place",
                    "date",
                    "status",
                    "mode",
                ]
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=20,
)


@BOUNDED
@given(objs=st.lists(json_values, max_size=4), raw=st.binary(max_size=100), as_lines=st.booleans())
def test_gold_reader(objs: list[Any], raw: bytes, as_lines: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("gold.jsonl" if as_lines else "gold.json")
        body = "\n".join(json.dumps(o, ensure_ascii=False) for o in objs) if as_lines else json.dumps(objs)
        path.write_bytes(body.encode("utf-8", "surrogatepass") + raw)
        try:
            load_gold(path)
        except KhabarError:
            return
