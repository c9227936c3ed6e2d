"""Atomic output files: written beside the target under a temporary name and renamed at the end.

A failed or interrupted write never truncates or half-writes an existing file, and the temporary file is
always removed. A target that exists and is not a regular file (``/dev/stdout``, a FIFO) is written in
place. Paths that cannot be written give an ``OutputError`` with a one-line message.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from khabar.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: Path) -> None:
    """Raise ``OutputError`` unless ``path`` can be created or replaced (checked before any work is done)."""
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{parent}: no such directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{parent}: permission denied")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: permission denied")


@contextmanager
def atomic_write(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """An open file (UTF-8 text, or bytes with ``binary``) whose content replaces ``path`` when the block ends
    without an exception; on any exception (Ctrl-C too) ``path`` is left as it was."""
    path = Path(path)
    check_writable(path)
    if path.exists() and not path.is_file():
        # /dev/stdout, a FIFO, a terminal: written in place, never replaced (renaming over a device node would
        # remove it)
        try:
            with path.open("wb") if binary else path.open("w", encoding="utf-8", newline="") as fh:
                yield fh
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it private)
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
