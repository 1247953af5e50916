"""A shared link says what it leads to: every page's title is unique in its language and names its
evaluation, the link preview states the position and the actions' status, and each evaluation has a
preview picture drawn at build time."""
from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest
from PIL import Image

from .conftest import SITE_URL
from .sitecheck import page

LANGS = ("nl", "fr", "en")
EV = "evaluations/wsm-2022-2026-midterm"
FINAL = "evaluations/fos-solsoc-ifsi-2017-2021-final"


@pytest.mark.parametrize("lang", LANGS)
def test_titles_and_link_previews_are_unique_in_a_language(built_site, lang):
    pages = [page(path) for path in sorted((built_site / lang).rglob("*.html"))]
    titles = Counter(info.title for info in pages)
    previews = Counter(info.meta["og:title"][0] for info in pages if "og:title" in info.meta)
    assert [t for t, n in titles.items() if n > 1] == []
    assert [t for t, n in previews.items() if n > 1] == []
    assert len(previews) >= len(pages) - 1  # every page but the 404 page has a preview


def test_a_recommendation_preview_names_the_evaluation_position_and_status(built_site):
    info = page(built_site / "en" / EV / "recommendations" / "r7" / "index.html")
    assert info.title.startswith("Recommendation 7 · WSM midterm evaluation 2022-2026 · ")
    assert info.meta["og:title"] == ["Recommendation 7 · WSM midterm evaluation 2022-2026"]
    assert info.meta["og:description"][0].startswith("Position: Partially agree. 3 key actions: 3 with no status published.")
    grouped = page(built_site / "en" / FINAL / "recommendations" / "policy-1" / "index.html")
    assert grouped.meta["og:title"] == ["Recommendation 1 (effectiveness of policy work) · FOS-Solsoc-IFSI final evaluation 2017-2021"]
    assert grouped.meta["og:description"][0].startswith("No management response published.")
    french = page(built_site / "fr" / EV / "recommendations" / "r1" / "index.html")
    assert french.meta["og:description"][0].startswith("Position\u202f: D'accord.")


@pytest.mark.parametrize("lang", LANGS)
def test_each_evaluation_has_a_preview_picture(built_site, lang):
    for slug in (EV, FINAL):
        info = page(built_site / lang / slug / "recommendations" / "index.html")
        image = info.meta["og:image"][0]
        assert image == f"{SITE_URL}{lang}/{slug}/preview.png"
        assert info.meta["twitter:card"] == ["summary_large_image"]
        with Image.open(built_site / urlsplit(image).path.lstrip("/")) as picture:
            assert picture.size == (1200, 630) and picture.format == "PNG"
    assert page(built_site / lang / "dashboard" / "index.html").meta["twitter:card"] == ["summary"]  # no picture of its own
