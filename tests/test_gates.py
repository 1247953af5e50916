"""The gates themselves are tested: a deliberately broken copy of the built site must fail each one."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browser import axe_violations, foreign_requests, serve
from .conftest import SITE_URL
from .sitecheck import broken_links, foreign_resources, switcher_mismatches

REC = Path("en/evaluations/wsm-2022-2026-midterm/recommendations/r2/index.html")


@pytest.fixture
def broken(built_site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def inject(site: Path, where: str, html: str, page_path: Path = REC) -> None:
    path = site / page_path
    text = path.read_text(encoding="utf-8")
    assert where in text
    path.write_text(text.replace(where, where + html, 1), encoding="utf-8")


def test_a_dangling_internal_link_is_caught(broken):
    inject(broken, '<div class="es-text">', '<p><a href="../../actions/99.9/">gone</a> <a href="../r6/#nowhere">x</a></p>')
    found = broken_links(broken)
    assert len(found) == 2 and "99.9" in found[0] + found[1] and "#nowhere" in found[0] + found[1]


def test_a_third_party_stylesheet_is_caught(broken, context):
    inject(broken, "</title>", '<link rel="stylesheet" href="https://cdn.example.org/theme.css">')
    assert foreign_resources(broken, urlsplit(SITE_URL).netloc) == [f"{REC}: https://cdn.example.org/theme.css"]
    with serve(broken) as base:
        assert "https://cdn.example.org/theme.css" in foreign_requests(context, base + str(REC).removesuffix("index.html"))


def test_an_image_without_alt_text_is_caught(broken, page):
    inject(broken, '<div class="es-text">', '<p><img src="../../../../../assets/images/favicon.png"></p>')
    with serve(broken) as base:
        assert any(v.startswith("image-alt") for v in axe_violations(page, base + str(REC).removesuffix("index.html")))


def test_a_switcher_link_to_the_wrong_page_is_caught(broken):
    path = broken / REC
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r'href="([^"]*)fr/evaluations/[^"]*" hreflang="fr"', r'href="\1fr/" hreflang="fr"', text)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    assert switcher_mismatches(broken, ("nl", "fr", "en")) == [f"en/{REC.relative_to('en')}: fr → ../../../../../fr/"]
