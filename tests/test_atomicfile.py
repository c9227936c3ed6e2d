"""Atomic output files: replaced only on success, temporary files always removed, clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khabar.atomicfile import atomic_write
from khabar.errors import OutputError


def test_written_on_success_and_nothing_left_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with atomic_write(target) as fh:
        fh.write("سطر\n")
    assert target.read_text(encoding="utf-8") == "سطر\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    assert (target.stat().st_mode & 0o777) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_a_failed_write_keeps_the_old_file(tmp_path: Path, error: type[BaseException]) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(error), atomic_write(target) as fh:
        fh.write("half")
        raise error()
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_binary(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "x.parquet", binary=True) as fh:
        fh.write(b"PAR1")
    assert (tmp_path / "x.parquet").read_bytes() == b"PAR1"


@pytest.mark.parametrize(
    ("where", "message"),
    [("dir", "is a directory"), ("missing/x.json", "no such directory")],
)
def test_paths_that_cannot_be_written(tmp_path: Path, where: str, message: str) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(OutputError, match=message), atomic_write(tmp_path / where):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"), atomic_write(ro / "x.json"):
            pass
    finally:
        ro.chmod(0o700)


def test_a_folder_the_system_refuses(tmp_path: Path) -> None:
    # /proc refuses new files even for root: the error is an OutputError, not a traceback
    with pytest.raises(OutputError, match="/proc"), atomic_write(Path("/proc/khabar-test.json")):
        pass


def test_a_device_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    # Renaming the temporary file over /dev/full would replace the device node (as root, nothing stops it).
    with pytest.raises(OutputError, match="/dev/full: cannot write"), atomic_write(Path("/dev/full")) as fh:
        fh.write("x" * 100_000)
    assert Path("/dev/full").is_char_device()


def test_a_fifo_target_is_written_into_not_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    with atomic_write(fifo) as fh:
        fh.write("سطر\n")
    reader.join(timeout=10)
    assert got == ["سطر\n"] and fifo.is_fifo()
