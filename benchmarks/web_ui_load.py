"""How long the web UI takes to show its views in headless Chromium, on a database you give.

    python benchmarks/web_ui_load.py --db sqlite:///benchmarks/out/api_load.db [--runs 3] [--chromium PATH]

Starts the real app (uvicorn) on a free port of 127.0.0.1 in this process, drives Debian's Chromium through
Playwright (the system executable; HOME is a temporary folder) and prints, per view and as the median of the runs:
the time from navigation until the view has drawn (map: basemap, events, markers and timeline drawn; event page;
article page), with the events fetched and the markers placed. Stops the server at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="database URL (an existing khabar database)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default=os.environ.get("KHABAR_CHROMIUM") or shutil.which("chromium"))
    ap.add_argument("--static", type=Path, action="append", default=[],
                    help="serve this copy of khabar/web/static instead (repeat to compare versions in one run)")
    args = ap.parse_args()
    if not args.chromium:
        sys.exit("web_ui_load: no Chromium executable (apt-get install chromium, or --chromium PATH)")

    import khabar.api.app as api_app

    for static in args.static or [None]:
        if static is not None:
            api_app.web_static_dir = lambda static=static: static  # type: ignore[assignment]
        run(api_app.create_app(args.db), args, label=str(static or "packaged"))


def run(app: object, args: argparse.Namespace, *, label: str) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    timings: dict[str, list[float]] = {"map": [], "event page": [], "article page": []}
    info: dict[str, str] = {}
    try:
        with tempfile.TemporaryDirectory() as home, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"],
                                        env={**os.environ, "HOME": home})
            for _ in range(args.runs):
                ctx = browser.new_context(viewport={"width": 1280, "height": 860}, bypass_csp=True)
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(base + "/#/")
                page.wait_for_function("document.body.dataset.loaded !== undefined && "
                                       "document.querySelector('#map').dataset.basemap === 'ready'", timeout=300_000)
                timings["map"].append(time.perf_counter() - t0)
                info["events fetched"] = page.evaluate("document.querySelector('#events').dataset.rows")
                info["markers"] = page.evaluate("document.querySelector('#map').dataset.markers")
                info["count"] = page.locator("#count").inner_text()
                ref = page.locator("#events tbody tr[data-ref]").first.get_attribute("data-ref") or ""
                t0 = time.perf_counter()
                page.goto(base + "/#/event/" + ref)
                page.wait_for_function("(document.body.dataset.page || '').startsWith('event:')", timeout=60_000)
                timings["event page"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                page.click("#article-link")
                page.wait_for_function("(document.body.dataset.page || '').startsWith('article:')", timeout=60_000)
                timings["article page"].append(time.perf_counter() - t0)
                ctx.close()
            browser.close()
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
    print(f"web_ui_load: {label} on {args.db}: {info.get('count', '?')}, "
          f"{info.get('events fetched')} events in the table, {info.get('markers')} markers; "
          f"median of {args.runs} runs")
    for view, values in timings.items():
        print(f"  {view:13s} {statistics.median(values):6.2f} s  (min {min(values):.2f}, max {max(values):.2f})")


if __name__ == "__main__":
    main()
