"""A site built without a site URL and published under a sub-path, as on GitHub or GitLab Pages:
relative addresses everywhere, no absolute one (above all no loopback address), readable by a web
server running as another user, and nothing the site does not use."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from evalsite.build import BuildOptions, build
from evalsite.build.project import check_site_url
from evalsite.i18n import Catalogs
from evalsite.pages import root
from evalsite.paths import TEMPLATES

from .conftest import CONTENT, PROJECT
from .sitecheck import broken_links, html_pages, page, switcher_mismatches

LANGS = ("nl", "fr", "en")
PREFIX = "/pub/evaluations/"  # where the test server publishes the site
EV = "evaluations/wsm-2022-2026-midterm"
LOOPBACK = re.compile(rb"127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0")


@pytest.fixture(scope="module")
def relative_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content built with no site URL, under the usual umask."""
    base = tmp_path_factory.mktemp("relative")
    mask = os.umask(0o022)
    try:
        build(CONTENT, BuildOptions(out_dir=base / "site", site_url=None, work_dir=base / "work", project=PROJECT))
    finally:
        os.umask(mask)
    return base / "site"


def test_no_broken_link_and_the_switcher_goes_to_the_same_page(relative_site):
    assert broken_links(relative_site) == []
    assert switcher_mismatches(relative_site, LANGS) == []


def test_no_absolute_address_without_a_site_url(relative_site):
    found = [str(path.relative_to(relative_site)) for path in relative_site.rglob("*") if path.is_file() and LOOPBACK.search(path.read_bytes())]
    assert found == []
    for path in html_pages(relative_site):
        info = page(path)
        assert info.alternates == {} and "og:url" not in info.meta, path
        assert not [href for href in info.links + info.resources if href.startswith("/")], path  # root-relative: wrong under a sub-path
    assert not list(relative_site.rglob("sitemap.xml*")) and not list(relative_site.rglob("feed.xml"))
    assert "Sitemap" not in (relative_site / "robots.txt").read_text(encoding="utf-8")
    assert b"URL:" not in (relative_site / "en" / "calendar.ics").read_bytes()  # events without a link
    assert "How to cite" in (relative_site / "en" / EV / "index.html").read_text(encoding="utf-8")


def test_folders_and_files_are_readable_by_a_web_server_running_as_another_user(relative_site):
    modes = {stat.S_IMODE(path.stat().st_mode) for path in [relative_site, *relative_site.rglob("*")] if path.is_dir()}
    assert modes == {0o755}
    modes = {stat.S_IMODE(path.stat().st_mode) for path in relative_site.rglob("*") if path.is_file()}
    assert modes == {0o644}


def test_no_unused_theme_scripts_or_source_maps(relative_site):
    for lang in LANGS:
        scripts = relative_site / lang / "assets" / "javascripts"
        assert not (scripts / "lunr").exists() and not (scripts / "workers").exists()
        assert list(scripts.glob("bundle.*.min.js"))  # what Material's pages do use stays
    assert list(relative_site.rglob("*.map")) == []
    assert not list(relative_site.rglob("search_index.json")) and not list(relative_site.rglob("search.json"))


def test_the_public_address_comes_from_the_site_url_only():
    assert check_site_url("https://evaluations.example.org/sub/") is None
    for url in ("http://127.0.0.1:8000/", "http://localhost/", "http://[::1]/", "evaluations.example.org", "https://x.org/?a=1"):
        assert check_site_url(url), url


def test_root_pages_link_from_the_site_urls_path_on_the_404_page_only(tmp_path):
    catalogs = Catalogs()
    identities = {lang: PROJECT.identity(lang, catalogs) for lang in LANGS}
    for name, text in root.root_pages((TEMPLATES,), catalogs, identities, "https://example.org/evaluations/").items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert page(tmp_path / "index.html").links == ["nl/", "fr/", "en/"]
    assert page(tmp_path / "index.html").alternates["x-default"] == "https://example.org/evaluations/"
    assert page(tmp_path / "404.html").links == ["/evaluations/nl/", "/evaluations/fr/", "/evaluations/en/"]
    assert "https://example.org/evaluations/en/sitemap.xml" in (tmp_path / "sitemap.xml").read_text(encoding="utf-8")


class _UnderPrefix(http.server.SimpleHTTPRequestHandler):
    """Serves the site at PREFIX only, as a Pages host serves a project's site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _served_under_prefix(directory: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_UnderPrefix, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_under_a_sub_path_the_language_choice_switcher_and_search_work(relative_site, page):
    with _served_under_prefix(relative_site) as base:
        failed: list[str] = []
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(base)
        page.click("a[hreflang='en']")
        assert page.url == f"{base}en/"
        page.goto(f"{base}en/{EV}/recommendations/r2/")
        page.hover(".md-header__option .md-select")
        page.click(".md-select__link[hreflang='fr']")
        page.wait_for_url(f"{base}fr/{EV}/recommendations/r2/")
        page.fill(".md-search__input", "désinformation")
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=30000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert f"{urlsplit(base).path}fr/{EV}/recommendations/r7/" in [urlsplit(href).path for href in hrefs], hrefs
        results.first.click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{base}fr/")
        assert failed == []
