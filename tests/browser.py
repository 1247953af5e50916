"""A real browser for the reader-facing gates: Debian's Chromium driven by Playwright, the built
site served over HTTP on 127.0.0.1, and the checks each gate runs (so that the tests of the gates
themselves, on deliberately broken copies, use exactly the same code)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    """Skip locally without Chromium, with the fix; never skip in CI."""
    if CHROMIUM.exists():
        return
    message = "Debian's chromium is missing: install it with `sudo apt-get install chromium` (make test does, as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def axe_violations(page, url: str) -> list[str]:
    """axe-core's violations on the page at `url`, as `rule: target` lines."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url)
    results = Axe().run(page)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


def foreign_requests(context, url: str) -> list[str]:
    """Requests a page makes to any host but its own, and cookies it sets."""
    own = urlsplit(url).netloc
    seen: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: seen.append(request.url))
    page.goto(url, wait_until="networkidle")
    page.close()
    foreign = [u for u in seen if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own]
    return foreign + [f"cookie {c['name']}" for c in context.cookies()]


def switch_language(page, url: str, to: str) -> str:
    """Open `url`, choose language `to` in the switcher with the mouse, and return where it lands."""
    page.goto(url)
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang='{to}']")
    page.wait_for_load_state()
    return page.url
