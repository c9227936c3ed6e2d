"""Ingest readers on files the tests write: directories, HTML pages, RSS/Atom feeds, WARC archives, JSONL."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from khabar.errors import InputError, KhabarError
from khabar.ingest.records import ArticleInput
from khabar.ingest.sources import iter_inputs, iter_path, kind_of

BODY = "قال مصدر محلي إن اشتباكات عنيفة اندلعت في مدينة الحسكة بين وحدات حماية الشعب وتنظيم داعش."
BODY2 = "أعلنت وزارة الداخلية السعودية القبض على خلية إرهابية في مدينة الرياض، بحسب وكالة الأنباء الرسمية."

PAGE = f"""<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>اشتباكات في الحسكة</title>
<meta property="og:site_name" content="عنب بلدي">
<meta property="article:published_time" content="2015-04-19T08:30:00+03:00">
<link rel="canonical" href="https://example.org/news/1"></head>
<body><nav>الرئيسية | أخبار | اتصل بنا</nav><article><h1>اشتباكات في الحسكة</h1>
<p>{BODY}</p><p>{BODY2}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>https://example.org</link>
<item><title>اشتباكات في الحسكة</title><link>https://example.org/1</link><guid>urn:1</guid>
<pubDate>Sun, 19 Apr 2015 08:30:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>خلية في الرياض</title><link>https://example.org/2</link>
<pubDate>Mon, 20 Apr 2015 09:00:00 GMT</pubDate><description>{BODY2}</description></item>
<item><title></title><description></description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الشرق الأوسط</title>
<entry><title>اشتباكات</title><id>tag:example.org,2015:1</id><link href="https://example.org/a"/>
<updated>2015-07-02T10:00:00Z</updated><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def articles(items) -> list[ArticleInput]:
    return [item for _, item in items if isinstance(item, ArticleInput)]


def test_directory_of_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BODY2, encoding="utf-8")  # not an article suffix: ignored
    items = list(iter_path(tmp_path))
    assert [Path(origin).name for origin, _ in items] == ["b.txt", "a.html"]
    text, page = articles(items)
    assert text.text == BODY and text.title is None
    assert page.title == "اشتباكات في الحسكة"


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [page] = articles(iter_path(path))
    assert page.title == "اشتباكات في الحسكة"
    assert page.published == "2015-04-19"
    assert page.outlet == "عنب بلدي"
    assert page.url == "https://example.org/news/1"
    assert BODY in page.text and BODY2 in page.text
    assert "الرئيسية" not in page.text and "جميع الحقوق" not in page.text  # boilerplate removed
    assert not page.text.startswith("اشتباكات في الحسكة")  # the title is not repeated in the body


def test_outlet_option_overrides_the_site_name(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    [page] = articles(iter_path(path, outlet="Enab Baladi"))
    assert page.outlet == "Enab Baladi"


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    items = list(iter_path(path))
    first, second = articles(items)
    assert (first.title, first.published, first.outlet, first.url, first.id) == (
        "اشتباكات في الحسكة", "2015-04-19", "وكالة الأنباء", "https://example.org/1", "urn:1")
    assert first.text == BODY  # HTML of the description stripped
    assert second.id == "https://example.org/2" and second.published == "2015-04-20"
    errors = [item for _, item in items if isinstance(item, KhabarError)]
    assert len(errors) == 1 and "no text" in str(errors[0])


def test_atom_feed_sniffed_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "feed"
    path.write_text(ATOM, encoding="utf-8")
    assert kind_of(path) == "feed"
    [entry] = articles(iter_path(path))
    assert (entry.outlet, entry.published, entry.text) == ("الشرق الأوسط", "2015-07-02", BODY)


def _warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_archive(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _warc(path, [
        ("https://example.org/news/1", "text/html; charset=utf-8", PAGE),
        ("https://example.org/style.css", "text/css", "body { color: red }"),
        ("https://example.org/empty", "text/html", "<html><body></body></html>"),
    ])
    items = list(iter_path(path))
    [page] = articles(items)
    assert page.url == "https://example.org/news/1" and page.title == "اشتباكات في الحسكة"
    assert sum(isinstance(item, KhabarError) for _, item in items) == 1  # the empty page, reported


@pytest.mark.parametrize("data", [gzip.compress(b"this is not a warc record\r\n\r\n"), b"\x1f\x8b broken gzip"])
def test_broken_warc_gives_no_article_and_no_traceback(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    try:
        items = list(iter_path(path))
    except InputError:
        return
    assert articles(items) == []


def test_jsonl_with_outlet_override(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    lines = [json.dumps({"title": "عنوان", "content": BODY, "source": "aawsat", "date_extracted": "2015-07-01"}),
             "{not json"]
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    items = list(iter_path(path, outlet="الشرق الأوسط"))
    assert [origin for origin, _ in items] == [f"{path}:1", f"{path}:2"]
    [art] = articles(items)
    assert (art.outlet, art.published, art.title) == ("الشرق الأوسط", "2015-07-01", "عنوان")


def test_missing_path_and_binary_file_are_reported(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    items = list(iter_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "bin.txt")]))
    assert [type(item).__name__ for _, item in items] == ["InputError", "BinaryInputError"]


def test_urls_only_when_allowed() -> None:
    [(_origin, item)] = list(iter_inputs(["https://example.org/feed"], allow_urls=False))
    assert isinstance(item, InputError) and "command-line" in str(item)
