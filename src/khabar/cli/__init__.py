"""Command-line interface: thin Typer commands over library functions (entry point ``khabar``)."""

from __future__ import annotations

import sys

import typer

# Each command module registers itself on ``app`` when imported; one line per module.
from khabar.cli import extract as _extract  # noqa: F401
from khabar.cli.app import app
from khabar.errors import KhabarError


def main() -> None:
    try:
        app()
    except KhabarError as exc:  # an error a command did not turn into an exit code itself
        typer.echo(f"khabar: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("khabar: interrupted", err=True)
        sys.exit(130)


__all__ = ["app", "main"]
