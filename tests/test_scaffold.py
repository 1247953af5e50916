"""`evalsite new`: a valid evaluation folder, and new entries with the next free id, comments kept."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evalsite.content.load import load_site
from evalsite.content.yamlsource import PLACEHOLDER_MESSAGE
from evalsite.errors import ContentError

from .conftest import MANAGEMENT_RESPONSE, ROOT


def new(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evalsite.cli", "new", *args, "--content", str(content)],
                          capture_output=True, text=True, timeout=120)


def test_new_evaluation_is_valid_and_builds(content, tmp_path):
    result = new(content, "evaluation", "sample-2025", "--language", "fr")
    assert result.returncode == 0, result.stderr
    folder = content / "evaluations" / "sample-2025"
    assert sorted(p.name for p in folder.iterdir()) == ["evaluation.yml", "introduction.fr.md", "recommendations.yml"]
    assert "yaml-language-server" not in (folder / "evaluation.yml").read_text(encoding="utf-8")  # no schema within reach: no line
    ev = load_site(content).evaluation("sample-2025")
    assert ev.original_language == "fr" and [r.id for r in ev.recommendations] == ["r1"] and not ev.has_response
    from evalsite.build import BuildOptions, build

    with pytest.raises(ContentError) as caught:  # a published build refuses the placeholders
        build(content, BuildOptions(out_dir=tmp_path / "site", site_url="http://127.0.0.1:9/", work_dir=tmp_path / "work"))
    assert {p.message for p in caught.value.problems} == {PLACEHOLDER_MESSAGE}
    assert not (tmp_path / "site").exists()
    built = build(content, BuildOptions(out_dir=tmp_path / "site", site_url="http://127.0.0.1:9/", work_dir=tmp_path / "work", draft=True))
    assert (tmp_path / "site" / "nl" / "evaluations" / "sample-2025" / "recommendations" / "r1" / "index.html").is_file()
    assert len(built.warnings) == 8 and {w.message for w in built.warnings} == {PLACEHOLDER_MESSAGE}


def test_new_recommendation_and_actions_take_the_next_free_id(content):
    assert new(content, "recommendation", "--evaluation", "wsm-2022-2026-midterm").stdout.startswith("added recommendation r10")
    assert new(content, "action", "--evaluation", "wsm-2022-2026-midterm", "--recommendation", "r3").stdout.startswith("added action 3.4")
    assert new(content, "action", "--evaluation", "wsm-2022-2026-midterm", "--recommendation", "r9").stdout.startswith("added action 9.3")
    ev = load_site(content).evaluation("wsm-2022-2026-midterm")
    assert [a.id for a in ev.actions_for("r3")] == ["3.1", "3.2", "3.3", "3.4"]
    assert [a.id for a in ev.actions_for("r9")] == ["9.1", "9.2", "9.3"]
    assert ev.recommendations[-1].id == "r10" and ev.recommendations[-1].number == "10"
    text = (content / "evaluations" / "wsm-2022-2026-midterm" / "response.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server:") and "# Management response of WSM" in text  # comments kept


def test_new_response_has_one_entry_per_recommendation_and_is_valid(content):
    slug = "fos-solsoc-ifsi-2017-2021-final"
    result = new(content, "response", "--evaluation", slug)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"created {content}/evaluations/{slug}/response.yml with a response to each recommendation"
                             " — fill in its TODOs\n")
    warnings: list = []
    ev = load_site(content, warnings=warnings).evaluation(slug)
    assert list(ev.responses) == [r.id for r in ev.recommendations] and not ev.actions
    assert {w.message for w in warnings} == {PLACEHOLDER_MESSAGE} and len(warnings) == 2 * len(ev.recommendations)
    assert new(content, "action", "--evaluation", slug, "--recommendation", "movement-1").stdout.startswith("added action 1.1 ")
    assert new(content, "action", "--evaluation", slug, "--recommendation", "movement-1").stdout.startswith("added action 1.2 ")
    # policy-1 is also numbered 1: its actions number after its own id, not into movement-1's
    assert new(content, "action", "--evaluation", slug, "--recommendation", "policy-1").stdout.startswith("added action policy-1.1 ")
    again = new(content, "response", "--evaluation", slug)
    assert again.returncode == 1 and "already exists — add key actions with: evalsite new action" in again.stderr


def test_new_action_numbers_after_its_recommendation(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MANAGEMENT_RESPONSE, content)
    slug = "coastal-livelihoods-2016-2019-final"
    assert new(content, "action", "--evaluation", slug, "--recommendation", "R1").stdout.startswith("added action 1.3 ")
    assert new(content, "action", "--evaluation", slug, "--recommendation", "R3").stdout.startswith("added action 3.11 ")
    assert new(content, "action", "--evaluation", slug, "--recommendation", "R4").stdout.startswith("added action 4.1 ")
    ev = load_site(content).evaluation(slug)
    assert [a.id for a in ev.actions_for("R1")] == ["1.1", "1.2", "1.3"]
    assert ev.actions_for("R4")[0].in_charge == ("country-office",)  # the units responsible for the recommendation


def test_new_refuses_what_cannot_be_made(content):
    assert "already exists" in new(content, "evaluation", "wsm-2022-2026-midterm").stderr
    assert "cannot be an evaluation's address" in new(content, "evaluation", "Bad Slug").stderr
    assert "there is no evaluation 'nope'" in new(content, "recommendation", "--evaluation", "nope").stderr
    result = new(content, "action", "--evaluation", "fos-solsoc-ifsi-2017-2021-final", "--recommendation", "policy-1")
    assert result.returncode == 1 and "has no management response yet — create it first: evalsite new response" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_lines_lead_to_the_schemas(content, tmp_path, monkeypatch):
    """Every `$schema` line an editor reads resolves: in this repository's content and fixtures, and in an
    office's project, where `init` keeps the schemas and `new` points to them."""
    from evalsite import cli
    from evalsite.paths import SCHEMA_FILES

    lines = [(path, line) for folder in (ROOT / "content", ROOT / "tests" / "fixtures") for path in folder.rglob("*.yml")
             for line in path.read_text(encoding="utf-8").splitlines()[:2] if "$schema=" in line]
    assert len(lines) >= 13
    assert [str(path) for path, line in lines if not (path.parent / line.split("$schema=")[1]).is_file()] == []
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "office"]) == 0
    project = tmp_path / "office"
    assert sorted(p.name for p in (project / "schemas").iterdir()) == sorted(f"{name}.schema.json" for name in SCHEMA_FILES)
    monkeypatch.chdir(project)
    assert cli.main(["new", "evaluation", "x", "--language", "en"]) == 0
    assert cli.main(["new", "response", "--evaluation", "x"]) == 0
    written = [project / "content" / "organisations.yml", *(project / "content" / "evaluations" / "x").glob("*.yml")]
    for path in written:
        line = path.read_text(encoding="utf-8").splitlines()[0]
        assert line.startswith("# yaml-language-server: $schema=../"), path
        assert (path.parent / line.split("$schema=")[1]).resolve().is_relative_to(project / "schemas"), path


def test_new_action_takes_the_recommendation_as_written(content):
    added = new(content, "action", "--evaluation", "wsm-2022-2026-midterm", "--recommendation", "R2")
    assert added.returncode == 0 and added.stdout.startswith("added action 2.2"), added.stderr
    unknown = new(content, "action", "--evaluation", "wsm-2022-2026-midterm", "--recommendation", "r99")
    assert unknown.returncode != 0 and "Traceback" not in unknown.stderr
    assert "'r99' is not a recommendation of wsm-2022-2026-midterm — its ids are: r1, r2, r3, r4, r5, r6, r7, r8, r9" in unknown.stderr


def test_the_author_guide_names_every_key_the_content_files_accept():
    """A key the schemas accept but the guide does not explain is a key authors cannot find."""
    import json
    import re

    from evalsite.paths import AUTHOR_GUIDE, SCHEMAS

    guide = AUTHOR_GUIDE.read_text(encoding="utf-8")

    def keys(node) -> set[str]:
        if isinstance(node, dict):
            own = set(node.get("properties", {}))
            return own | {key for value in node.values() for key in keys(value)}
        return {key for value in node for key in keys(value)} if isinstance(node, list) else set()

    missing = {path.name: sorted(key for key in keys(json.loads(path.read_text(encoding="utf-8")))
                                 if not re.search(rf"`{re.escape(key)}[`:]|\b{re.escape(key)}:", guide))
               for path in sorted(SCHEMAS.glob("*.schema.json"))}
    assert {name: found for name, found in missing.items() if found} == {}
