"""Site projects and the command line: evalsite.yml, `init`, template and catalog overrides, the
options every command shares, exit statuses and what a build says while it runs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from evalsite import cli
from evalsite.build.project import default_project, find_project, load_project
from evalsite.cli.init import init_project
from evalsite.cli.origin import pin_for
from evalsite.cli.progress import Progress
from evalsite.errors import ContentError
from evalsite.i18n import Catalogs
from evalsite.paths import SCHEMA_FILES

from .conftest import CONTENT, ROOT
from .sitecheck import page

EV = "evaluations/wsm-2022-2026-midterm"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new project (`evalsite init`) holding a copy of the bundled content; the current folder."""
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "office"]) == 0
    folder = tmp_path / "office"
    shutil.rmtree(folder / "content")
    shutil.copytree(CONTENT, folder / "content")
    monkeypatch.chdir(folder)
    return folder


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_init_writes_what_an_office_keeps_in_git(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "site"]) == 0
    site = tmp_path / "site"
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()) == [
        ".github/workflows/publish.yml", ".gitignore", ".gitlab-ci.yml", "README.md", "content/organisations.yml",
        "docs/authoring.md", "evalsite.yml", "mkdocs.yml", "requirements.txt",
        *sorted(f"schemas/{name}.schema.json" for name in SCHEMA_FILES)]
    assert (site / "content" / "evaluations").is_dir()
    assert "evalsite==0.1.0" in (site / "requirements.txt").read_text(encoding="utf-8")
    github = (site / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert 'evalsite build --site-url "${{ steps.pages.outputs.base_url }}" --out _site' in github  # the repository's path included
    assert 'evalsite build --site-url "$CI_PAGES_URL" --out public' in (site / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert "/site/" in (site / ".gitignore").read_text(encoding="utf-8")
    assert load_project(site / "evalsite.yml").identity("fr", Catalogs()).name == "Évaluations et réponses managériales"
    assert (site / "mkdocs.yml").read_text(encoding="utf-8") == (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # as this repository's
    monkeypatch.chdir(site)
    assert cli.main(["check"]) == 0
    assert cli.main(["new", "evaluation", "x", "--language", "fr"]) == 0
    assert cli.main(["check"]) == 0
    assert "content is valid: 1 evaluations" in capsys.readouterr().out


def test_the_ci_workflows_are_valid_and_keep_pull_requests_away_from_publishing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "site"]) == 0
    site = tmp_path / "site"
    github, gitlab = site / ".github" / "workflows" / "publish.yml", site / ".gitlab-ci.yml"
    for path, schema in ((github, "vendor.github-workflows"), (gitlab, "vendor.gitlab-ci")):
        checked = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                                 capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    workflow = yaml.safe_load(github.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}  # what a pull request's run holds
    assert "github.ref" in workflow["concurrency"]["group"] and workflow["concurrency"]["group"] != "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build and "pull_request" not in str(build.get("if", ""))  # pull requests build too
    assert any("evalsite build" in step.get("run", "") for step in build["steps"])
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "github.event_name != 'pull_request'" in deploy["if"] and "default_branch" in deploy["if"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {use.split("@")[0]: use.split("@")[1] for use in uses} == {
        "actions/checkout": "v6", "actions/setup-python": "v6", "actions/upload-artifact": "v7", "actions/configure-pages": "v6",
        "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5"}
    assert all(step.get("with", {}).get("cache") == "pip" for job in workflow["jobs"].values() for step in job["steps"]
               if step.get("uses", "").startswith("actions/setup-python"))
    ci = yaml.safe_load(gitlab.read_text(encoding="utf-8"))
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "rules" not in ci["build"] and "evalsite build --out site" in ci["build"]["script"]


@pytest.mark.parametrize(("direct_url", "requirement", "origin"), [
    (None, "evalsite==0.1.0", "index"),
    ({"url": "https://github.com/office/evalsite", "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "v0.1.0"}},
     "evalsite @ git+https://github.com/office/evalsite@0123abc", "git"),
    ({"url": "https://example.org/evalsite-0.1.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "ab12"}}},
     "evalsite @ https://example.org/evalsite-0.1.0-py3-none-any.whl#sha256=ab12", "url"),
    ({"url": "file:///home/me/evalsite", "dir_info": {"editable": True}}, "evalsite==0.1.0", "local"),
    ({"url": "file:///gone/evalsite-0.1.0-py3-none-any.whl", "archive_info": {}}, "evalsite==0.1.0", "local"),
])
def test_init_pins_evalsite_the_way_it_was_installed(direct_url, requirement, origin):
    pin = pin_for(direct_url, "0.1.0")
    assert (pin.requirement, pin.origin, pin.wheel) == (requirement, origin, None)


def test_a_wheel_install_is_pinned_by_a_copy_in_the_project(tmp_path):
    wheel = tmp_path / "downloads" / "evalsite-0.1.0-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK wheel")
    pin = pin_for({"url": wheel.as_uri(), "archive_info": {}}, "0.1.0")
    assert (pin.requirement, pin.origin, pin.wheel) == ("./vendor/evalsite-0.1.0-py3-none-any.whl", "wheel", wheel)
    init_project(tmp_path / "site", pin)
    assert (tmp_path / "site" / "vendor" / wheel.name).read_bytes() == b"PK wheel"
    requirements = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8")
    assert requirements.splitlines()[-1] == "./vendor/evalsite-0.1.0-py3-none-any.whl"
    assert "replace the line below with: evalsite==0.1.0" in requirements


def test_the_header_name_is_short_unless_a_project_names_itself_without_a_short_name(tmp_path):
    """The header shows the short name: the tool's ("Évaluations") when nothing is configured, the
    project's own name when it gives a name and no short name, its short name when it gives one."""
    catalogs = Catalogs()
    tool = default_project(tmp_path).identity("fr", catalogs)
    assert (tool.name, tool.short_name) == ("Évaluations de la coopération au développement", "Évaluations")
    named = _write(tmp_path / "named" / "evalsite.yml", "name: {fr: Nos évaluations}\n")
    assert load_project(named).identity("fr", catalogs).short_name == "Nos évaluations"
    both = _write(tmp_path / "both" / "evalsite.yml", "name: {fr: Nos évaluations}\nshort_name: {en: Ours}\n")
    assert load_project(both).identity("fr", catalogs).short_name == "Ours"


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    _write(tmp_path / "notes.txt", "mine")
    assert cli.main(["init", str(tmp_path)]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_refresh_renews_the_guide_and_schemas_and_nothing_the_office_wrote(tmp_path, capsys):
    site = tmp_path / "site"
    assert cli.main(["init", str(site)]) == 0
    (site / "schemas" / "response.schema.json").write_text("{}", encoding="utf-8")  # as an older evalsite left it
    (site / "docs" / "authoring.md").unlink()
    mine = {name: _write(site / name, "# the office's own\n") for name in ("mkdocs.yml", "evalsite.yml", "README.md")}
    capsys.readouterr()
    assert cli.main(["init", "--refresh", str(site)]) == 0
    assert capsys.readouterr().out.splitlines() == ["renewed docs/authoring.md", "renewed schemas/response.schema.json"]
    assert (site / "schemas" / "response.schema.json").read_bytes() == (ROOT / "generator" / "content" / "schemas" / "response.schema.json").read_bytes()
    assert all(path.read_text(encoding="utf-8") == "# the office's own\n" for path in mine.values())
    assert cli.main(["init", "--refresh", str(site)]) == 0
    assert "already this version's" in capsys.readouterr().out
    assert cli.main(["init", "--refresh", str(tmp_path / "elsewhere")]) == 2
    assert "holds no site project" in capsys.readouterr().err


def test_a_project_overrides_templates_and_ui_words_and_names_the_site(project, capsys):
    po = (ROOT / "locales" / "fr" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert 'msgid "All actions"' in po
    _write(project / "locales" / "fr" / "LC_MESSAGES" / "messages.po", 'msgid "All actions"\nmsgstr "Toutes nos actions"\n')
    _write(project / "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n')
    footer = _write(project / "templates" / "theme" / "partials" / "copyright.html", '<div class="md-copyright">Our own footer</div>\n')
    config = project / "evalsite.yml"
    publisher = "# publisher:\n#   nl: Dienst Evaluatie\n#   fr: Service de l'évaluation\n#   en: Evaluation Office"
    config.write_text(config.read_text(encoding="utf-8").replace(publisher, "publisher: Test Office"), encoding="utf-8")
    _write(project / "styles" / "office.css", ".md-typeset h1 { letter-spacing: .01em; }\n")
    engine = project / "mkdocs.yml"
    engine.write_text(engine.read_text(encoding="utf-8").replace("  # logo: images/logo.svg", "  logo: logo.svg")
                      .replace("    primary: indigo", "    primary: deep orange")
                      .replace("# extra_css:\n#   - styles/office.css", "extra_css:\n  - styles/office.css"), encoding="utf-8")
    assert cli.main(["build", "--as-of", "2026-11-23"]) == 0
    site = project / "site"
    assert all("Our own footer" in path.read_text(encoding="utf-8") for path in site.glob("*/**/index.html"))
    assert "Toutes nos actions" in (site / "fr" / "actions" / "index.html").read_text(encoding="utf-8")
    assert "Toutes nos actions" not in (site / "en" / "actions" / "index.html").read_text(encoding="utf-8")  # French only
    info = page(site / "fr" / EV / "recommendations" / "r2" / "index.html")
    assert info.title.strip().endswith("· Évaluations et réponses managériales")
    assert info.meta["author"] == ["Test Office"]
    assert "../../../../assets/project/logo.svg" in info.resources and (site / "fr" / "assets" / "project" / "logo.svg").is_file()
    assert "../../../../assets/project/styles/office.css" in info.resources  # the project's own style sheet, after evalsite's
    html = (site / "fr" / EV / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="deep-orange"' in html  # the palette of the project's mkdocs.yml
    assert "no site URL" in capsys.readouterr().err
    # a change to a theme override alone, in the next (incremental) build: every page shows it, not only changed ones
    footer.write_text('<div class="md-copyright">Our new footer</div>\n', encoding="utf-8")
    assert cli.main(["build", "--as-of", "2026-11-23"]) == 0
    assert all("Our new footer" in path.read_text(encoding="utf-8") for path in site.glob("*/**/index.html"))


def test_every_command_takes_the_same_content_and_config_options(project, tmp_path, monkeypatch, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert cli.main(["check", "--config", str(project / "evalsite.yml")]) == 0
    assert cli.main(["check", "--content", str(project / "content")]) == 0
    assert cli.main(["check", str(project / "content")]) == 0  # the positional folder, kept for older scripts
    assert cli.main(["new", "recommendation", "--config", str(project), "--evaluation", "wsm-2022-2026-midterm"]) == 0
    assert "r10" in (project / "content" / EV / "recommendations.yml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["check", str(project / "content"), "--content", str(project / "content")]) == 2
    assert "give the content folder once" in capsys.readouterr().err
    assert cli.main(["check", "--config", str(elsewhere / "evalsite.yml")]) == 2
    assert "evalsite init" in capsys.readouterr().err
    for command in (["serve"], ["new", "evaluation", "y"], ["build"], ["check"]):
        with pytest.raises(SystemExit) as usage:
            cli.main([*command, "--bogus"])
        assert usage.value.code == 2


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == "evalsite 0.1.0"


def test_a_wrong_evalsite_yml_is_reported_by_line_with_what_to_do(project, capsys):
    config = project / "evalsite.yml"
    config.write_text("nmae: {en: X}\nsite_url: http://127.0.0.1:8000/\nlogo: logo.png\ndescription: {de: Y}\n", encoding="utf-8")
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "evalsite.yml:1: unknown setting `nmae` — did you mean `name`?" in err
    assert "evalsite.yml:2: 'http://127.0.0.1:8000/' only works on the machine that builds the site" in err
    assert "evalsite.yml:3: `logo` has moved — the logo is set in mkdocs.yml" in err
    assert "evalsite.yml:4: `de` is not a language of the site" in err
    with pytest.raises(ContentError):
        find_project()


def test_a_wrong_mkdocs_yml_is_reported_by_line_with_what_to_do(project, capsys):
    """mkdocs.yml holds what an office may change; what evalsite sets itself, a search plugin, a file on
    another host or a file that is not there are refused, each at its line."""
    (project / "mkdocs.yml").write_text(
        "site_name: Ours\n"
        "theme:\n  name: material\n  language: fr\n  logo: images/missing.svg\n"
        "extra_css:\n  - https://fonts.example.com/font.css\n"
        "plugins:\n  - search\n"
        "extra:\n  analytics: {provider: google}\n", encoding="utf-8")
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml:1: `site_name` is set by evalsite — remove it: the site's name is `name` in evalsite.yml" in err
    assert "mkdocs.yml:4: `theme.language` is set by evalsite" in err
    assert "mkdocs.yml:5: there is no file images/missing.svg beside mkdocs.yml" in err
    assert "mkdocs.yml:7: 'https://fonts.example.com/font.css' is on another host" in err
    assert "mkdocs.yml:9: the plugin `search` cannot be used here" in err
    assert "mkdocs.yml:11: `extra.analytics` cannot be set here" in err


def test_a_site_url_in_mkdocs_yml_is_honoured_and_not_set_twice(project, capsys):
    engine = project / "mkdocs.yml"
    engine.write_text("site_url: https://evaluations.example.org/office/\n" + engine.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_project(project / "evalsite.yml").site_url == "https://evaluations.example.org/office/"
    config = project / "evalsite.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://other.example.org/\n", encoding="utf-8")
    assert cli.main(["check"]) == 1
    assert "site_url is set both here and in evalsite.yml" in capsys.readouterr().err


def test_a_loopback_site_url_is_refused_on_the_command_line(project, capsys):
    assert cli.main(["build", "--site-url", "http://localhost:8000/"]) == 2
    assert "only works on the machine that builds the site" in capsys.readouterr().err
    assert not (project / "site").exists()


def test_a_build_says_each_phase_with_counts_and_times_in_plain_lines(project, capsys):
    assert cli.main(["build", "--site-url", "https://evaluations.example.org/sub/", "--as-of", "2026-11-23"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("content checked: 2 evaluations, ") and lines[0].endswith(" s)")
    for lang in ("nl", "fr", "en"):
        assert any(re.match(rf"{lang}: (\d+) of \1 pages generated \(", line) for line in lines), lines
        assert any(line.startswith(f"{lang}: pages built with MkDocs (") for line in lines)
        assert any(line.startswith(f"{lang}: calendar and search index written (") for line in lines)
    assert any(line.startswith("open data: ") for line in lines)
    assert lines[-1].startswith("site built in site/ (nl, fr, en) in ")
    assert "\r" not in out + err and "no site URL" not in err  # no progress bar outside a terminal
    assert page(project / "site" / "en" / "index.html").alternates["en"] == "https://evaluations.example.org/sub/en/"
    assert page(project / "site" / "404.html").links[0] == "/sub/nl/"


def test_a_failed_build_exits_3_and_keeps_the_previous_site(project, monkeypatch, capsys):
    from evalsite.engines import mkdocs as mkdocs_build

    (project / "site").mkdir()
    _write(project / "site" / "index.html", "previous")
    monkeypatch.setattr(mkdocs_build, "run", _fail)
    assert cli.main(["build"]) == 3
    assert "the previous site in site/ is unchanged" in capsys.readouterr().err
    assert os.listdir(project / "site") == ["index.html"]


def test_a_broken_template_override_is_a_build_failure_in_one_line(project, capsys):
    (project / "site").mkdir()
    _write(project / "site" / "index.html", "previous")
    _write(project / "templates" / "pages" / "home.md.j2", "{{ no_such_thing.at_all }}\n")
    assert cli.main(["build", "--site-url", "https://evaluations.example.org/"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "no_such_thing" in err and "the previous site in site/ is unchanged" in err
    assert os.listdir(project / "site") == ["index.html"]


def _fail(job: tuple) -> str | None:
    """Stands in for MkDocs (module-level, so the worker processes can run it)."""
    return "MkDocs failed on purpose"


def test_on_a_terminal_a_progress_bar_runs_below_the_phase_lines(capsys):
    progress = Progress(total=4, stream=sys.stdout, bar=True)
    progress.phase("content checked", 1.25)
    progress.phase("nl: no page changed", steps=3)
    progress.close()
    out, err = capsys.readouterr()
    assert out.splitlines() == ["content checked (1.2 s)", "nl: no page changed"]
    assert "/4 steps" in err and "\r" in err  # tqdm redraws the bar in place, at most every 0.1 s
