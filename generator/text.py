"""Authors' Markdown (in YAML texts and narrative files) turned into HTML fragments for pages.

Texts are converted here rather than left to MkDocs because a page wraps each one in an element that
carries its language (`lang`) and, for a fallback, a notice; MkDocs passes such HTML blocks through.
"""
from __future__ import annotations

import html
import re

import markdown
from markupsafe import Markup

_EXTENSIONS = ["sane_lists", "attr_list", "tables"]
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def to_html(text: str) -> Markup:
    """Block Markdown → HTML."""
    return Markup(markdown.markdown(text, extensions=_EXTENSIONS, output_format="html"))


def to_inline_html(text: str) -> Markup:
    """Markdown of one line (a title) → HTML without the surrounding paragraph."""
    rendered = markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")
    return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S))


def md_escape(text: str) -> Markup:
    """Plain text made safe to place inside a Markdown line (a heading), shown exactly as written.
    Only `&`, `<` and `>` become entities: quotes stay as they are, so tables of contents show them."""
    html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MD_SPECIAL.sub(r"\\\1", html))


def plain(text: str) -> str:
    """Markdown reduced to one line of plain text, for `<title>`, descriptions and previews."""
    rendered = markdown.markdown(text, extensions=_EXTENSIONS)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rendered)).strip())
