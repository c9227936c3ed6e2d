"""``khabar ingest``: read articles from files, directories, feeds, archives or URLs into a database."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer

from khabar.cli.app import app, fail
from khabar.errors import EXIT_SOME_INPUTS_FAILED, InputError, KhabarError, UsageError
from khabar.store.url import DEFAULT_URL


def _progress() -> Any:
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            elapsed = task.elapsed or 0.0
            rate = task.completed / elapsed if elapsed > 0 else 0.0
            return Text(f"{rate:,.1f} articles/s")

    return Progress(
        SpinnerColumn(),
        TextColumn("ingest"),
        TextColumn("{task.completed:,} articles"),
        TextColumn("[green]{task.fields[new]:,} stored[/] {task.fields[skipped]:,} skipped"),
        TextColumn("[red]{task.fields[failed]:,} failed"),
        RateColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=_console(),
    )


def _console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def ingest(
    targets: Annotated[
        list[str] | None, typer.Argument(help="Directories, .txt/.html files, JSONL, RSS/Atom feeds, WARC files, URLs.")
    ] = None,
    db: Annotated[str, typer.Option("--db", help="Database URL (sqlite:///FILE or postgresql://…).")] = DEFAULT_URL,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every article (overrides the input's).")] = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Re-extract stored articles made by another pipeline version.")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Let URLs reach loopback, private and link-local addresses."),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Worker processes extracting articles (default: the number of cores)."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="SCHEDULER", help="Run on a Dask cluster (tcp://host:8786), khabar[dask]."),
    ] = None,
) -> None:
    """Extract and store articles; already stored ones are skipped, so an interrupted run resumes.

    A bad article or JSONL line is reported with its origin (FILE:LINE) and the run goes on; the exit
    code is then 9 (some inputs failed).

    Example: khabar ingest news/ feed.rss articles.jsonl --db sqlite:///khabar.db
    """
    from khabar.ingest.run import Ingestor
    from khabar.ingest.sources import is_url, scheme_error
    from khabar.input_checks import not_a_file
    from khabar.parallel import default_workers
    from khabar.store.db import open_store
    from khabar.store.url import check_writable_url

    targets = targets or []
    if not targets and not reprocess:
        raise fail(UsageError("no input: give files, directories, feeds, archives or URLs (or --reprocess)"))
    for target in targets:
        if not is_url(target) and not Path(target).exists():
            raise fail(scheme_error(target) or InputError(f"{target}: no such file or directory"))
        if not is_url(target) and not Path(target).is_dir() and (err := not_a_file(Path(target))) is not None:
            raise fail(err)
    try:
        check_writable_url(db)
    except KhabarError as exc:
        raise fail(exc) from None

    if dask is not None:
        if reprocess:
            raise fail(InputError("--dask ingests new input; run --reprocess without --dask"))
        raise typer.Exit(_ingest_dask(dask, targets, db, outlet))

    stop = {"flag": False}

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stop["flag"]:  # a second Ctrl-C stops at once (the current article is not committed)
            raise KeyboardInterrupt
        stop["flag"] = True

    tty = sys.stderr.isatty()
    progress = _progress() if tty else None
    task = None

    def report(origin: str, outcome: str, error: str | None) -> None:
        if error:
            msg = f"khabar: failed: {error if error.startswith(origin) else f'{origin}: {error}'}"
            if progress is not None:
                progress.console.print(msg, markup=False, highlight=False)
            else:
                typer.echo(msg, err=True)
        if progress is not None:
            st = ingestor.stats
            progress.update(task, advance=1, new=st.new + st.updated, skipped=st.skipped, failed=st.failed)

    old_int = signal.signal(signal.SIGINT, on_signal)
    old_term = signal.signal(signal.SIGTERM, on_signal)
    started = time.perf_counter()
    try:
        store = open_store(db)
        try:
            ingestor = Ingestor(store, reprocess=reprocess, report=report, should_stop=lambda: stop["flag"],
                                workers=workers or default_workers())
            if progress is not None:
                progress.start()
                task = progress.add_task("ingest", total=None, new=0, skipped=0, failed=0)
            try:
                if targets:
                    ingestor.ingest(targets, outlet=outlet, allow_private=allow_private)
                elif reprocess:
                    ingestor.reprocess_stored()
            finally:
                ingestor.close()
                if progress is not None:
                    progress.stop()
        finally:
            store.close()
    except KhabarError as exc:
        raise fail(exc) from None
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
    stats = ingestor.stats
    elapsed = time.perf_counter() - started
    rate = stats.seen / elapsed if elapsed > 0 else 0.0
    line = f"khabar: ingest: {stats.summary()} ({elapsed:.1f} s, {rate:,.1f} articles/s)"
    if stats.interrupted:
        line += "; interrupted, rerun the same command to resume"
    typer.echo(line, err=True)
    if stats.interrupted:
        raise typer.Exit(130)
    if stats.failed:
        raise typer.Exit(EXIT_SOME_INPUTS_FAILED)


def _ingest_dask(address: str, targets: list[str], db: str, outlet: str | None) -> int:
    """``khabar ingest --dask``: partitions of articles extracted and stored by the cluster's workers."""
    from khabar.errors import StoreError

    try:
        from distributed import Client

        import khabar.dask as kd
    except ImportError:
        raise fail(KhabarError("Dask is not installed: pip install 'khabar[dask]'")) from None
    if db.startswith("sqlite") or "://" not in db:
        typer.echo("khabar: note: every Dask worker must reach the database; use PostgreSQL across machines",
                   err=True)
    stop = {"flag": False}

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stop["flag"]:
            raise KeyboardInterrupt
        stop["flag"] = True

    old_int = signal.signal(signal.SIGINT, on_signal)
    started = time.perf_counter()
    try:
        try:
            client = Client(address, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise fail(KhabarError(f"cannot reach the Dask scheduler at {address}: {exc}")) from None
        try:
            stats = kd.ingest(client, targets, db, outlet=outlet, should_stop=lambda: stop["flag"])
        except StoreError as exc:
            raise fail(exc) from None
        finally:
            client.close()
    finally:
        signal.signal(signal.SIGINT, old_int)
    for error in stats.errors:
        typer.echo(f"khabar: failed: {error}", err=True)
    elapsed = time.perf_counter() - started
    rate = stats.seen / elapsed if elapsed > 0 else 0.0
    line = f"khabar: ingest: {stats.summary()} ({stats.seen:,} articles in {elapsed:.1f} s, {rate:,.1f}/s, Dask)"
    if stats.interrupted:
        line += "; interrupted, rerun the same command to resume"
    typer.echo(line, err=True)
    if stats.interrupted:
        return 130
    return EXIT_SOME_INPUTS_FAILED if stats.errors else 0
