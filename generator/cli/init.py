"""`evalsite init [DIR]`: a new site project with everything an office keeps in Git.

It writes `evalsite.yml`, `mkdocs.yml` (the MkDocs settings an office may change), `content/organisations.yml`
with one organisation to replace, an empty `content/evaluations/`, a `.gitignore`, a README for the authors with
the author guide beside it (`docs/authoring.md`), the content schemas (`schemas/`, which the `$schema` lines of the
files `evalsite new` writes point to, for editors that validate as the author types), `requirements.txt` pinning
evalsite as it was installed (`origin`: a version from an index, a wheel copied into `vendor/`, a Git
commit), and CI workflows that check and build every change and publish the default branch on GitHub
Pages and on GitLab Pages. The files come from `templates/project/` in the package.
"""
from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

import jinja2

from ..build.project import CONFIG_NAME
from ..engines import config as engine_config
from ..files import write_file
from ..paths import AUTHOR_GUIDE, SCHEMA_FILES, SCHEMAS, TEMPLATES
from .origin import VENDOR, Pin, installed_pin

FILES = {  # where each file goes in the project ← its template in templates/project/
    CONFIG_NAME: "evalsite.yml.j2",
    "content/organisations.yml": "organisations.yml.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore.j2",
    "requirements.txt": "requirements.txt.j2",
    ".github/workflows/publish.yml": "github-publish.yml.j2",
    ".gitlab-ci.yml": "gitlab-ci.yml.j2",
}
REFRESHED = {"docs/authoring.md": AUTHOR_GUIDE,  # the tool's own files, as this version has them: `init --refresh` renews them
             # the content schemas, for the editors that read `$schema` lines (the files `evalsite new` writes point here)
             **{f"schemas/{name}.schema.json": SCHEMAS / f"{name}.schema.json" for name in SCHEMA_FILES}}
COPIED = {**REFRESHED, engine_config.CONFIG_NAME: engine_config.DEFAULT}  # mkdocs.yml is the office's from then on


class InitError(Exception):
    """The project cannot be created there; the message says why and what to do."""


def init_project(folder: Path, pin: Pin | None = None) -> list[Path]:
    """Create a site project in `folder` (new, or empty but for hidden files such as .git);
    returns the files written. `pin` says how the project installs evalsite (by default, the way
    the running one was installed)."""
    pin = pin or installed_pin()
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file — give a new or empty folder")
    if folder.is_dir() and any(not path.name.startswith(".") for path in folder.iterdir()):
        raise InitError(f"{folder} is not empty — give a new or empty folder, such as: evalsite init my-site")
    if (folder / CONFIG_NAME).exists():
        raise InitError(f"{folder} already holds a site project ({CONFIG_NAME})")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "project"), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    context = {"version": version("evalsite"), "pin": pin, "vendor": VENDOR}
    written = []
    for name, template in FILES.items():
        path = folder / name
        write_file(path, env.get_template(template).render(context))
        written.append(path)
    for name, source in COPIED.items():
        write_file(folder / name, source.read_bytes())
        written.append(folder / name)
    if pin.wheel:
        (folder / VENDOR).mkdir()
        shutil.copyfile(pin.wheel, folder / VENDOR / pin.wheel.name)
        written.append(folder / VENDOR / pin.wheel.name)
    (folder / "content" / "evaluations").mkdir()
    return written


def refresh_project(folder: Path) -> list[Path]:
    """After an upgrade of evalsite: write this version's author guide and content schemas into an
    existing project, so that the guide and the editors' validation match what `check` checks; the
    office's own files (evalsite.yml, mkdocs.yml, content, workflows) are left alone. Returns the
    files that changed."""
    if not (folder / CONFIG_NAME).is_file():
        raise InitError(f"{folder} holds no site project ({CONFIG_NAME}) — give the project's folder, or run `evalsite init` there first")
    changed = []
    for name, source in REFRESHED.items():
        path, data = folder / name, source.read_bytes()
        if not path.is_file() or path.read_bytes() != data:
            write_file(path, data)
            changed.append(path)
    return changed
