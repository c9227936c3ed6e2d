"""The Typer application object and the helper that turns a KhabarError into its exit code."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from khabar.errors import KhabarError

app = typer.Typer(
    name="khabar",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(exc: KhabarError) -> typer.Exit:
    """Print a one-line error and return the Exit carrying its documented code."""
    typer.echo(f"khabar: error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def _flags_as_flags() -> None:
    """Typer 0.29 shows every on/off flag with a ``<bool>`` value column in its help, as if the flag took a value
    (``--skip-bad <bool>``); a flag takes none, so its type column is left empty."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich
    if getattr(shown, "_khabar_flags", False):
        return

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        return None if getattr(self, "is_flag", False) else shown(self, ctx)

    display_type_rich._khabar_flags = True  # type: ignore[attr-defined]  # a marker on the patched function
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]  # Typer patched: see the docstring


_flags_as_flags()


def _version(value: bool) -> None:
    if value:
        from khabar.about import __version__

        typer.echo(f"khabar {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the khabar version and exit."),
    ] = False,
) -> None:
    """Arabic news reports to structured, source-attributed event data.

    Exit codes (the README's table is the full list):
    0 ok; 1 unexpected error; 2 usage error;
    3 bad input (missing file, a directory or FIFO, empty, not Arabic, binary, invalid UTF-8, too large);
    4 malformed JSONL line; 5 pipeline error; 6 missing or broken packaged resource; 7 database error;
    8 a score below its floor (eval --floors); 9 some inputs failed (reported; the others were processed);
    77 evaluation data absent; 130 interrupted.

    Example: khabar extract article.txt --format text
    """
