"""Interrupting `evalsite build` or `evalsite serve` (SIGTERM, or Ctrl+C at a terminal) ends every
worker process with what it runs, leaves no staging folder, publishes nothing and never says it
built the site; a later build removes the staging folders a killed one left."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evalsite.build import BuildOptions, build

from .browser import answers
from .conftest import CONTENT, PROJECT, ROOT, _free_port


def _descendants(pid: int) -> set[int]:
    found, pending = set(), [pid]
    while pending:
        current = pending.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
            found.update(children)
            pending += children
    return found


def _alive(pid: int) -> bool:
    """Running, or stopped; not gone and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(CONTENT, project / "content")
    shutil.copy(ROOT / "evalsite.yml", project / "evalsite.yml")
    return project


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    """The command in a session of its own, as a terminal runs it (Ctrl+C reaches its whole group)."""
    return subprocess.Popen([sys.executable, "-m", "evalsite.cli", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.mark.parametrize("how", ["SIGTERM to evalsite", "Ctrl+C at the terminal"])
def test_an_interrupted_build_ends_its_workers_and_leaves_nothing(tmp_path, how):
    project = _project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "previous.html").write_text("the site before", encoding="utf-8")
    build = _start(["build", "--as-of", "2026-11-23"], project)
    workers: set[int] = set()

    def in_mkdocs() -> bool:
        workers.update(_descendants(build.pid))
        staging = list(project.glob(".site.building-*"))  # MkDocs has written a page into it: the workers run and write
        return bool(staging) and len(workers) >= 3 and next(staging[0].glob("*/**/*.html"), None) is not None

    _wait_for(in_mkdocs)
    workers.update(_descendants(build.pid))
    if how == "SIGTERM to evalsite":
        build.send_signal(signal.SIGTERM)
    else:
        os.killpg(build.pid, signal.SIGINT)
    out, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert "site built" not in out and "Traceback" not in err
    assert "interrupted" in err
    _wait_for(lambda: not [pid for pid in workers if _alive(pid)], timeout=10)
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".")) == []
    assert [path.name for path in (project / "site").iterdir()] == ["previous.html"]  # nothing published


def test_an_interrupted_preview_server_ends_its_workers(tmp_path):
    project = _project(tmp_path)
    port = _free_port()
    serve = _start(["serve", "--port", str(port)], project)
    _wait_for(lambda: answers(f"http://127.0.0.1:{port}/en/"))
    workers = _descendants(serve.pid)
    assert len(workers) >= 3
    serve.send_signal(signal.SIGTERM)
    _, err = serve.communicate(timeout=60)
    assert serve.returncode == 130 and "Traceback" not in err, err
    _wait_for(lambda: not [pid for pid in workers if _alive(pid)], timeout=10)


def test_a_build_removes_the_staging_folders_a_killed_build_left(tmp_path):
    out = tmp_path / "site"
    probe = subprocess.Popen(["true"])  # its process id then no longer runs
    probe.wait()
    dead = probe.pid
    left = [tmp_path / f".site.building-{dead}-x1y2", tmp_path / f".site.old-{dead}"]
    running = tmp_path / f".site.building-{os.getpid()}-busy"  # another build, still running: not touched
    for folder in [*left, running]:
        (folder / "en").mkdir(parents=True)
    build(CONTENT, BuildOptions(out_dir=out, site_url=None, work_dir=tmp_path / "work", project=PROJECT))
    assert [path for path in left if path.exists()] == []
    assert running.is_dir()
