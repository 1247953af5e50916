"""What a build is asked to do (`BuildOptions`) and what its language jobs share (`Settings`), made once
per build in the main process and handed to the workers."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..content.load import LoadedFolders
from ..digests import digest
from ..engines.config import SiteConfig
from ..i18n import Catalogs
from ..model import LANGS, Site
from ..opendata import datapackage
from ..pages import freshness
from ..pages.render import RenderSettings
from ..paths import TEMPLATES
from ..publish.tree import sync_tree
from .project import Project, default_project


class BuildError(Exception):
    """An engine refused a generated tree, or a worker failed; carries their messages (a bug in a
    template or in evalsite, not in content: content errors are ContentError)."""


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    site_url: str | None = None  # the public address; None: none configured, absolute addresses are left out
    live_reload: bool = False
    work_dir: Path = Path("build")
    as_of: datetime.date | None = None  # the date due dates are judged against; None: today
    draft: bool = False  # allow placeholders left from `evalsite new` (a preview, `build --draft`)
    project: Project | None = None  # names, settings and overrides; None: the tool's defaults
    engine: str = "mkdocs"  # or "zensical"

    @property
    def day(self) -> datetime.date:
        return self.as_of or datetime.date.today()

    @property
    def looking_back(self) -> datetime.date | None:
        """The past day the build shows the follow-up on (`--as-of` before today), if any."""
        return self.as_of if self.as_of and self.as_of < datetime.date.today() else None


@dataclass
class BuildContext:
    """What a command keeps across the builds it makes (one for `build`, one per change for `serve`):
    its options, the evaluation folders read so far and the UI catalogs, compiled once per version of
    their files. Nothing else in evalsite keeps state between builds."""

    options: BuildOptions
    loaded: LoadedFolders = field(init=False)
    catalogs: Catalogs = field(init=False)

    def __post_init__(self) -> None:
        self.loaded = LoadedFolders(self.options.work_dir / "loaded")
        self.catalogs = self.project.catalogs()

    @property
    def project(self) -> Project:
        return self.options.project or default_project()


@dataclass(frozen=True)
class Settings:
    """What every language's job shares: how pages are rendered, the project's MkDocs settings, the key
    of each evaluation's pages (`pages.freshness`), and a digest of the merged theme overrides (when a
    tree was built with another theme, every page is built again)."""

    render: RenderSettings
    site_config: SiteConfig
    evaluation_keys: dict[str, str]
    theme_key: str


def make_settings(site: Site, content_dir: Path, context: BuildContext) -> Settings:
    """The languages' shared settings; also merges the theme overrides into the work folder."""
    options, project = context.options, context.project
    site_config = project.engine_config()
    templates = tuple(folder for folder in (project.templates, TEMPLATES) if folder)
    overrides = [path for path in (project.templates, project.locales, project.config, site_config.path) if path]
    keys = freshness.evaluation_keys(content_dir, [ev.slug for ev in site.evaluations],
                                     f"{options.site_url} {options.day} {options.engine}", overrides)
    theme = options.work_dir / "theme"
    sync_theme(theme, templates)
    render = RenderSettings(templates, context.catalogs, {lang: project.identity(lang, context.catalogs) for lang in LANGS},
                            options.work_dir, options.site_url, options.day, site_config.extensions, datapackage.TABLES,
                            datapackage.TYPE_WORDS)
    return Settings(render, site_config, freshness.with_repeats(keys, site), digest([theme]))


def sync_theme(folder: Path, templates: tuple[Path, ...]) -> None:
    """The theme overrides the engines read (their `custom_dir`): the tool's `theme/` with the project's
    files of the same name put over it, as Material's own custom_dir goes over the theme."""
    files: dict[str, str] = {}
    for top in reversed(templates):
        theme = top / "theme"
        files |= {str(path.relative_to(theme)): path.read_text(encoding="utf-8") for path in theme.rglob("*") if path.is_file()}
    sync_tree(folder, files)
