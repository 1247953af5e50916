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

from .conftest import MANAGEMENT_RESPONSE


def new(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evalsite.cli", "new", *args, "--content", str(content)],
                          capture_output=True, text=True, timeout=120)


def test_new_evaluation_is_valid_and_builds(content, tmp_path):
    result = new(content, "evaluation", "sample-2025", "--language", "fr")
    assert result.returncode == 0, result.stderr
    folder = content / "evaluations" / "sample-2025"
    assert sorted(p.name for p in folder.iterdir()) == ["evaluation.yml", "introduction.fr.md", "recommendations.yml"]
    assert "# yaml-language-server: $schema=" in (folder / "evaluation.yml").read_text(encoding="utf-8")
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
