"""``khabar extract``: one article (or a JSONL file of articles) in, JSON records out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer

from khabar.atomicfile import atomic_write
from khabar.cli.app import app, fail
from khabar.errors import EXIT_SOME_INPUTS_FAILED, InputError, KhabarError, RecordError, ResourceError, UsageError
from khabar.extract import extract as run_extract
from khabar.extract import make_document
from khabar.ingest.records import ArticleInput, iter_jsonl, open_jsonl
from khabar.input_checks import MAX_TEXT_BYTES, decode_bytes, not_a_file
from khabar.model import Document
from khabar.pipeline import DEFAULT_STAGES


class Format(StrEnum):
    json = "json"
    text = "text"
    plover = "plover"


def _read_input(file: str) -> str:
    if file == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        return decode_bytes(data, name="stdin")
    path = Path(file)
    if (err := not_a_file(path)) is not None:
        raise err
    with path.open("rb") as fh:
        data = fh.read(MAX_TEXT_BYTES + 1)
    return decode_bytes(data, name=file)


def _write_records(doc: Document, fmt: Format, out: IO[str]) -> None:
    if fmt is Format.plover:  # the PLOVER exporter, as for stored events
        from khabar.export import get_exporter

        get_exporter("plover").write(((doc, ev) for ev in doc.events), out)
        return
    out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")


def _emit(doc: Document, fmt: Format, out: IO[str]) -> None:
    if fmt is Format.text:
        from rich.console import Console

        from khabar.cli.render import print_report

        print_report(doc, Console(file=out, width=160 if not out.isatty() else None))
        return
    _write_records(doc, fmt, out)


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
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="With --jsonl: worker processes (default: the number of cores)."),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0,
            help="Only events whose confidence (the happening classifier's probability) is at least this.",
        ),
    ] = None,
) -> None:
    """Extract entities, sources, events, times and quantities from Arabic news articles.

    Example: khabar extract article.txt --published 2015-04-19 --format text

    Example: khabar extract --jsonl articles.jsonl.gz --skip-bad -o records.jsonl
    """
    if ner_model is not None and not ner_model.exists():
        raise fail(ResourceError(f"NER model not found: {ner_model}"))
    if jsonl is not None:
        if file is not None:
            raise fail(UsageError("give either FILE or --jsonl, not both"))
        raise typer.Exit(_extract_jsonl(jsonl, output, fmt, skip_bad, ner_model, workers, min_confidence))
    if skip_bad:
        raise fail(UsageError("--skip-bad goes with --jsonl (one article has no lines to skip)"))
    if file is None:
        raise fail(UsageError("no input: give FILE, - for standard input, or --jsonl FILE"))
    try:
        text = _read_input(file)
        doc = _confident(
            run_extract(text, published=published, outlet=outlet, id=id, title=title, ner_model=ner_model),
            min_confidence,
        )
    except KhabarError as exc:
        raise fail(exc) from None
    if output is None:
        _emit(doc, fmt, sys.stdout)
        return
    try:
        with atomic_write(output) as fh:
            _emit(doc, fmt, fh)
    except KhabarError as exc:
        raise fail(exc) from None


def _confident(doc: Document, min_confidence: float | None) -> Document:
    """The document with only the events of at least ``min_confidence`` (their ids unchanged)."""
    if min_confidence is None:
        return doc
    return doc.with_layers(events=tuple(ev for ev in doc.events if ev.confidence >= min_confidence))


def _extract_jsonl(
    path: Path,
    output: Path | None,
    fmt: Format,
    skip_bad: bool,
    ner_model: Path | None,
    workers: int | None,
    min_conf: float | None = None,
) -> int:
    if (err := not_a_file(path)) is not None:
        raise fail(err)
    if fmt is Format.text:
        raise fail(UsageError("--format text is for one article; use json or plover with --jsonl"))
    from khabar.parallel import default_workers

    n = workers or default_workers()
    if output is None:
        return _extract_stream(path, sys.stdout, fmt, skip_bad, ner_model, n, min_conf)
    try:
        with atomic_write(output) as out:
            return _extract_stream(path, out, fmt, skip_bad, ner_model, n, min_conf)
    except KhabarError as exc:
        raise fail(exc) from None


Job = tuple[int, ArticleInput, Format, float | None]
JobResult = tuple[str, str] | tuple[str, int, str]


def _extract_job(job: Job) -> JobResult:
    """One JSONL article to its output lines (run in a worker, or here with one worker)."""
    from io import StringIO

    from khabar.parallel import pipeline

    lineno, item, fmt, min_conf = job
    try:
        doc = make_document(item.text, title=item.title, published=item.published, outlet=item.outlet,
                            id=item.id or f"line-{lineno}", url=item.url)
        doc = pipeline()(doc)
    except InputError as exc:
        return ("bad", str(exc))
    except KhabarError as exc:  # a broken resource or model: the whole run fails with its exit code
        return ("fatal", exc.exit_code, str(exc))
    buf = StringIO()
    _write_records(_confident(doc, min_conf), fmt, buf)
    return ("ok", buf.getvalue())


def _extract_stream(
    path: Path,
    out: IO[str],
    fmt: Format,
    skip_bad: bool,
    ner_model: Path | None,
    workers: int,
    min_conf: float | None = None,
) -> int:
    """Extract every line; a bad line stops the run (exit 4) or, with ``skip_bad``, is reported and skipped
    (exit 9 at the end). A stage that raises on one article fails that line only."""
    from khabar.parallel import InOrder, JobFailed, WorkerPool, set_pipeline

    bad = done = 0
    progress = None
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        progress = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), transient=True)
        progress.start()
        with open_jsonl(path) as counting:
            total = sum(1 for line in counting if line.strip())
        task = progress.add_task("extract", total=total)
    params = {"entities": {"model": ner_model}} if ner_model is not None else None
    pool = WorkerPool(workers, params=params) if workers > 1 else None
    if pool is None:
        set_pipeline(DEFAULT_STAGES, params)
    runner: InOrder[tuple[int, KhabarError | None]] = InOrder(pool)

    def take(results: Iterator[tuple[tuple[int, KhabarError | None], object]]) -> None:
        nonlocal bad, done
        for (lineno, err), result in results:
            if progress is not None:
                progress.advance(task)
            if err is None:
                if isinstance(result, JobFailed):
                    result = ("bad", f"pipeline failed: {result.message}")
                assert isinstance(result, tuple)
                if result[0] == "ok":
                    out.write(result[1])
                    done += 1
                    continue
                if result[0] == "fatal":
                    fatal = KhabarError(result[2])
                    fatal.exit_code = result[1]
                    raise fail(fatal)
                err = RecordError(str(result[1]), line=lineno)
            if not skip_bad:
                raise fail(err)
            bad += 1
            typer.echo(f"khabar: skipped: {err}", err=True)

    try:
        with open_jsonl(path) as stream:
            for lineno, item in iter_jsonl(stream):
                if isinstance(item, RecordError):
                    runner.put((lineno, item))
                else:
                    runner.put((lineno, None), _extract_job, (lineno, item, fmt, min_conf))
                take(runner.ready())
        take(runner.drain())
    finally:
        if pool is not None:
            pool.close()
        if progress is not None:
            progress.stop()
    if bad:
        typer.echo(f"khabar: extract: {done + bad:,} read, {done:,} extracted, {bad:,} failed (skipped)", err=True)
        return EXIT_SOME_INPUTS_FAILED
    return 0
