"""The Typer application object and the helper that turns a KhabarError into its exit code."""

from __future__ import annotations

import typer

from khabar.errors import KhabarError

app = typer.Typer(
    name="khabar",
    help="Arabic news reports to structured, source-attributed event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(exc: KhabarError) -> typer.Exit:
    """Print a one-line error and return the Exit carrying its documented code."""
    typer.echo(f"khabar: error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


@app.callback()
def _root() -> None:
    """Arabic news reports to structured, source-attributed event data.

    Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 bad input (empty, not Arabic, binary,
    invalid UTF-8, too large, missing file), 4 malformed JSONL record, 5 pipeline error,
    6 missing or broken packaged resource, 7 database error, 8 a score below its floor
    (eval --floors), 77 evaluation data absent, 130 interrupted.
    """
