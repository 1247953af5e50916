"""A rebuild renders again the pages of the evaluation that changed, and keeps the others'."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from evalsite.build import site
from evalsite.build.site import BuildOptions
from evalsite.content import load
from evalsite.content.load import load_site
from evalsite.errors import ContentError
from evalsite.model import LANGS
from evalsite.pages import render

from .conftest import CONTENT

WSM = "evaluations/wsm-2022-2026-midterm/"
FINAL = "evaluations/fos-solsoc-ifsi-2017-2021-final/"


@pytest.fixture
def kept(monkeypatch) -> list[set[str]]:
    """The pages each language's generation kept from the previous run, in order."""
    seen: list[set[str]] = []
    original = render.render_language

    def spy(*args, **kwargs):
        seen.append(set(args[5] if len(args) > 5 else kwargs.get("keep", ())))
        return original(*args, **kwargs)

    monkeypatch.setattr(render, "render_language", spy)
    return seen


def generate(content: Path, work: Path, as_of: datetime.date = datetime.date(2026, 11, 23)) -> None:
    """The three languages' generation, in this process (where the spy sees it)."""
    options = BuildOptions(out_dir=work / "site", site_url="http://example.org/", work_dir=work, as_of=as_of)
    model = load_site(content)
    settings = site._settings(model, content, options)
    for lang in LANGS:
        site._generate(model, lang, settings, options)


def sources(prefix: str) -> set[str]:
    """The pages of one evaluation: its own, and its share of the explorers' data."""
    slug = prefix.strip("/").split("/")[-1]
    return {page.source for page in render.site_pages(load_site(CONTENT)) if "ev" in page.context and page.context["ev"].slug == slug}


def test_an_edit_renders_only_its_evaluations_pages_again(content, tmp_path, kept):
    generate(content, tmp_path)
    assert kept == [set(), set(), set()]  # first run: everything rendered
    recs = content / "evaluations" / "wsm-2022-2026-midterm" / "recommendations.yml"
    recs.write_text(recs.read_text(encoding="utf-8").replace("Keep supporting CSOs", "Keep backing CSOs"), encoding="utf-8")
    generate(content, tmp_path)
    for keep in kept[3:]:
        assert keep == sources(FINAL)  # every page of the other evaluation, none of the edited one
    wsm_page = tmp_path / "pages" / "en" / "docs" / WSM / "recommendations" / "r1" / "index.md"
    assert "Keep backing CSOs" in wsm_page.read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["organisations", "as_of"])
def test_what_every_page_shows_renders_every_page_again(content, tmp_path, kept, change):
    generate(content, tmp_path)
    if change == "organisations":
        orgs = content / "organisations.yml"
        orgs.write_text(orgs.read_text(encoding="utf-8") + "\n# a comment changes the file\n", encoding="utf-8")
        generate(content, tmp_path)
    else:
        generate(content, tmp_path, as_of=datetime.date(2027, 1, 1))
    assert kept[3:] == [set(), set(), set()]


def test_a_deleted_page_is_rendered_again(content, tmp_path, kept):
    generate(content, tmp_path)
    page = tmp_path / "pages" / "fr" / "docs" / FINAL / "index.md"
    page.unlink()
    generate(content, tmp_path)
    assert FINAL + "index.md" not in kept[4] and page.is_file()


def test_a_rebuild_without_edits_changes_no_file(content, tmp_path):
    options = BuildOptions(out_dir=tmp_path / "site", site_url="http://example.org/", work_dir=tmp_path, as_of=datetime.date(2026, 11, 23))
    model = load_site(content)
    settings = site._settings(model, content, options)
    for lang in LANGS:
        site._generate(model, lang, settings, options)
    trees = [site._generate(model, lang, settings, options) for lang in LANGS]
    assert [(tree.changed, tree.structural) for tree in trees] == [((), False)] * 3


def test_loading_again_reads_only_the_changed_folders(content, monkeypatch):
    load_site(content)
    loaded: list[str] = []
    original = load._EvaluationLoader.load

    def spy(self):
        loaded.append(self.folder.name)
        return original(self)

    monkeypatch.setattr(load._EvaluationLoader, "load", spy)
    recs = content / "evaluations" / "wsm-2022-2026-midterm" / "recommendations.yml"
    recs.write_text(recs.read_text(encoding="utf-8").replace("Keep supporting CSOs", "Keep backing CSOs"), encoding="utf-8")
    model = load_site(content)
    assert loaded == ["wsm-2022-2026-midterm"]
    assert model.evaluation("wsm-2022-2026-midterm").recommendations[0].title.shown("en").text.startswith("Keep backing CSOs")
    orgs = content / "organisations.yml"
    orgs.write_text(orgs.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    load_site(content)
    assert sorted(loaded[1:]) == ["fos-solsoc-ifsi-2017-2021-final", "wsm-2022-2026-midterm"]


def test_a_cached_folder_still_reports_its_problems(content):
    response = content / "evaluations" / "wsm-2022-2026-midterm" / "response.yml"
    response.write_text(response.read_text(encoding="utf-8").replace("position: agree", "position: agreed", 1), encoding="utf-8")
    for _ in range(2):  # the second load comes from the cache
        with pytest.raises(ContentError) as failure:
            load_site(content)
        assert any("response.yml:7" in str(problem) for problem in failure.value.problems)
