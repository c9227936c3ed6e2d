"""Command-line interface: thin Typer commands over library functions (entry point ``khabar``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from khabar.cli.app import app
from khabar.errors import KhabarError

# Every module of this package except ``app`` defines commands and registers them on ``app``.
for _mod in pkgutil.iter_modules(__path__):
    if _mod.name != "app":
        importlib.import_module(f"{__name__}.{_mod.name}")


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
