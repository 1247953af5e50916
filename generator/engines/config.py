"""The site project's `mkdocs.yml`, checked, and each language's complete engine configuration made from it.

People who know MkDocs set the palette, theme features, logo and favicon, Markdown extensions, extra
CSS and JavaScript and the plugins they add in `mkdocs.yml` at the top of their project; Zensical,
Material's successor, reads the same file. evalsite builds one site per language, so it writes each
language's configuration (`build/pages/<lang>/mkdocs.yml`) from the project's, adding what it must set
itself: where the generated pages are, the language, the navigation, the theme overrides, the site's
name and description per language (from evalsite.yml), the UI words its overrides show, and its plugin.
A project's `mkdocs.yml` that sets one of those is refused with the key named (`OWNED`), so nothing is
set in two places. A project without one builds with the tool's (templates/project/mkdocs.yml).

Files the project's configuration names (extra CSS and JavaScript, the logo and favicon) are paths
relative to the project; they are copied into each language's tree under `assets/project/`. Addresses
on other hosts are refused: the site makes no request to a third party.
"""
from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import urls
from ..errors import Problems
from ..i18n import LOCALE_OF, Catalogs, format_day, own_name
from ..model import LANGS, Identity
from ..paths import TEMPLATES

CONFIG_NAME = "mkdocs.yml"
DEFAULT = TEMPLATES / "project" / CONFIG_NAME  # also what `evalsite init` writes
DOCS = "docs"  # each language's page tree, beside its config
THEME = "../../theme"  # the merged theme overrides, shared by the languages (`build.settings.sync_theme`)
PROJECT_ASSETS = "assets/project"  # where the project's own files go in each language's tree
PLUGIN = "evalsite"  # hands MkDocs the pages' HTML (engines/plugin.py)
DEFAULT_LANG = "en"  # where hreflang x-default points for content pages
OWNED = {  # what evalsite sets, and where a project sets it instead
    "site_name": "the site's name is `name` in evalsite.yml (one per language)",
    "site_description": "the description is `description` in evalsite.yml (one per language)",
    "site_author": "the publisher is `publisher` in evalsite.yml (one per language)",
    "docs_dir": "evalsite generates the pages from content/",
    "site_dir": "the site goes where `evalsite build --out` says (site/ by default)",
    "nav": "evalsite makes the navigation from the page kinds",
    "use_directory_urls": "page addresses end in / and are the same in every language",
    "hooks": "MkDocs hooks are not run on evalsite's generated pages",
}
OWNED_THEME = {
    "language": "evalsite builds one site per language",
    "custom_dir": "a project's theme overrides go in templates/theme/ beside evalsite.yml",
    "font": "web fonts from another host are not allowed (the site makes no request to a third party): "
            "leave `font` out, or load your own font files with extra_css",
}
OWNED_EXTRA = {
    "evalsite": "evalsite writes its own settings there",
    "alternate": "the language switcher is evalsite's",
    "analytics": "the site makes no request to a third party and sets no cookie",
    "consent": "the site sets no cookie",
}
REFUSED_PLUGINS = {"search": "evalsite indexes each language with Pagefind; remove `search`",
                   PLUGIN: "evalsite adds its own plugin; remove it"}


@dataclass(frozen=True)
class SiteConfig:
    """A project's MkDocs settings, checked: the mapping as written (minus nothing), where it was read
    from, the project files it names (relative path → file), and its site URL if it gives one."""

    settings: dict[str, Any]
    path: Path
    files: dict[str, Path] = field(default_factory=dict)
    site_url: str | None = None

    @property
    def extensions(self) -> tuple[str | dict, ...]:
        """The Markdown extensions authors' texts are converted with, besides evalsite's own."""
        return tuple(self.settings.get("markdown_extensions") or ())


def check(data: Any, path: Path, line: Any, problems: Problems) -> SiteConfig:
    """The project's mkdocs.yml (`data`, read by the content reader with its lines: `line(where)`)
    checked; every problem is reported at its line."""
    root = path.parent
    if not isinstance(data, dict):
        problems.add(path, 1, f"{CONFIG_NAME} holds MkDocs settings as `key: value` lines — see the comments `evalsite init` writes")
        return SiteConfig({}, path)
    for key, why in OWNED.items():
        if key in data:
            problems.add(path, line((key,)), f"`{key}` is set by evalsite — remove it: {why}")
    theme = data.get("theme", {})
    if not isinstance(theme, dict) or theme.get("name", "material") != "material":
        problems.add(path, line(("theme",)), "the theme is Material: write `theme:` with `name: material` and its settings below it")
        theme = {}
    for key, why in OWNED_THEME.items():
        if key in theme and not (key == "font" and theme[key] is False):
            problems.add(path, line(("theme", key)), f"`theme.{key}` is set by evalsite — remove it: {why}")
    extra = data.get("extra", {}) or {}
    for key, why in OWNED_EXTRA.items():
        if isinstance(extra, dict) and key in extra:
            problems.add(path, line(("extra", key)), f"`extra.{key}` cannot be set here — {why}")
    for i, plugin in enumerate(data.get("plugins") or ()):
        name = next(iter(plugin)) if isinstance(plugin, dict) else plugin
        if name in REFUSED_PLUGINS:
            problems.add(path, line(("plugins", i)), f"the plugin `{name}` cannot be used here — {REFUSED_PLUGINS[name]}")
    files: dict[str, Path] = {}
    for key in ("extra_css", "extra_javascript"):
        for i, value in enumerate(data.get(key) or ()):
            _file(value if isinstance(value, str) else (value or {}).get("path"), root, (key, i), path, line, problems, files)
    for key in ("logo", "favicon"):
        if key in theme:
            _file(theme[key], root, ("theme", key), path, line, problems, files)
    site_url = data.get("site_url")
    return SiteConfig(data, path, files, site_url if isinstance(site_url, str) and site_url else None)


def _file(value: Any, root: Path, where: tuple, path: Path, line: Any, problems: Problems, files: dict[str, Path]) -> None:
    if not isinstance(value, str) or not value:
        problems.add(path, line(where), f"`{'.'.join(map(str, where))}` must name a file of the project")
    elif urlsplit(value).scheme or value.startswith("//"):
        problems.add(path, line(where), f"'{value}' is on another host — the site makes no request to a third party: "
                                        "put the file in the project and name it by its path")
    elif not (root / value).is_file():
        problems.add(path, line(where), f"there is no file {value} beside {CONFIG_NAME} — put it there, or correct its path")
    else:
        files[value] = root / value


def language_config(site_config: SiteConfig, lang: str, catalogs: Catalogs, nav: list[dict[str, str]], site_url: str | None,
                    identity: Identity, live_reload: bool, draft: bool = False,
                    looking_back: datetime.date | None = None) -> dict[str, Any]:
    """The complete engine configuration of one language: the project's settings plus what evalsite
    sets. Without a site URL it has none, and the theme leaves out every absolute address. A draft
    build and a build that looks back (`--as-of` a past day) say so on every page (`bands`), and a
    draft asks search engines to stay away."""
    _ = catalogs.gettext(lang)
    config = copy.deepcopy(site_config.settings)
    config.pop("site_url", None)
    config.update(site_name=identity.name, docs_dir=DOCS, nav=nav)
    if site_url:
        config["site_url"] = f"{site_url}{lang}/"
    if identity.publisher:
        config["site_author"] = identity.publisher
    theme = {"name": "material", **(config.get("theme") or {}), "language": lang, "custom_dir": THEME, "font": False}
    for key in ("logo", "favicon"):
        if key in theme:
            theme[key] = f"{PROJECT_ASSETS}/{theme[key]}"
    config["theme"] = theme
    config["extra_css"] = ["assets/evalsite.css", *(_moved(value) for value in config.get("extra_css") or ())]
    config["extra_javascript"] = ["assets/evalsite.js", *(_moved(value) for value in config.get("extra_javascript") or ())]
    config["plugins"] = [*(config.get("plugins") or ()), PLUGIN]
    languages = [{"code": code, "name": own_name(code), "locale": LOCALE_OF[code]} for code in LANGS]
    config["extra"] = {
        **(config.get("extra") or {}),
        "alternate": languages,  # makes Material include partials/alternate.html, which evalsite overrides
        "evalsite": {
            "lang": lang,
            "locale": LOCALE_OF[lang],
            "languages": languages,
            "default_lang": DEFAULT_LANG,
            "base_url": site_url,  # the public address, for absolute addresses; None: none configured
            "root": urls.site_path(site_url) if site_url else "",  # its path, where a 404 page's links start
            "short_name": identity.short_name,
            "live_reload": live_reload,
            "draft": draft,
            "bands": [text for text in (
                _("Draft: a preview that may hold placeholders, not the published site.") if draft else None,
                _("The follow-up as it stood on %(date)s: updates published later are left out.") % {
                    "date": format_day(looking_back, lang)} if looking_back else None) if text],
            "ui": {
                "choose_language": _("Choose a language"),
                "skip": _("Skip to the page's content"),
                "header": _("Site header"),
                "tabs": _("Sections of the site"),
                "menu": _("Menu"),
                "search": _("Search"),
                "not_found": _("Page not found"),
                "not_found_help": _("There is no page at this address. It may have moved, or the link may be mistyped."),
                "home": _("Home"),
                "all_evaluations": _("All evaluations"),
                "more_results": _("Show more results"),
                "search_failed": _("Search is not available right now."),
                "site_description": identity.description,
                "footer": _("Published evaluations, management responses and follow-up actions. "
                             "Texts in our own words; facts as in the source documents."),
            },
        },
    }
    return config


def _moved(value: str | dict) -> str | dict:
    """An extra CSS or JavaScript file of the project, as each language's tree has it."""
    if isinstance(value, dict):
        return {**value, "path": f"{PROJECT_ASSETS}/{value['path']}"}
    return f"{PROJECT_ASSETS}/{value}"
