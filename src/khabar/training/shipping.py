"""Writing a retrained model file, or checking that a retrain reproduces the shipped one byte for byte."""

from __future__ import annotations

from pathlib import Path

from khabar.atomicfile import atomic_write


def write_or_check(text: str, shipped: Path, out: Path, *, check: bool, what: str, done: str) -> int:
    """With ``check``, compare ``text`` with ``shipped`` (exit status 0 when equal, 1 otherwise); else write it
    to ``out`` atomically (an interrupted run leaves the file as it was) and print ``done``."""
    if check:
        same = shipped.is_file() and shipped.read_text(encoding="utf-8") == text
        print(f"{what} reproduced byte for byte" if same else f"{shipped} differs from a retrain")
        return 0 if same else 1
    with atomic_write(out) as fh:
        fh.write(text)
    print(done)
    return 0
