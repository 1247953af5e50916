"""Shared fixtures: a writable copy of the bundled content, and one whole-site build per session."""
from __future__ import annotations

import datetime
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from evalsite.build import BuildOptions, build
from evalsite.build.project import load_project
from evalsite.content.load import load_site
from evalsite.model import Site

from .browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PROJECT = load_project(ROOT / "evalsite.yml")  # this repository is a site project: its evalsite.yml names the site


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The address the test site is built for and served at: a free port, so a test run never collides
# with a preview or another run on the same machine.
SITE_URL = f"http://127.0.0.1:{_free_port()}/"


@pytest.fixture(scope="session")
def site_model() -> Site:
    return load_site(CONTENT)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the bundled content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole bundled site, built once, as published at SITE_URL; its work folder (the generated
    trees) is beside it."""
    base = tmp_path_factory.mktemp("build")
    out = base / "site"
    build(CONTENT, BuildOptions(out_dir=out, site_url=SITE_URL, work_dir=base / "work", project=PROJECT))
    return out


SYNTHETIC_EVALUATIONS = 2  # one management response and one full report, as the benchmark's corpus makes them
SYNTHETIC_AS_OF = datetime.date(2026, 11, 23)


@pytest.fixture(scope="session")
def synthetic_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small corpus from the benchmark's generator (bench/corpus.py): invented words in three
    languages, every kind of page, shapes the bundled content does not have."""
    from bench.corpus import write_corpus

    content = tmp_path_factory.mktemp("synthetic") / "content"
    write_corpus(content, SYNTHETIC_EVALUATIONS)
    return content


@pytest.fixture(scope="session")
def synthetic_site(synthetic_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic corpus built with MkDocs; its work folder (the generated trees) is beside it."""
    base = tmp_path_factory.mktemp("synthetic-build")
    build(synthetic_content, BuildOptions(out_dir=base / "site", site_url=SITE_URL, work_dir=base / "work", as_of=SYNTHETIC_AS_OF,
                                          project=PROJECT))
    return base / "site"


MANAGEMENT_RESPONSE = ROOT / "tests" / "fixtures" / "management-response"
MANAGEMENT_RESPONSE_AS_OF = datetime.date(2021, 7, 31)


@pytest.fixture(scope="session")
def management_response_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The management-response fixture (dates to the month, quarter or year), built as of 2021-07-31."""
    base = tmp_path_factory.mktemp("management-response")
    build(MANAGEMENT_RESPONSE, BuildOptions(out_dir=base / "site", site_url=SITE_URL, work_dir=base / "work",
                                            as_of=MANAGEMENT_RESPONSE_AS_OF))
    return base / "site"


@pytest.fixture(scope="session")
def base_url(built_site):
    """The built site served where it was built for (SITE_URL), so absolute links are its own."""
    with serve(built_site, port=urlsplit(SITE_URL).port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10000)
    return page
