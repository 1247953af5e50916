"""A rebuild renders again the pages of the evaluation that changed, and keeps the others'."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from evalsite.build import BuildContext, BuildOptions, jobs
from evalsite.build.settings import make_settings
from evalsite.content.evaluation import EvaluationLoader
from evalsite.content.load import LoadedFolders, load_site
from evalsite.errors import ContentError
from evalsite.model import LANGS
from evalsite.pages import kinds

from .conftest import CONTENT

WSM = "evaluations/wsm-2022-2026-midterm/"
FINAL = "evaluations/fos-solsoc-ifsi-2017-2021-final/"


@pytest.fixture
def kept(monkeypatch) -> list[set[str]]:
    """The pages each language's generation kept from the previous run, in order."""
    seen: list[set[str]] = []
    original = jobs.render_language

    def spy(*args, **kwargs):
        seen.append(set(args[3] if len(args) > 3 else kwargs.get("keep", ())))
        return original(*args, **kwargs)

    monkeypatch.setattr(jobs, "render_language", spy)
    return seen


def generate(content: Path, work: Path, as_of: datetime.date = datetime.date(2026, 11, 23)) -> list[jobs.Tree]:
    """The three languages' generation, in this process (where the spy sees it)."""
    options = BuildOptions(out_dir=work / "site", site_url="http://example.org/", work_dir=work, as_of=as_of)
    model = load_site(content)
    settings = make_settings(model, content, BuildContext(options))
    return [jobs.write_tree(model, jobs.LanguageJob(lang, b"", settings, options, work / "site" / lang, False)) for lang in LANGS]


def sources(prefix: str) -> set[str]:
    """The pages of one evaluation: its own, and its share of the explorers' data."""
    slug = prefix.strip("/").split("/")[-1]
    return {page.source for page in kinds.site_pages(load_site(CONTENT)) if page.evaluation and page.evaluation.slug == slug}


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
    generate(content, tmp_path)
    trees = generate(content, tmp_path)
    assert [(tree.changed, tree.structural) for tree in trees] == [((), False)] * 3


def test_loading_again_reads_only_the_changed_folders(content, monkeypatch):
    folders = LoadedFolders()  # what a preview keeps from one rebuild to the next
    load_site(content, loaded=folders)
    loaded: list[str] = []
    original = EvaluationLoader.load

    def spy(self):
        loaded.append(self.folder.name)
        return original(self)

    monkeypatch.setattr(EvaluationLoader, "load", spy)
    recs = content / "evaluations" / "wsm-2022-2026-midterm" / "recommendations.yml"
    recs.write_text(recs.read_text(encoding="utf-8").replace("Keep supporting CSOs", "Keep backing CSOs"), encoding="utf-8")
    model = load_site(content, loaded=folders)
    assert loaded == ["wsm-2022-2026-midterm"]
    assert model.evaluation("wsm-2022-2026-midterm").recommendations[0].title.shown("en").text.startswith("Keep backing CSOs")
    orgs = content / "organisations.yml"
    orgs.write_text(orgs.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    load_site(content, loaded=folders)
    assert sorted(loaded[1:]) == ["fos-solsoc-ifsi-2017-2021-final", "wsm-2022-2026-midterm"]
    load_site(content)  # a load without the kept folders reads every folder: nothing is kept in the process behind a caller's back
    assert len(loaded) == 5


def test_a_cached_folder_still_reports_its_problems(content):
    response = content / "evaluations" / "wsm-2022-2026-midterm" / "response.yml"
    response.write_text(response.read_text(encoding="utf-8").replace("position: agree", "position: agreed", 1), encoding="utf-8")
    for _ in range(2):  # the second load comes from the cache
        with pytest.raises(ContentError) as failure:
            load_site(content)
        assert any("response.yml:7" in str(problem) for problem in failure.value.problems)


def test_a_folder_read_from_the_work_folder_names_its_repeats_at_their_line(tmp_path):
    """A wrong `repeats` in a folder whose read was kept (in another process, here: the work folder's
    cache) is still reported at its own file and line."""
    from .test_explorer import explorer_content

    content = explorer_content(tmp_path / "content")
    folder = content / "evaluations" / "beta-2025-midterm" / "recommendations.yml"
    folder.write_text(folder.read_text(encoding="utf-8").replace("repeats: [alpha-2021-final/a1]", "repeats: [alpha-2021-final/r9]"),
                      encoding="utf-8")
    for _ in range(2):  # the second time from the kept reads, as a new process would find them
        with pytest.raises(ContentError) as failure:
            load_site(content, loaded=LoadedFolders(tmp_path / "loaded"))
        lines = folder.read_text(encoding="utf-8").splitlines()
        line = next(n for n, row in enumerate(lines, start=1) if "alpha-2021-final/r9" in row)
        assert any(p.path.endswith("beta-2025-midterm/recommendations.yml") and p.line == line and "'r9'" in p.message
                   for p in failure.value.problems), failure.value.problems
