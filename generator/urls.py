"""Addresses of pages and anchors, derived from ids only and identical in every language.

A site-relative address has no language prefix and no leading slash (`evaluations/x/actions/`), as
MkDocs' `page.url`; pages link to each other with addresses made relative to themselves, so the site
works under any path prefix and from a plain folder. Ids are shown as their authors write them
(`R1.1`); an address uses the id's `slug`, its lower-case form, so that capitals never matter in a link.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from .model import Action, Evaluation, Finding, Organisation, Recommendation


def slug(entity_id: str) -> str:
    """A recommendation's or action's id as it appears in addresses and anchors: `R1.1` → `r1.1`
    (lower-case ids are their own slug). The loader refuses two ids of one evaluation with the same slug."""
    return entity_id.lower()


def home() -> str:
    return ""


def evaluations() -> str:
    return "evaluations/"


def evaluation(ev: Evaluation) -> str:
    return f"{evaluations()}{ev.slug}/"


def recommendations(ev: Evaluation) -> str:
    return f"{evaluation(ev)}recommendations/"


def recommendation(ev: Evaluation, rec: Recommendation) -> str:
    return f"{recommendations(ev)}{slug(rec.id)}/"


def evaluation_dashboard(ev: Evaluation) -> str:
    return f"{evaluation(ev)}dashboard/"


def dashboard() -> str:
    return "dashboard/"


def data() -> str:
    """The data dictionary page; the files themselves are at /data/ beside the language trees."""
    return "data/"


def response(ev: Evaluation) -> str:
    """The management response as one document: every recommendation, its position, response and key actions."""
    return f"{evaluation(ev)}response/"


def action_plan(ev: Evaluation) -> str:
    return f"{evaluation(ev)}actions/"


def action(ev: Evaluation, act: Action) -> str:
    return f"{action_plan(ev)}{slug(act.id)}/"


def entity(ev: Evaluation, item: Recommendation | Action) -> str:
    return recommendation(ev, item) if isinstance(item, Recommendation) else action(ev, item)


def report(ev: Evaluation) -> str:
    return f"{evaluation(ev)}report/"


def chapter(ev: Evaluation, chapter_id: str) -> str:
    return f"{report(ev)}{chapter_id}/"


def paragraph(ev: Evaluation, number: int) -> str:
    """The permanent address of a numbered paragraph: its chapter page, anchor `#p-N`."""
    return f"{chapter(ev, ev.report.chapter_of(number).id)}#p-{number}"


def preview_image(ev: Evaluation) -> str:
    """The evaluation's link-preview image (Open Graph), drawn at build time in each language."""
    return f"{evaluation(ev)}preview.png"


def tables(ev: Evaluation) -> str:
    return f"{evaluation(ev)}tables/"


def indicators(ev: Evaluation) -> str:
    return f"{evaluation(ev)}indicators/"


def indicator(ev: Evaluation, indicator_id: str) -> str:
    return f"{indicators(ev)}#indicator-{indicator_id}"


def organisations() -> str:
    return "organisations/"


def organisation(org: Organisation) -> str:
    return f"{organisations()}{org.id}/"


def all_actions() -> str:
    return "actions/"


def anchor(item: Recommendation | Action) -> str:
    """The id of an entity's row or card on list pages: `rec-r1`, `action-1.1`."""
    return f"rec-{slug(item.id)}" if isinstance(item, Recommendation) else f"action-{slug(item.id)}"


def source_file(url: str) -> str:
    """The Markdown file MkDocs turns into the page at `url` (directory URLs: `x/` ← `x/index.md`)."""
    return f"{url}index.md"


def relative(target: str, start: str) -> str:
    """`target` as a link from the page at `start`, both site-relative; keeps any `#anchor`."""
    path, _, fragment = target.partition("#")
    if path == start:
        rel = ""
    else:  # posixpath.relpath, without its trips to the file system: addresses are plain segments
        into, here = [p for p in path.split("/") if p], [p for p in start.split("/") if p]
        common = 0
        while common < min(len(into), len(here)) and into[common] == here[common]:
            common += 1
        rel = "/".join([".."] * (len(here) - common) + into[common:])
        rel = "./" if not rel else rel + ("/" if path.endswith("/") or not path else "")
    return rel + (f"#{fragment}" if fragment else "") if rel or fragment else "./"


def site_path(site_url: str) -> str:
    """The path part of the site's public address (`/` or `/evalsite/`): where root-relative links start."""
    return urlsplit(site_url).path or "/"


# --- Findings and the cross-evaluation explorers ------------------------------------------------


def findings(ev: Evaluation) -> str:
    return f"{evaluation(ev)}findings/"


def finding(ev: Evaluation, item: Finding) -> str:
    return f"{findings(ev)}{item.id}/"


def explorer(kind: str, page: int = 1) -> str:
    """The explorer of all recommendations or all findings (`kind`); the list without JavaScript
    continues on numbered pages (`recommendations/2/`)."""
    return f"{kind}/" if page == 1 else f"{kind}/{page}/"


def explorer_data(kind: str, ev: Evaluation) -> str:
    """One evaluation's share of an explorer's facet data, loaded by the explorer's script as needed."""
    return f"{kind}/data/{ev.slug}.json"


def explorer_index(kind: str) -> str:
    """What the explorer's script loads first: per evaluation, how many items each facet value has."""
    return f"{kind}/data/index.json"
