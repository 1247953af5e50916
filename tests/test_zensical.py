"""The same generated trees built with Zensical (`evalsite build --engine zensical`), Material's
successor: every page MkDocs builds, with our theme overrides working."""
from __future__ import annotations

from pathlib import Path

import pytest

from evalsite.build import BuildOptions, build
from evalsite.engines import zensical as zensical_build
from evalsite.i18n import Catalogs

from .conftest import CONTENT, PROJECT, SITE_URL, SYNTHETIC_AS_OF
from .sitecheck import broken_links, page, switcher_mismatches

LANGS = ("nl", "fr", "en")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not zensical_build.available():
        pytest.fail('Zensical is missing: pip install -e ".[test,zensical]" (make test does)')
    base = tmp_path_factory.mktemp("zensical")
    build(CONTENT, BuildOptions(out_dir=base / "site", site_url=SITE_URL, work_dir=base / "work", project=PROJECT, engine="zensical"))
    return base / "site"


def _pages(site: Path) -> set[Path]:
    return {path.relative_to(site) for path in site.rglob("*.html")}


def test_zensical_builds_every_page_mkdocs_builds(zensical_site, built_site):
    assert _pages(zensical_site) == _pages(built_site)
    assert len(_pages(zensical_site)) > 300


def test_the_theme_overrides_work_under_zensical(zensical_site):
    for lang in LANGS:
        info = page(zensical_site / lang / "evaluations" / "wsm-2022-2026-midterm" / "recommendations" / "r2" / "index.html")
        assert info.lang == lang
        assert info.title.strip().endswith(PROJECT.identity(lang, Catalogs()).name)
        assert set(info.switcher) == set(LANGS)
        assert info.alternates["x-default"] == f"{SITE_URL}en/evaluations/wsm-2022-2026-midterm/recommendations/r2/"
        assert (zensical_site / "pagefind" / lang / "parts.json").is_file()
    assert switcher_mismatches(zensical_site, LANGS) == []
    assert broken_links(zensical_site) == []


def _tree(work: Path) -> dict[str, bytes]:
    """The generated trees of a build's work folder as the engines read them: each language's config and pages."""
    pages = work / "pages"
    return {str(path.relative_to(pages)): path.read_bytes() for lang in LANGS
            for path in sorted([pages / lang / "mkdocs.yml", *(pages / lang / "docs").rglob("*")]) if path.is_file()}


def test_zensical_builds_the_same_pages_from_the_same_tree_on_a_synthetic_corpus(synthetic_content, synthetic_site, tmp_path):
    """The benchmark's corpus (every kind of page, invented words): the tree MkDocs built is the tree
    Zensical builds, page for page, and it makes the same pages of it."""
    if not zensical_build.available():
        pytest.fail('Zensical is missing: pip install -e ".[test,zensical]" (make test does)')
    build(synthetic_content, BuildOptions(out_dir=tmp_path / "site", site_url=SITE_URL, work_dir=tmp_path / "work", project=PROJECT,
                                          as_of=SYNTHETIC_AS_OF, engine="zensical"))
    mkdocs_tree, zensical_tree = _tree(synthetic_site.parent / "work"), _tree(tmp_path / "work")
    assert sum(name.endswith(".md") for name in zensical_tree) > 300
    assert zensical_tree == mkdocs_tree
    for lang in LANGS:
        assert _pages(tmp_path / "site" / lang) == _pages(synthetic_site / lang)
