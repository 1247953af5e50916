"""Pages of one language rendered as the build renders them, for tests that read the generated tree."""
from __future__ import annotations

import datetime
import functools
import tempfile
from pathlib import Path

from evalsite.i18n import Catalogs
from evalsite.model import LANGS, Site
from evalsite.opendata import datapackage
from evalsite.pages import render
from evalsite.paths import TEMPLATES

from .conftest import PROJECT


@functools.cache
def _work_dir() -> Path:
    """This test process's own work folder (compiled templates), private to it."""
    return Path(tempfile.mkdtemp(prefix="evalsite-test-work-"))


def settings(site_url: str | None = "http://example.org/", as_of: datetime.date | None = None,
             templates: tuple[Path, ...] = (TEMPLATES,)) -> render.RenderSettings:
    catalogs = Catalogs()
    identities = {lang: PROJECT.identity(lang, catalogs) for lang in LANGS}
    return render.RenderSettings(tuple(templates), catalogs, identities, _work_dir(), site_url, as_of, (), datapackage.TABLES,
                                 datapackage.TYPE_WORDS)


def render_pages(site: Site, lang: str, site_url: str | None = "http://example.org/", as_of: datetime.date | None = None,
                 templates: tuple[Path, ...] = (TEMPLATES,)) -> dict[str, str | bytes]:
    """Every page of `site` in `lang`: source path → text (bytes for pictures)."""
    return render.render_language(site, lang, settings(site_url, as_of, templates))
