"""Web pages to article inputs: main text and metadata (title, date, site name, URL) through trafilatura."""

from __future__ import annotations

import logging
from typing import Any

from khabar.errors import InputError
from khabar.ingest.records import ArticleInput


def _quiet() -> None:
    # trafilatura and htmldate log every page they find hard; khabar reports bad items itself.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def article_from_html(html: str | bytes, *, url: str | None = None, outlet: str | None = None) -> ArticleInput:
    """The main text of a page with its title, publication date, site name and URL.

    Raises ``InputError`` when trafilatura finds no main text.
    """
    import trafilatura

    _quiet()
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    meta: dict[str, Any] = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else {}
    text = (meta.get("text") or "").strip()
    if not text:
        raise InputError(f"{url or 'page'}: no main text found in the HTML")
    title = (meta.get("title") or "").strip() or None
    if title:
        # trafilatura keeps the page's <h1> as the first line of the text; the title is added back
        # as the headline by khabar.extract, so drop the duplicate.
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.strip()
    return ArticleInput(
        text=text,
        title=title,
        published=meta.get("date") or None,
        outlet=outlet or (meta.get("sitename") or "").strip() or None,
        url=meta.get("url") or url,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary or content), paragraphs on their own lines."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several error types on broken markup; fall back to the raw text
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in root.iter("p", "div", "li", "h1", "h2", "h3"):
        p.tail = "\n" + (p.tail or "")
    lines = [ln.strip() for ln in root.text_content().splitlines()]
    return "\n".join(ln for ln in lines if ln)
