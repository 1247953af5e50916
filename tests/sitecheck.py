"""Reading a built site as a browser would: the links, anchors and resources of each HTML page."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class PageInfo:
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[str] = field(default_factory=list)  # stylesheets, scripts, images, iframes, ...
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang → href
    meta: dict[str, list[str]] = field(default_factory=dict)  # name/property → contents
    switcher: dict[str, str] = field(default_factory=dict)  # language switcher: lang → href
    title: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        info = self.info
        if "id" in a:
            info.ids.add(a["id"])
        if tag == "html":
            info.lang = a.get("lang", "")
        elif tag == "a" and "href" in a:
            info.links.append(a["href"])
            if "md-select__link" in a.get("class", ""):
                info.switcher[a.get("hreflang", "")] = a["href"]
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            info.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and "href" in a:
            info.resources.append(a["href"])
        elif tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and "src" in a:
            info.resources.append(a["src"])
        elif tag == "meta" and ("name" in a or "property" in a):
            info.meta.setdefault(a.get("name") or a.get("property"), []).append(a.get("content", ""))
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.info.title += data


@cache
def page(path: Path) -> PageInfo:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.info


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page_path: Path, href: str) -> tuple[Path | None, str]:
    """The file and fragment an internal link points at; (None, "") for external or special links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None, ""
    if not parts.path:
        return page_path, unquote(parts.fragment)
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = Path(posixpath.normpath(str(page_path.parent / unquote(parts.path))))
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal link or resource whose file or #anchor does not exist."""
    problems = []
    for path in html_pages(site):
        info = page(path)
        for href in info.links + info.resources:
            target, fragment = resolve(site, path, href)
            if target is None:
                continue
            if not target.exists():
                problems.append(f"{path.relative_to(site)}: {href} → missing {target}")
            elif fragment and target.suffix == ".html" and fragment not in page(target).ids:
                problems.append(f"{path.relative_to(site)}: {href} → no #{fragment} in {target.relative_to(site)}")
    return problems


def foreign_resources(site: Path, own_host: str) -> list[str]:
    """Stylesheets, scripts, images and frames that a page would load from another host."""
    found = []
    for path in html_pages(site):
        for src in page(path).resources:
            host = urlsplit(src).netloc
            if host and host != own_host:
                found.append(f"{path.relative_to(site)}: {src}")
    return found


def switcher_mismatches(site: Path, langs: tuple[str, ...]) -> list[str]:
    """Language-switcher entries that do not lead to the same page in the other language."""
    found = []
    for lang in langs:
        for path in html_pages(site / lang):
            if path.name == "404.html":
                continue
            here = path.relative_to(site / lang)
            for other, href in page(path).switcher.items():
                target, _ = resolve(site, path, href)
                if target != site / other / here:
                    found.append(f"{lang}/{here}: {other} → {href}")
    return found
