"""The whole site built from the bundled content, checked as a reader meets it in each language."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from evalsite.build import BuildOptions, build
from evalsite.errors import ContentError

from .conftest import CONTENT, SITE_URL
from .sitecheck import broken_links, foreign_resources, page, resolve, switcher_mismatches

LANGS = ("nl", "fr", "en")
EV = "evaluations/wsm-2022-2026-midterm"
ACTIONS = ["1.1", "2.1", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "6.1", "6.2", "7.1", "7.2", "7.3", "8.1", "8.2", "9.1", "9.2"]
PAGES = (["", "actions/", "organisations/", "organisations/wsm/", "organisations/joint-pmeal-cell/",
          f"{EV}/", f"{EV}/recommendations/", f"{EV}/actions/"]
         + [f"{EV}/recommendations/r{n}/" for n in range(1, 10)]
         + [f"{EV}/actions/{a}/" for a in ACTIONS])


@pytest.mark.parametrize("lang", LANGS)
def test_every_expected_page_exists_with_its_language(built_site, lang):
    for url in PAGES:
        path = built_site / lang / url / "index.html"
        assert path.is_file(), path
        assert page(path).lang == lang


@pytest.mark.parametrize("url", PAGES)
def test_hreflang_alternates_are_absolute_and_page_level(built_site, url):
    for lang in LANGS:
        info = page(built_site / lang / url / "index.html")
        expected = {code: f"{SITE_URL}{code}/{url}" for code in LANGS}
        expected["x-default"] = SITE_URL if url == "" else f"{SITE_URL}en/{url}"
        assert info.alternates == expected
        assert info.meta["og:url"] == [f"{SITE_URL}{lang}/{url}"]


def test_language_switcher_goes_to_the_same_page_everywhere(built_site):
    for lang in LANGS:
        for url in PAGES:
            assert set(page(built_site / lang / url / "index.html").switcher) == set(LANGS)
    assert switcher_mismatches(built_site, LANGS) == []


def test_no_broken_internal_link_or_anchor(built_site):
    assert broken_links(built_site) == []


def test_no_resource_from_another_host(built_site):
    assert foreign_resources(built_site, urlsplit(SITE_URL).netloc) == []


def links_of(built_site: Path, lang: str, url: str) -> set[Path]:
    path = built_site / lang / url / "index.html"
    return {resolve(built_site, path, href)[0] for href in page(path).links} - {None}


@pytest.mark.parametrize("lang", LANGS)
def test_cross_links_both_ways(built_site, lang):
    def target(url: str) -> Path:
        return built_site / lang / url / "index.html"

    r2 = links_of(built_site, lang, f"{EV}/recommendations/r2/")
    assert {target(f"{EV}/actions/2.1/"), target(f"{EV}/recommendations/r6/"), target(f"{EV}/recommendations/r8/"),
            target(f"{EV}/actions/4.3/"), target("organisations/programme-pmeal-cells/")} <= r2
    assert target(f"{EV}/recommendations/r2/") in links_of(built_site, lang, f"{EV}/actions/4.3/")
    assert target(f"{EV}/recommendations/r2/") in links_of(built_site, lang, f"{EV}/recommendations/r6/")  # r6 → r2, and back
    assert {target(f"{EV}/actions/6.1/"), target(f"{EV}/actions/7.3/")} <= links_of(built_site, lang, "organisations/wsm-bsd/")
    overview = links_of(built_site, lang, f"{EV}/")
    assert {target(f"{EV}/recommendations/r{n}/") for n in range(1, 10)} <= overview
    all_actions = links_of(built_site, lang, "actions/")
    assert {target(f"{EV}/actions/{a}/") for a in ACTIONS} <= all_actions


@pytest.mark.parametrize(("lang", "heading", "agree", "partial"), [
    ("nl", "Aanbeveling 6", "Akkoord (6)", "Gedeeltelijk akkoord (3)"),
    ("fr", "Recommandation 6", "D'accord (6)", "Partiellement d'accord (3)"),
    ("en", "Recommendation 6", "Agree (6)", "Partially agree (3)"),
])
def test_overview_groups_recommendations_by_position(built_site, lang, heading, agree, partial):
    html = (built_site / lang / EV / "index.html").read_text(encoding="utf-8").replace("&#39;", "'")
    assert agree in html and partial in html and heading in html
    assert "Not yet translated" not in html and "Nog niet vertaald" not in html


def test_each_language_has_its_own_search_index_of_the_pages_that_hold_texts(built_site):
    for lang in LANGS:
        bundle = built_site / "pagefind" / lang
        manifest = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))
        folders = [manifest["main"], *manifest["parts"]]
        assert sorted(path.name for path in bundle.iterdir()) == sorted([*folders, "parts.json"])  # no stale part left
        entries = [json.loads((bundle / folder / "pagefind-entry.json").read_text(encoding="utf-8")) for folder in folders]
        indexed = [path for path in (built_site / lang).rglob("index.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")]
        assert all(list(entry["languages"]) == [lang] for entry in entries)
        assert sum(entry["languages"][lang]["page_count"] for entry in entries) == len(indexed)  # each page in one part
        assert built_site / lang / EV / "recommendations" / "r1" / "index.html" in indexed
        assert built_site / lang / EV / "actions" / "index.html" not in indexed  # a list: its texts are found on their own pages
        assert (bundle / manifest["main"] / "pagefind.js").is_file()  # the main part brings Pagefind's script
        assert not [path for path in bundle.rglob("pagefind*.js") if path.parent.name != manifest["main"]]  # the blocks do not
        assert not list(bundle.rglob("pagefind-ui.js"))  # the bundle holds what the site uses
    assert not (built_site / "nl" / "search").exists()  # no lunr index beside it


def test_words_repeated_on_every_page_are_left_out_of_the_search_index(built_site):
    """The tabs, the "copy link" button, the labels of summaries and of table cells, the tables' column
    heads, the contents lists and the notes about a link's kind repeat the same words on every page of
    a kind: indexed, a search for "Report", "Link" or "Position" would list them all, and their words
    would fill the index's largest shards (what a first search downloads)."""
    pages = [path.read_text(encoding="utf-8") for lang in LANGS for path in (built_site / lang).rglob("index.html")]
    for pattern, least in ((r'<nav class="es-tabs"[^>]*>', 30), (r'<a class="es-permalink"[^>]*>', 30), (r"<dt\b[^>]*>", 300),
                           (r'<span class="es-cell-label"[^>]*>', 300), (r'<nav class="es-contents"[^>]*>', 3),
                           (r'<span class="es-link-type"[^>]*>', 30)):
        tags = [match[0] for html in pages for match in re.finditer(pattern, html)]
        assert len(tags) > least and all("data-pagefind-ignore" in tag for tag in tags), pattern


def _indexed(built_site: Path, lang: str) -> dict[str, str]:
    """What Pagefind stored of each page of a language: its address → the text it indexed."""
    import gzip

    found = {}
    for fragment in (built_site / "pagefind" / lang).glob("*/fragment/*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        found[record["url"]] = record["content"]
    return found


def test_the_index_holds_a_page_s_facts_without_their_labels(built_site):
    indexed = _indexed(built_site, "en")
    text = indexed[f"/{EV}/recommendations/r2/"]
    assert "Continue and expand programmes for capacity and organisational strengthening" in text  # its title
    assert "Agree" in text  # its position, a fact
    assert "Responsible for the recommendation" not in text and "In charge of its actions" not in text  # summary labels
    assert "Last update" not in text  # the actions table's column head and cell labels
    assert "Sections of this evaluation" not in text and "Copy link" not in text


def test_root_offers_the_three_languages(built_site):
    info = page(built_site / "index.html")
    assert {resolve(built_site, built_site / "index.html", href)[0] for href in info.links} == {
        built_site / lang / "index.html" for lang in LANGS}
    assert info.alternates["x-default"] == SITE_URL
    assert (built_site / "404.html").is_file() and (built_site / "sitemap.xml").is_file()


def test_pages_have_titles_and_descriptions_in_their_language(built_site):
    fr = page(built_site / "fr" / EV / "recommendations" / "r7" / "index.html")
    assert fr.title.startswith("Recommandation 7")
    assert fr.meta["og:locale"] == ["fr_BE"] and set(fr.meta["og:locale:alternate"]) == {"nl_BE", "en_GB"}
    assert fr.meta["description"][0] and fr.meta["description"] == fr.meta["og:description"]


def test_failed_build_leaves_the_previous_site_untouched(built_site, tmp_path, content):
    out = tmp_path / "site"
    shutil.copytree(built_site, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (content / "evaluations" / "wsm-2022-2026-midterm" / "response.yml").write_text("responses: [\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build(content, BuildOptions(out_dir=out, site_url=SITE_URL, work_dir=tmp_path / "work"))
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_rebuild_replaces_the_site(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    build(CONTENT, BuildOptions(out_dir=out, site_url=SITE_URL, work_dir=tmp_path / "work"))
    assert not (out / "stale.html").exists() and (out / "nl" / "index.html").is_file()


def test_two_builds_with_the_same_as_of_are_byte_identical(tmp_path):
    """Two builds in two processes (with different hash seeds, so that no set or dict order can hide)."""
    def tree(out: Path) -> dict[Path, bytes]:
        return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    for name, seed in (("a", "1"), ("b", "2")):
        project = tmp_path / name
        project.mkdir()
        subprocess.run([sys.executable, "-m", "evalsite.cli", "build", "--content", str(CONTENT), "--out", str(project / "site"),
                        "--site-url", "https://example.org/", "--as-of", "2026-11-23"], cwd=project, check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    first, second = tree(tmp_path / "a" / "site"), tree(tmp_path / "b" / "site")
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_a_failing_mkdocs_build_leaves_the_previous_site(built_site, tmp_path, monkeypatch):
    from evalsite.build import BuildError
    from evalsite.engines import mkdocs as mkdocs_build

    out = tmp_path / "site"
    shutil.copytree(built_site, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(mkdocs_build, "run", _fail_in_french)
    with pytest.raises(BuildError):
        build(CONTENT, BuildOptions(out_dir=out, site_url=SITE_URL, work_dir=tmp_path / "work"))
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _fail_in_french(config_file: Path, site_dir: Path, epoch: int, dirty: bool) -> str | None:
    """Stands in for one MkDocs build: the French one fails (module-level, so worker processes can run it)."""
    return "MkDocs failed on purpose" if str(site_dir).endswith("fr") else None


def test_an_incremental_build_equals_a_full_build(content, tmp_path):
    import datetime

    def tree(out: Path) -> dict[Path, bytes]:
        return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    options = {"site_url": SITE_URL, "as_of": datetime.date(2026, 11, 23)}
    out, work = tmp_path / "site", tmp_path / "work"
    build(content, BuildOptions(out_dir=out, work_dir=work, **options))
    recs = content / "evaluations" / "wsm-2022-2026-midterm" / "recommendations.yml"
    recs.write_text(recs.read_text(encoding="utf-8").replace("Keep supporting CSOs", "Keep backing CSOs"), encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    published = tree(out)
    shutil.copytree(out, tmp_path / "links", copy_function=os.link)  # shares every file of the published site
    build(content, BuildOptions(out_dir=out, work_dir=work, **options))  # incremental: the stamp matches
    assert tree(tmp_path / "links") == published  # the build wrote no published file in place
    rebuilt = [p for p in out.rglob("*.html") if p.stat().st_mtime_ns != before.get(p)]
    assert 0 < len(rebuilt) < len(before) / 12  # only the English pages that show recommendation 1's title
    assert [p for p in rebuilt if not p.is_relative_to(out / "en") and p.parent != out] == []  # nor did nl and fr pages
    build(content, BuildOptions(out_dir=tmp_path / "full", work_dir=tmp_path / "work2", **options))
    incremental, full = tree(out), tree(tmp_path / "full")
    assert incremental.keys() == full.keys()
    assert [p for p in full if full[p] != incremental[p]] == []
    assert b"Keep backing CSOs" in incremental[Path("en/evaluations/wsm-2022-2026-midterm/recommendations/r1/index.html")]
