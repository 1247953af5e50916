"""The pages at the site's root, beside the language folders: the language choice (`index.html`), a
trilingual page for unknown addresses (`404.html`) and, with a site URL, a sitemap index over the three
languages and `robots.txt`. Links are relative, so that the site works under any path; the 404 page,
which a server shows at any depth, links from the site URL's path when there is one."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import urls
from ..i18n import Catalogs, own_name
from ..model import LANGS, Identity
from .render import plain_environment

FILES = ("index.html", "404.html", "sitemap.xml", "robots.txt")
ABSOLUTE_ONLY = ("sitemap.xml",)  # made of absolute addresses: written only with a site URL


def root_pages(templates: Sequence[Path], catalogs: Catalogs, identities: dict[str, Identity], site_url: str | None,
               draft: bool = False) -> dict[str, str]:
    """Each root page's name and text; a draft's keep search engines out (robots.txt and a meta tag)."""
    env = plain_environment([top / "site" for top in templates])
    languages = []
    for code in LANGS:
        _ = catalogs.gettext(code)
        identity = identities[code]
        languages.append({
            "code": code,
            "name": own_name(code),
            "site_name": identity.name,
            "enter": _("Read the site in English"),
            "description": identity.description,
            "not_found": _("Page not found"),
            "not_found_help": _("This address does not exist. Go to the list of evaluations:"),
        })
    context = {"languages": languages, "base_url": site_url, "root": urls.site_path(site_url) if site_url else "", "draft": draft}
    return {name: env.get_template(f"{name}.j2").render(context) for name in FILES if name not in ABSOLUTE_ONLY or site_url}
