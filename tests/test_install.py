"""evalsite as an office installs it: the wheel built from the sdist (`python -m build`), installed
into a fresh virtual environment, used in an empty folder, away from this repository."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT
from .sitecheck import page

NAME = {"nl": "Evaluaties van het Testbureau", "fr": "Évaluations du Bureau d'essai", "en": "Test Office evaluations"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True, capture_output=True)
    return out


def test_the_wheel_and_the_sdist_hold_every_file_the_tool_reads(dist):
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        wheel = set(archive.namelist())
    with tarfile.open(next(dist.glob("*.tar.gz"))) as archive:
        sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    templates = [path.relative_to(ROOT / "templates") for path in (ROOT / "templates").rglob("*")
                 if path.is_file() and "__pycache__" not in path.parts]
    assert {f"evalsite/templates/{name}" for name in templates} <= wheel
    assert {f"templates/{name}" for name in templates} <= sdist
    for lang in ("nl", "fr", "en"):
        assert f"evalsite/locales/{lang}/LC_MESSAGES/messages.po" in wheel
    assert {"evalsite/templates/project/mkdocs.yml", "evalsite/guide/authoring.md", "evalsite/content/schemas/evaluation.schema.json",
            "evalsite/cli/commands.py", "evalsite/engines/plugin.py"} <= wheel
    modules = {f"evalsite/{path.relative_to(ROOT / 'generator').as_posix()}" for path in (ROOT / "generator").rglob("*.py")
               if "__pycache__" not in path.parts}
    assert modules <= wheel, sorted(modules - wheel)  # every stage's package is shipped
    entry_points = next(name for name in wheel if name.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        assert "evalsite = evalsite.engines.plugin:EvalsitePlugin" in archive.read(entry_points).decode()  # MkDocs finds the plugin
    assert not [name for name in wheel if name.startswith(("generator/", "templates/", "locales/", "docs/"))]  # only inside evalsite/


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel and what it depends on."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    subprocess.run([str(env / "bin" / "pip"), "install", "--quiet", str(next(dist.glob("*.whl")))], check=True, capture_output=True)
    return env


def test_an_office_starts_and_builds_its_own_site_from_the_installed_wheel(venv, dist, tmp_path):
    work = tmp_path / "empty"
    work.mkdir()
    environ = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environ["PATH"] = f"{venv / 'bin'}{os.pathsep}{environ['PATH']}"

    def run(*args: str, cwd: Path = work) -> subprocess.CompletedProcess:
        result = subprocess.run(args, cwd=cwd, env=environ, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
        assert "Traceback" not in result.stderr
        return result

    assert run("evalsite", "--version").stdout.strip() == "evalsite 0.1.0"
    run("evalsite", "init", "site")
    project = work / "site"
    assert {".gitignore", "evalsite.yml", "mkdocs.yml", "README.md", "requirements.txt", ".gitlab-ci.yml", "content", "docs"} <= {
        p.name for p in project.iterdir()}
    assert (project / ".github" / "workflows" / "publish.yml").is_file()
    wheel = next(dist.glob("*.whl"))
    assert (project / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"./vendor/{wheel.name}"
    assert (project / "vendor" / wheel.name).read_bytes() == wheel.read_bytes()  # pinned by a copy CI can reach
    ci_env = tmp_path / "ci-env"  # what a CI runner does with requirements.txt, in a clean environment
    run(sys.executable, "-m", "venv", str(ci_env))
    run(str(ci_env / "bin" / "pip"), "install", "--quiet", "-r", "requirements.txt", cwd=project)
    assert run(str(ci_env / "bin" / "evalsite"), "--version").stdout.strip() == "evalsite 0.1.0"
    config = project / "evalsite.yml"
    text = config.read_text(encoding="utf-8")
    for lang, name in NAME.items():
        text = text.replace(next(line for line in text.splitlines() if line.startswith(f"  {lang}: ")), f"  {lang}: {name}", 1)
    config.write_text(text, encoding="utf-8")
    run("evalsite", "new", "evaluation", "x", "--language", "fr", cwd=project)
    checked = run("evalsite", "check", cwd=project)
    assert "content is valid: 1 evaluations" in checked.stdout and "placeholders to replace before publishing" in checked.stdout
    refused = subprocess.run(["evalsite", "build"], cwd=project, env=environ, capture_output=True, text=True, check=False)
    assert refused.returncode == 1 and "placeholder left from `evalsite new`" in refused.stderr  # TODOs are not published
    built = run("evalsite", "build", "--draft", cwd=project)
    assert "site built in" in built.stdout
    assert "no site URL" in built.stderr
    for lang, name in NAME.items():
        assert page(project / "site" / lang / "evaluations" / "x" / "index.html").title.strip().endswith(f"· {name}")
        assert name in page(project / "site" / "index.html").title
    assert not (work / "build").exists() and (project / "build").is_dir()  # the work folder is the project's
    site_packages = next((venv / "lib").glob("python3*/site-packages"))
    assert sorted(p.name for p in site_packages.glob("build*")) == []  # nothing written beside the package

    imported = subprocess.run([str(venv / "bin" / "python"), "-c", "import generator"], cwd=work, env=environ,
                              capture_output=True, text=True, check=False)
    assert imported.returncode != 0 and "No module named 'generator'" in imported.stderr
