"""A real browser for the reader-facing gates: Debian's Chromium driven by Playwright, the built
site served over HTTP on 127.0.0.1, and the checks each gate runs (so that the tests of the gates
themselves, on deliberately broken copies, use exactly the same code)."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import threading
import urllib.request
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


class _ProductionHandler(_QuietHandler):
    """Serves as a production web server would: gzip for text, long caching for hashed assets."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".xml", ".svg")
        if not (path.is_file() and compressible and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, port: int = 0, production: bool = False) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (with gzip and caching headers when `production`); yields the base URL."""
    handler = functools.partial(_ProductionHandler if production else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def answers(url: str) -> bool:
    """Whether a server answers `url` with a page (for waiting until `evalsite serve` is up)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


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
