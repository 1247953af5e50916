"""`evalsite new`: a valid evaluation folder, and new entries with the next free id, comments kept."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from evalsite.load import load_site


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
    from evalsite.site import BuildOptions, build

    build(content, BuildOptions(out_dir=tmp_path / "site", site_url="http://127.0.0.1:9/", work_dir=tmp_path / "work"))
    assert (tmp_path / "site" / "nl" / "evaluations" / "sample-2025" / "recommendations" / "r1" / "index.html").is_file()


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


def test_new_refuses_what_cannot_be_made(content):
    assert "already exists" in new(content, "evaluation", "wsm-2022-2026-midterm").stderr
    assert "cannot be an evaluation's address" in new(content, "evaluation", "Bad Slug").stderr
    assert "there is no evaluation 'nope'" in new(content, "recommendation", "--evaluation", "nope").stderr
    result = new(content, "action", "--evaluation", "fos-solsoc-ifsi-2017-2021-final", "--recommendation", "policy-1")
    assert result.returncode == 1 and "has no management response yet" in result.stderr and "Traceback" not in result.stderr
