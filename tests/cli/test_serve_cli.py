"""``khabar serve`` as a process: it answers on 127.0.0.1, stops on Ctrl-C, and refuses a missing database."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="khabar serve needs the serve extra (pip install -e '.[dev]')")

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _health(proc: subprocess.Popen[bytes], port: int) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/health")
            body: dict = json.loads(conn.getresponse().read())
            return body
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.3)
    raise AssertionError("no answer from /health within 60 s")


def _children(pid: int) -> set[int]:
    # Every process below pid (Linux /proc), or an empty set elsewhere.
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids = [int(c) for c in task.read_text().split()]
        except OSError:  # the thread or process ended meanwhile
            continue
        for child in kids:
            out |= {child} | _children(child)
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return ""


def test_serve_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "khabar", "serve", "--db", f"sqlite:///{tmp_path / 'k.db'}", "--create",
         "--port", str(port)], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        body = _health(proc, port)
        assert body["status"] == "ok" and body["articles"] == 0
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_with_two_worker_processes(tmp_path: Path) -> None:
    # --workers 2: uvicorn's supervisor and two processes built by the factory khabar.api.app:app_from_env; both
    # answer, and Ctrl-C stops all of them with exit 0.
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "khabar", "serve", "--db", f"sqlite:///{tmp_path / 'k.db'}", "--create",
         "--port", str(port), "--workers", "2", "--threads", "2"], env=_env(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        body = _health(proc, port)
        assert body["status"] == "ok" and body["articles"] == 0
        workers: set[int] = set()
        if Path("/proc").is_dir():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len(workers) < 2:
                workers = {p for p in _children(proc.pid) if "resource_tracker" not in _cmdline(p)}
                time.sleep(0.2)
            assert len(workers) == 2, workers
        for _ in range(6):
            assert _health(proc, port)["status"] == "ok"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0, proc.stderr.read().decode() if proc.stderr else ""
        for pid in workers:
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "khabar", "serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"],
                       env=_env(), capture_output=True, text=True, timeout=120)
    assert r.returncode == 7
    assert r.stderr.strip() == f"khabar: error: no database at {tmp_path / 'none.db'} (make one with khabar ingest)"
