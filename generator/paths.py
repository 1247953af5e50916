"""Where the project's own files live: templates, locales and the base MkDocs config.

The generator runs from a checkout (the README installs it in editable mode), so these sit beside
the `generator/` package at the top of the repository.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOCALES = ROOT / "locales"
MKDOCS_BASE = ROOT / "mkdocs.yml"
WORK = ROOT / "build"
