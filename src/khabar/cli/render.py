"""A readable text report of a Document, rendered with Rich (``khabar extract --format text``)."""

from __future__ import annotations

import re

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from khabar.model import Argument, Document
from khabar.record import source_chain

# C0 controls (ESC starts a terminal escape sequence), DEL and C1 controls (U+009B is a one-character CSI);
# tabs and line breaks become spaces. Directional marks (U+200E/F, U+061C) are kept: Arabic text uses them.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(value: object) -> Text:
    """Data as terminal-safe plain text: no markup read from it (brackets stay brackets) and no control
    characters, so an escape sequence inside a stored field (an outlet name, an article) cannot reach the
    terminal."""
    return Text(_CONTROLS.sub(lambda m: " " if m.group() in "\t\n\r\f\v" else "", str(value)))


def _row(table: Table, *cells: str) -> None:
    """Add a row of plain text: article text may hold brackets that Rich would read as markup."""
    table.add_row(*(plain(c) for c in cells))


def _args(args: tuple[Argument, ...]) -> str:
    return "، ".join(a.text for a in args) or "—"


def render(doc: Document) -> Group:
    """The report as a Rich renderable: header, entities, sources, events, times, quantities."""
    parts: list[RenderableType] = []
    head = Text()
    head.append(plain(doc.id).plain, style="bold")
    head.append(plain(f"  outlet: {doc.outlet or '—'}  published: {doc.published or '—'}").plain)
    if doc.title:
        head.append("\n" + plain(doc.title).plain, style="italic")
    parts.append(Panel(head, title="khabar"))

    ents = Table(title=f"Entities ({len(doc.entities)})", show_lines=False)
    for col in ("type", "text", "aliases", "geo"):
        ents.add_column(col)
    for e in doc.entities:
        geo = ""
        if e.geo is not None:
            g = e.geo
            geo = f"{g.name} {g.country_code} ({g.lat:.3f}, {g.lon:.3f}) {g.precision}"
            if g.inherited_from:
                geo += f" via {g.inherited_from}"
        _row(ents, e.type + (f"/{e.subtype}" if e.subtype else ""), e.text, "، ".join(e.aliases), geo)
    parts.append(ents)

    if doc.sources:
        srcs = Table(title=f"Sources ({len(doc.sources)})")
        for col in ("text", "kind", "category", "cue"):
            srcs.add_column(col)
        for s in doc.sources:
            _row(srcs, s.text, s.kind, s.category, s.cue or "")
        parts.append(srcs)

    if doc.events:
        evs = Table(title=f"Events ({len(doc.events)})", show_lines=True)
        for col in ("type", "trigger", "actors → targets", "where / when", "how many", "who says so"):
            evs.add_column(col)
        for ev in doc.events:
            chain = " → ".join(c["text"] or "(outlet)" for c in source_chain(doc, ev.source))
            where = ev.place.text if ev.place else "—"
            when = ev.date.value or ev.date.text if ev.date else "—"
            qty = "، ".join(q.text for q in ev.quantities) or "—"
            kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
            if ev.status != "asserted":
                kind += f" [{ev.status}]"
            _row(
                evs,
                kind,
                ev.trigger.text,
                f"{_args(ev.actors)} → {_args(ev.targets)}",
                f"{where} / {when}",
                qty,
                chain,
            )
        parts.append(evs)

    if doc.times:
        times = Table(title=f"Times ({len(doc.times)})")
        for col in ("text", "value", "precision"):
            times.add_column(col)
        for t in doc.times:
            _row(times, t.text, t.value or "unresolved", t.precision or "")
        parts.append(times)

    if doc.quantities:
        qs = Table(title=f"Quantities ({len(doc.quantities)})")
        for col in ("text", "value", "approx", "of"):
            qs.add_column(col)
        for q in doc.quantities:
            _row(qs, q.text, str(q.value), "yes" if q.approx else "", q.of or "")
        parts.append(qs)
    return Group(*parts)


def print_report(doc: Document, console: Console | None = None) -> None:
    (console or Console()).print(render(doc))
