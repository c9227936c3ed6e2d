"""``khabar extract``: one article (or a JSONL file of articles) in, JSON records out."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from khabar.cli.app import app, fail
from khabar.errors import InputError, KhabarError, RecordError, ResourceError
from khabar.extract import extract as run_extract
from khabar.ingest.records import iter_jsonl, open_jsonl
from khabar.input_checks import MAX_TEXT_BYTES, decode_bytes
from khabar.model import Document


class Format(StrEnum):
    json = "json"
    text = "text"
    plover = "plover"


def _read_input(file: str) -> str:
    if file == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        return decode_bytes(data, name="stdin")
    path = Path(file)
    if not path.is_file():
        raise InputError(f"{file}: no such file")
    with path.open("rb") as fh:
        data = fh.read(MAX_TEXT_BYTES + 1)
    return decode_bytes(data, name=file)


def _records(doc: Document, fmt: Format) -> list[dict[str, Any]]:
    if fmt is Format.plover:
        from khabar.export.plover import plover_records

        return plover_records(doc)
    return [doc.to_dict()]


def _emit(doc: Document, fmt: Format, out: TextIO) -> None:
    if fmt is Format.text:
        from rich.console import Console

        from khabar.cli.render import print_report

        print_report(doc, Console(file=out, width=160 if not out.isatty() else None))
        return
    for rec in _records(doc, fmt):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


@app.command()
def extract(
    file: Annotated[str | None, typer.Argument(help="Article text file, or - for standard input.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published the article.")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Document id (default: a hash of the text).")] = None,
    title: Annotated[str | None, typer.Option(help="Headline, if not the first line of the file.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, text (Rich report) or plover.")] = Format.json,
    jsonl: Annotated[
        Path | None, typer.Option("--jsonl", help="Read one article per line from this JSONL file (.gz ok).")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write records here (default: stdout).")] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="With --jsonl: report bad lines and go on.")] = False,
    ner_model: Annotated[
        Path | None,
        typer.Option("--ner-model", help="NER model instead of the packaged CRF: a .crfsuite file or a HF model dir."),
    ] = None,
) -> None:
    """Extract entities, sources, events, times and quantities from Arabic news articles."""
    if ner_model is not None and not ner_model.exists():
        raise fail(ResourceError(f"NER model not found: {ner_model}"))
    if jsonl is not None:
        if file is not None:
            raise fail(InputError("give either FILE or --jsonl, not both"))
        raise typer.Exit(_extract_jsonl(jsonl, output, fmt, skip_bad, ner_model))
    if file is None:
        raise fail(InputError("no input: give FILE, - for standard input, or --jsonl FILE"))
    try:
        text = _read_input(file)
        doc = run_extract(text, published=published, outlet=outlet, id=id, title=title, ner_model=ner_model)
    except KhabarError as exc:
        raise fail(exc) from None
    if output is None:
        _emit(doc, fmt, sys.stdout)
    else:
        _atomic_write(output, lambda fh: _emit(doc, fmt, fh))


def _atomic_write(path: Path, write: Any) -> None:
    """Write through a temporary file and rename, so an interrupted run never truncates ``path``."""
    tmp = path.with_name(f".{path.name}.part")
    with tmp.open("w", encoding="utf-8") as fh:
        write(fh)
    os.replace(tmp, path)


def _extract_jsonl(path: Path, output: Path | None, fmt: Format, skip_bad: bool, ner_model: Path | None) -> int:
    if not path.is_file():
        raise fail(InputError(f"{path}: no such file"))
    if fmt is Format.text:
        raise fail(InputError("--format text is for one article; use json or plover with --jsonl"))
    tmp = output.with_name(f".{output.name}.part") if output else None
    out: TextIO = tmp.open("w", encoding="utf-8") if tmp else sys.stdout
    bad = done = 0
    progress = None
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        progress = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), transient=True)
        progress.start()
        with open_jsonl(path) as counting:
            total = sum(1 for line in counting if line.strip())
        task = progress.add_task("extract", total=total)
    try:
        with open_jsonl(path) as stream:
            for lineno, item in iter_jsonl(stream):
                if progress is not None:
                    progress.advance(task)
                if isinstance(item, RecordError):
                    err: KhabarError = item
                else:
                    try:
                        doc = run_extract(
                            item.text,
                            title=item.title,
                            published=item.published,
                            outlet=item.outlet,
                            id=item.id or f"line-{lineno}",
                            url=item.url,
                            ner_model=ner_model,
                        )
                    except InputError as exc:
                        err = RecordError(str(exc), line=lineno)
                    else:
                        for rec in _records(doc, fmt):
                            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                        done += 1
                        continue
                if not skip_bad:
                    raise fail(err)
                bad += 1
                typer.echo(f"khabar: skipped: {err}", err=True)
    finally:
        if progress is not None:
            progress.stop()
        if tmp is not None:
            out.close()
    if tmp is not None and output is not None:
        os.replace(tmp, output)
    if bad:
        typer.echo(f"khabar: {done} articles extracted, {bad} skipped", err=True)
    return 0
