"""``khabar export``: stored events as PLOVER JSONL, an ACLED-style CSV, GeoJSON or Parquet."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from enum import StrEnum
from itertools import groupby
from pathlib import Path
from typing import Annotated, TextIO

import typer

from khabar.cli.app import app, fail
from khabar.cli.filters import (
    DEFAULT_URL,
    ActorOpt,
    DbOpt,
    KindOpt,
    OutletOpt,
    PlaceOpt,
    SinceOpt,
    TextOpt,
    TypeOpt,
    UntilOpt,
    make_filter,
)
from khabar.errors import InputError, KhabarError
from khabar.model import Document, Event


class ExportFormat(StrEnum):
    plover = "plover"
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="plover, acled-csv, geojson or parquet.")],
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
) -> None:
    """Export stored events (all, or those matching the filters, as in `khabar query`)."""
    from khabar.store.db import open_store
    from khabar.store.query import iter_events

    if not output.parent.is_dir():
        raise fail(InputError(f"{output.parent}: no such directory"))
    flt = make_filter(types, place, since, until, source_kind, outlet, actor, text)
    try:
        flt.check()  # bad filters are usage errors, reported before the database is opened
    except KhabarError as exc:
        raise fail(exc) from None
    tmp = output.with_name(f".{output.name}.part")
    try:
        with open_store(db, create=False) as store:
            events = iter_events(store, flt)
            if fmt is ExportFormat.parquet:
                from khabar.export.parquet import write_parquet

                written, left_out = write_parquet(events, tmp), 0
            else:
                with tmp.open("w", encoding="utf-8", newline="") as out:
                    if fmt is ExportFormat.acled_csv:
                        from khabar.export.acled import write_acled_csv

                        written, left_out = write_acled_csv(events, out)
                    elif fmt is ExportFormat.geojson:
                        from khabar.export.geojson import write_geojson

                        written, left_out = write_geojson(events, out)
                    else:
                        written, left_out = _write_plover(events, out), 0
        os.replace(tmp, output)
    except KhabarError as exc:
        tmp.unlink(missing_ok=True)
        raise fail(exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    note = ""
    if left_out and fmt is ExportFormat.acled_csv:
        note = f" ({left_out} events of types ACLED does not code left out)"
    elif left_out:
        note = f" ({left_out} events without coordinates left out)"
    typer.echo(f"khabar: export: {written} records written to {output}{note}", err=True)


def _write_plover(events: Iterable[tuple[Document, Event]], out: TextIO) -> int:
    """PLOVER JSONL through the PLOVER exporter, given each Document reduced to its selected events."""
    from khabar.export.plover import plover_records

    written = 0
    for _, group in groupby(events, key=lambda pair: pair[0].id):
        pairs = list(group)
        selected = dataclasses.replace(pairs[0][0], events=tuple(ev for _, ev in pairs))
        for rec in plover_records(selected):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    return written
