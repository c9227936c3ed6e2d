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


def test_serve_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "khabar", "serve", "--db", f"sqlite:///{tmp_path / 'k.db'}", "--create",
         "--port", str(port)], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/health")
                body = json.loads(conn.getresponse().read())
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                time.sleep(0.3)
        assert body is not None and body["status"] == "ok" and body["articles"] == 0
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "khabar", "serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"],
                       env=_env(), capture_output=True, text=True, timeout=120)
    assert r.returncode == 7
    assert r.stderr.strip() == f"khabar: error: no database at {tmp_path / 'none.db'} (make one with khabar ingest)"
