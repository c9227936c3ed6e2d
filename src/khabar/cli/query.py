"""``khabar query``: stored events by type, place, date, source kind, outlet, actor or words, as a table or JSON."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from khabar.cli.app import app, fail
from khabar.cli.filters import (
    DEFAULT_URL,
    ActorOpt,
    DbOpt,
    KindOpt,
    MinConfOpt,
    OutletOpt,
    PlaceOpt,
    SinceOpt,
    TextOpt,
    TypeOpt,
    UntilOpt,
    make_filter,
)
from khabar.errors import KhabarError, UsageError


@app.command()
def query(
    db: DbOpt = DEFAULT_URL,
    types: TypeOpt = None,
    place: PlaceOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    source_kind: KindOpt = None,
    outlet: OutletOpt = None,
    actor: ActorOpt = None,
    text: TextOpt = None,
    min_confidence: MinConfOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many events (0: no limit).")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per event (JSON lines).")] = False,
    clusters: Annotated[bool, typer.Option("--clusters", help="Show same-event clusters (khabar corroborate) "
                                                           "instead of events.")] = False,
    min_sources: Annotated[int, typer.Option("--min-sources", min=0, help="With --clusters: at least N independent "
                                                                 "sources.")] = 0,
    only_anonymous: Annotated[bool, typer.Option("--only-anonymous", help="With --clusters: clusters whose "
                                                                        "sources are all anonymous.")] = False,
) -> None:
    """Show stored events matching every filter given, by date (or, with --clusters, same-event clusters).

    Example: khabar query --place Al-Hasakah --since 2015-04 --type ASSAULT
    """
    if clusters or min_sources or only_anonymous:
        from khabar.cli.corroborate import show_clusters

        show_clusters(db, min_sources=min_sources, only_anonymous=only_anonymous, limit=limit, as_json=as_json,
                      types=types, since=since, until=until)
        return
    from khabar.export import get_exporter
    from khabar.export.flat import event_row
    from khabar.store.db import open_store
    from khabar.store.query import iter_events

    flt = make_filter(types, place, since, until, source_kind, outlet, actor, text, min_confidence)
    try:
        flt.check()  # bad filters are usage errors, reported before the database is opened
    except KhabarError as exc:
        raise fail(UsageError(str(exc))) from None
    try:
        with open_store(db, create=False) as store:
            events = iter_events(store, flt, limit=limit or None)
            if as_json:  # the ndjson exporter: the same rows as khabar export --format ndjson
                get_exporter("ndjson").write(events, sys.stdout)
                return
            rows = [event_row(doc, ev) for doc, ev in events]
    except KhabarError as exc:
        raise fail(exc) from None
    from rich.console import Console
    from rich.table import Table

    from khabar.cli.render import plain

    table = Table(title=f"{len(rows)} events", show_lines=False)
    for col in ("date", "type", "place", "actors", "targets", "source", "outlet", "article_id"):
        table.add_column(col, overflow="fold")
    for row in rows:
        source = row["source"] + (f" ({row['source_kind']})" if row["source_kind"] != "outlet" else "")
        cells = (row["date"] or "", row["type"] + (f"/{row['mode']}" if row["mode"] else ""),
                 row["place"] or "", row["actors"], row["targets"], source, row["outlet"] or "", row["article_id"])
        table.add_row(*(plain(c) for c in cells))  # data is never markup nor terminal control
    Console(width=None if sys.stdout.isatty() else 200).print(table)
