"""The preview as an author uses it, in Chromium: a save that breaks the content shows its problems on the
open page, each as `path:line`, over the last good build; the fix takes them away and the page shows it."""
from __future__ import annotations

import signal

import pytest

from .browser import answers
from .conftest import _free_port
from .test_interrupt import _project, _start, _wait_for

pytestmark = pytest.mark.browser
EV = "evaluations/wsm-2022-2026-midterm"


@pytest.fixture
def preview(tmp_path):
    project = _project(tmp_path)
    port = _free_port()
    server = _start(["serve", "--port", str(port)], project)
    url = f"http://127.0.0.1:{port}/"
    _wait_for(lambda: answers(f"{url}en/"), timeout=300)
    yield project, url
    server.send_signal(signal.SIGTERM)
    server.communicate(timeout=60)


def test_a_content_error_shows_on_the_open_page_until_it_is_fixed(preview, page):
    project, url = preview
    page.goto(f"{url}en/{EV}/recommendations/r2/")
    title = page.inner_text("h1")
    recommendations = project / "content" / EV / "recommendations.yml"
    good = recommendations.read_text(encoding="utf-8")
    broken = good.replace("title:", "titel:", 1)
    line = good[:good.index("title:")].count("\n") + 1
    recommendations.write_text(broken, encoding="utf-8")
    alert = page.locator("[role=alert]")
    alert.wait_for(timeout=60000)
    text = alert.inner_text()
    assert "in the content; this page is the last good build" in text
    assert f"content/{EV}/recommendations.yml:{line}: unknown key 'titel'" in text  # path:line, as `check` says it
    assert page.inner_text("h1") == title  # the last good page stays underneath
    recommendations.write_text(good, encoding="utf-8")
    _wait_for(lambda: page.locator("[role=alert]").count() == 0, timeout=60)
    assert page.inner_text("h1") == title
