"""The page being rendered, and the pieces of pages kept from one build to the next."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from .. import urls
from ..model import Evaluation
from .kinds import Page


class Here:
    """The page being rendered, for the templates' `link()` and `here.page`. Macro files are
    imported without the page's context, so Jinja evaluates each of them once per language rather
    than once per page (an import with context costs a new module every time); what they need of the
    page they read here."""

    page: Page

    def link(self, target: str) -> str:
        """`target` (site-relative) as a link from the page being rendered."""
        return urls.relative(target, self.page.url)


class Pieces:
    """One evaluation's share of a page that gathers all evaluations (its rows in All actions or on an
    organisation's page, its cards in an explorer), kept from one build to the next while that
    evaluation's key (`freshness`) holds: after an edit, such a page is a join of kept pieces and the
    edited evaluation's new one, not rendered whole again. `stored` is what an earlier build kept;
    `used` what this one used, to keep for the next."""

    def __init__(self, keys: Mapping[str, str], stored: Mapping[tuple[str, str, str], tuple[str, str]]):
        self.keys, self.stored = keys, stored
        self.used: dict[tuple[str, str, str], tuple[str, str]] = {}

    def piece(self, here: Here, name: str, ev: Evaluation, render: Callable[..., str], *args: Any) -> Markup:
        """The piece `name` of `ev` on the page being rendered: as kept, or rendered by `render(*args)`."""
        key, current = (name, ev.slug, here.page.url), self.keys.get(ev.slug, "")
        kept = self.stored.get(key)
        html = kept[1] if kept and kept[0] == current and current else str(render(*args))
        self.used[key] = (current, html)
        return Markup(html)
