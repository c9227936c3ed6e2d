"""``khabar export``: stored events as PLOVER JSONL, an ACLED-style CSV, GeoJSON or Parquet."""

from __future__ import annotations

from pathlib import Path
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
from khabar.errors import KhabarError, PipelineError, UsageError


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="An exporter: plover, acled-csv, geojson, parquet (or a plugin's).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (replaced at the end).")],
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
) -> None:
    """Export stored events (all, or those matching the filters, as in `khabar query`).

    Example: khabar export --format acled-csv -o events.csv --place SY
    """
    from khabar.atomicfile import check_writable
    from khabar.export import export_file, get_exporter
    from khabar.store.db import open_store
    from khabar.store.query import iter_events

    flt = make_filter(types, place, since, until, source_kind, outlet, actor, text, min_confidence)
    try:
        flt.check()  # bad filters are usage errors, reported before the database is opened
    except KhabarError as exc:
        raise fail(UsageError(str(exc))) from None
    try:
        get_exporter(fmt)
        check_writable(output)
        with open_store(db, create=False) as store:
            from khabar.corroborate.stored import all_cluster_links
            from khabar.export.clusters import clusters_known

            with clusters_known(all_cluster_links(store)):
                result = export_file(fmt, iter_events(store, flt), output)
    except PipelineError as exc:  # an unknown exporter: a usage error
        typer.echo(f"khabar: error: {exc}", err=True)
        raise typer.Exit(2) from None
    except KhabarError as exc:
        raise fail(exc) from None
    note = f" ({result.left_out} {result.left_out_reason} left out)" if result.left_out else ""
    typer.echo(f"khabar: export: {result.written} records written to {output}{note}", err=True)
