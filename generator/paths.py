"""Where the tool's own files are: package data of the installed `evalsite`, found through importlib.resources.

The templates, the UI catalogs and the author guide are kept at the top of the repository
(`templates/`, `locales/`, `docs/authoring.md`) and install inside the package as `evalsite.templates`,
`evalsite.locales` and `evalsite.guide` (pyproject.toml); the schemas of the content files sit in
the package itself (`content/schemas/`). Nothing is read from or written beside the installed package: what a
build writes goes into the site project's own folders (`build.project.Project`).
"""
from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    """The folder of an installed package: a wheel installs as plain files, so this is a real path."""
    return Path(str(files(package)))


PACKAGE = _folder("evalsite")
TEMPLATES = _folder("evalsite.templates")
LOCALES = _folder("evalsite.locales")
AUTHOR_GUIDE = _folder("evalsite.guide") / "authoring.md"
SCHEMAS = PACKAGE / "content" / "schemas"
SCHEMA_FILES = ("common", "organisations", "evaluation", "recommendations", "response", "tables", "timelines", "framework",
                "indicators", "findings", "themes")  # the contract for content files: `evalsite check` validates against them
