"""A rebuild renders again the pages of the evaluation that changed, and keeps the others'."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator import render, site
from generator.load import load_site
from generator.site import BuildOptions

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
    options = BuildOptions(out_dir=work / "site", site_url="http://example.org/", work_dir=work, as_of=as_of)
    site._generate_all(load_site(content), content, options)


def sources(prefix: str) -> set[str]:
    return {page.source for page in render.site_pages(load_site(CONTENT)) if page.source.startswith(prefix)}


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
