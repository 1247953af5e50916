"""A site project: the folder an office keeps in Git, described by its `evalsite.yml`.

```
evalsite.yml        the site's name, short name, description, publisher (per language), address, content folder
mkdocs.yml          the MkDocs settings an office may change: palette, features, logo, extensions, extra CSS/JS, plugins
content/            organisations.yml and evaluations/ (the authors' files)
templates/          optional: a file here replaces the tool's file of the same name (`templates/theme/
                    partials/footer.html`, `templates/pages/home.md.j2`, `templates/assets/evalsite.css`)
locales/            optional: `locales/fr/LC_MESSAGES/messages.po` with the UI words to say otherwise
build/              the work folder (generated page trees, caches); not kept in Git
```

The overrides work as Material's `custom_dir`: the project's folder is searched first, then the
tool's own. `evalsite init` writes a project (`cli/init.py`); this repository is one. Nothing is set
in two places: evalsite.yml holds what is evalsite's (names per language, the content folder, the
site's address), mkdocs.yml what is the engine's (`engines.config` refuses what evalsite sets itself).
"""
from __future__ import annotations

import dataclasses
import difflib
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content.yamlsource import read_yaml
from ..engines import config as engine_config
from ..engines.config import SiteConfig
from ..errors import Problems
from ..i18n import Catalogs
from ..model import LANGS, Identity
from ..paths import LOCALES, TEMPLATES

CONFIG_NAME = "evalsite.yml"
TEXTS = ("name", "short_name", "description", "publisher")
SETTINGS = (*TEXTS, "site_url", "content")
MOVED = {"logo": "the logo is set in mkdocs.yml: `theme:` `logo: path/to/logo.svg` (and `favicon:`)"}


class ProjectError(Exception):
    """The command line names a project that cannot be used (a usage error, not a content error)."""


@dataclass(frozen=True)
class Project:
    """A site project's folders and settings. `texts` holds what `evalsite.yml` gives, per key and
    language; what it leaves out comes from the tool's catalogs (`identity`)."""

    root: Path
    content: Path
    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    site_url: str | None = None  # the public address, ending in "/"; None: not configured
    config: Path | None = None  # the evalsite.yml read, if any
    site_config: SiteConfig | None = None  # its mkdocs.yml, checked; None: the tool's (`engine_config`)

    def engine_config(self) -> SiteConfig:
        """The project's MkDocs settings, or the tool's when it has no mkdocs.yml."""
        return self.site_config or read_site_config(engine_config.DEFAULT)

    @property
    def work_dir(self) -> Path:
        return self.root / "build"

    @property
    def templates(self) -> Path | None:
        """The project's template overrides, if it has any."""
        return _own(self.root / "templates", TEMPLATES)

    @property
    def locales(self) -> Path | None:
        """The project's catalog overrides, if it has any."""
        return _own(self.root / "locales", LOCALES)

    def catalogs(self) -> Catalogs:
        """The UI words: the tool's catalogs with the project's entries over them."""
        return Catalogs(self.locales)

    def identity(self, lang: str, catalogs: Catalogs) -> Identity:
        """The site's name, short name, description and publisher in `lang`: as configured in that
        language, else in another configured language, else the tool's words."""
        _ = catalogs.gettext(lang)
        defaults = {"name": _("Development cooperation evaluations"), "short_name": _("Evaluations"),
                    "description": _("Evaluations of development cooperation programmes: recommendations, management "
                                     "responses and follow-up actions."),
                    "publisher": ""}

        def text(key: str) -> str:
            values = self.texts.get(key, {})
            return values.get(lang) or next((values[other] for other in LANGS if values.get(other)), defaults[key])

        name = text("name")
        # a project that names itself but gives no short name is called by its name; one that names nothing, by the tool's short words
        own_short = self.texts.get("short_name") or not self.texts.get("name")
        return Identity(name, text("short_name") if own_short else name, text("description"), text("publisher"))


def _own(folder: Path, tool: Path) -> Path | None:
    """`folder` if it exists and is not the tool's own (this repository's templates/ are both)."""
    return folder if folder.is_dir() and folder.resolve() != tool.resolve() else None


def default_project(root: Path | None = None) -> Project:
    """A project without evalsite.yml: the tool's names, the current folder with its `content/`
    (and its `templates/` and `locales/`, if any)."""
    root = (root or Path.cwd()).resolve()
    return Project(root=root, content=root / "content")


def find_project(config: Path | None = None, content: Path | None = None) -> Project:
    """The project the command line names: `config` (an evalsite.yml), else `evalsite.yml` in the
    current folder if there is one, else the defaults with `content` as the content folder (`content`
    also replaces a project's). Raises ProjectError when there is neither a project nor a content
    folder, or `config` does not exist; ContentError when it is not valid."""
    if config is None and Path(CONFIG_NAME).is_file():
        config = Path(CONFIG_NAME)
    if config is None and content is None:
        raise ProjectError(f"no {CONFIG_NAME} here — run `evalsite init` to start a site project, cd into one,"
                           " or give a content folder with --content DIR")
    if config is None:
        project = default_project()
    elif config.is_dir() and (config / CONFIG_NAME).is_file():
        project = load_project(config / CONFIG_NAME)
    elif not config.is_file():
        raise ProjectError(f"there is no {CONFIG_NAME} at {config} — give the site project's {CONFIG_NAME}, or create a project with: evalsite init")
    else:
        project = load_project(config)
    if content is not None:
        project = dataclasses.replace(project, content=content.resolve())
    return project


def load_project(path: Path) -> Project:
    """Read and check one evalsite.yml; raises ContentError with every problem, as `path:line: ...`."""
    problems = Problems()
    doc = read_yaml(path, problems)
    problems.raise_if_any()
    data = doc.data if doc and doc.data is not None else {}
    root = path.resolve().parent
    if not isinstance(data, dict):
        problems.add(path, 1, f"{CONFIG_NAME} holds settings as `key: value` lines — see the comments `evalsite init` writes")
        problems.raise_if_any()
    for key in data:
        if key in MOVED:
            problems.add(path, doc.line((key,)), f"`{key}` has moved — {MOVED[key]}")
        elif key not in SETTINGS:
            close = difflib.get_close_matches(str(key), SETTINGS, n=1)
            hint = f"did you mean `{close[0]}`?" if close else f"the settings are {', '.join(SETTINGS)}"
            problems.add(path, doc.line((key,)), f"unknown setting `{key}` — {hint}")
    texts = {key: _texts(data[key], (key,), doc, problems) for key in TEXTS if data.get(key) is not None}
    site_url = _site_url(data.get("site_url"), doc, problems)
    content = root / str(data.get("content", "content"))  # a missing folder is the loader's to report
    site_config = read_site_config(root / engine_config.CONFIG_NAME, problems) if (root / engine_config.CONFIG_NAME).is_file() else None
    if site_config and site_config.site_url:
        if site_url:
            problems.add(site_config.path, 1, f"site_url is set both here and in {CONFIG_NAME} — keep it in one of them")
        else:
            site_url = _site_url(site_config.site_url, doc, problems, site_config.path)
    problems.raise_if_any()
    return Project(root, content, texts, site_url, path.resolve(), site_config)


def read_site_config(path: Path, problems: Problems | None = None) -> SiteConfig:
    """A project's mkdocs.yml, checked (`engines.config.check`); with its own problems raised as
    ContentError when no collection is given to add them to."""
    own = problems if problems is not None else Problems()
    doc = read_yaml(path, own)
    site_config = engine_config.check(doc.data if doc and doc.data is not None else {}, path, doc.line if doc else (lambda where: 1), own)
    if problems is None:
        own.raise_if_any()
    return site_config


def _texts(value: Any, where: tuple, doc, problems: Problems) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return dict.fromkeys(LANGS, value.strip())
    if isinstance(value, dict) and value:
        texts = {}
        for lang, text in value.items():
            if lang not in LANGS:
                problems.add(doc.path, doc.line((*where, lang)), f"`{lang}` is not a language of the site — use nl, fr and en")
            elif not isinstance(text, str) or not text.strip():
                problems.add(doc.path, doc.line((*where, lang)), f"`{where[0]}` in {lang} must be a text — write it after `{lang}:`")
            else:
                texts[lang] = text.strip()
        return texts
    problems.add(doc.path, doc.line(where), f"`{where[0]}` must be a text, or one text per language (nl:, fr:, en:)")
    return {}


def _site_url(value: Any, doc, problems: Problems, where: Path | None = None) -> str | None:
    if value is None:
        return None
    message = check_site_url(value) if isinstance(value, str) else "the site URL must be a text"
    if message:
        problems.add(where or doc.path, doc.line(("site_url",)) if where is None else 1, message)
        return None
    return with_slash(value)


def check_site_url(url: str) -> str | None:
    """Why `url` cannot be a site's public address (None when it can): it must be an http(s) address
    with a host, and not a loopback one, which would only work on the machine that built it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{url}' is not a web address — write it in full, such as https://evaluations.example.org/"
    if parts.query or parts.fragment:
        return f"'{url}' has a query or fragment — give the address of the site's home folder only"
    if parts.hostname == "localhost" or _is_loopback(parts.hostname):
        return f"'{url}' only works on the machine that builds the site — give the public address, or none at all"
    return None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
