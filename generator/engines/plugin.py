"""evalsite's MkDocs plugin: a generated page's body is finished HTML, handed to MkDocs as it is.

The generator writes every page's body as HTML made through the one converter of `markup` (author
text cleaned by the allow-list); the page stays a `.md` file with front matter, so that any engine
builds the same tree. Converting that HTML as Markdown would only cost time: Python-Markdown would
walk it with its raw-HTML extractor and MkDocs would scan it again for anchors. For a page whose
front matter says `evalsite: html`, this plugin makes MkDocs take the body as the page's content,
with an empty table of contents (the pages carry their own contents lists). Zensical ignores the
plugin and converts the same file, whose HTML blocks Markdown leaves as they are; the suite checks
both give the same HTML (tests/test_engines.py).
"""
from __future__ import annotations

import types
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

MARKER = ("evalsite", "html")  # the front matter key and value of a page whose body is finished HTML


class EvalsitePlugin(BasePlugin):
    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        if page.meta.get(MARKER[0]) == MARKER[1]:
            page.render = types.MethodType(_as_html, page)  # this page only: MkDocs calls page.render next
        return markdown


def _as_html(page: Page, config: Any, files: Any) -> None:
    """What Page.render sets, for a body that is already HTML."""
    page.content = page.markdown
    page.toc = get_toc([])
    page.present_anchor_ids = set()
