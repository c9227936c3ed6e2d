"""Browser tests of the web UI: a database of 50 real articles plus one hostile one, the real app served by uvicorn
on 127.0.0.1 (a free port, in a thread), and Debian's Chromium driven by Playwright (never `playwright install`).

Skipped with a message when Playwright, a Chromium executable, the serve extra or ../shared/data is missing.
Screenshots go to ``$KHABAR_ARTIFACTS`` (default ``build/test-artifacts/web`` in the repository).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, shared_path

N_ARTICLES = 50
XSS_ID = "xss-probe"
# Every string the API returns for this article would run script if it were ever parsed as HTML.
XSS_ARTICLE = {
    "id": XSS_ID,
    "source": '<script>window.__khabar_xss="outlet"</script>"><img src=x onerror="window.__khabar_xss=\'outlet-img\'">',
    "url": "javascript:window.__khabar_xss='url'",
    "date_extracted": "2015-07-20 10:00:00",
    "title": "هجوم على حاجز للجيش في حلب <script>window.__khabar_xss='title'</script>",
    "content": (
        "قال مصدر أمني لـ\"<img src=x onerror=window.__khabar_xss='evidence'>\" إن مسلحين هاجموا حاجزاً للجيش "
        "في مدينة حلب يوم الأحد، ما أدى إلى مقتل خمسة جنود. \"><img src=x onerror=\"window.__khabar_xss='body'\"> "
        "وأضاف المصدر أن <script>window.__khabar_xss='script'</script> الاشتباكات استمرت ساعتين في ريف حلب الشمالي."
    ),
}


def chromium_path() -> str | None:
    """The system Chromium: $KHABAR_CHROMIUM, else Debian's chromium on PATH."""
    env = os.environ.get("KHABAR_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def artifacts_dir() -> Path:
    path = Path(os.environ.get("KHABAR_ARTIFACTS") or ROOT / "build" / "test-artifacts" / "web")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """SQLite database ingested from the first 50 conflict articles plus the hostile article."""
    corpus = shared_path("news", "saudinewsnet", "conflict_subset.jsonl")
    from khabar.ingest.run import Ingestor
    from khabar.store import open_store

    folder = tmp_path_factory.mktemp("web")
    src = folder / "articles.jsonl"
    with corpus.open(encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= N_ARTICLES:
                break
            out.write(line)
        out.write(json.dumps(XSS_ARTICLE, ensure_ascii=False) + "\n")
    url = f"sqlite:///{folder / 'web.db'}"
    with open_store(url) as store:
        stats = Ingestor(store).ingest([str(src)])
    assert stats.new == N_ARTICLES + 1, stats.errors
    return url


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(web_db: str) -> Iterator[str]:
    """The real app (``khabar.api.app.create_app``) served by uvicorn in a thread; its base URL."""
    uvicorn = pytest.importorskip("uvicorn", reason="the serve extra (uvicorn) is not installed")
    pytest.importorskip("fastapi", reason="the serve extra (fastapi) is not installed")
    from khabar.api.app import create_app

    port = _free_port()
    app = create_app(web_db)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the khabar app did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -e '.[dev]')")
    exe = chromium_path()
    if exe is None:
        pytest.skip("no Chromium executable (apt-get install chromium, or set KHABAR_CHROMIUM); browser tests skipped")
    home = tmp_path_factory.mktemp("chromium-home")  # Chromium writes ~/.config and ~/.cache
    env = {**os.environ, "HOME": str(home)}
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"], env=env)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page (English UI, CSP off) that fails the test on any uncaught JavaScript error."""
    # bypass_csp: the page's Content-Security-Policy would block injected script on its own; the tests must show
    # that nothing from the data is ever parsed as HTML, so the policy is switched off for them (Playwright's
    # wait_for_function also needs eval, which the policy forbids).
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US", bypass_csp=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.base = server  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
