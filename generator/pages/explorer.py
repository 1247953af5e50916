"""The explorers of recommendations and of findings across all evaluations: what each item is
tagged with (its facet values), and the data files the explorer's script reads.

The script (templates/assets/explorer.js) first loads a small index: per evaluation, how many items
have each facet value. From it, it knows which evaluations can match the reader's choice, and the
counts of every value when the other chosen facets concern whole evaluations; then it loads the
files of only those evaluations (one per evaluation and language: their items with their facet
values) to filter item by item. So the data grows with the site but what a reader loads grows with
the answer. Without JavaScript, the explorer's pages list every item (`PAGE_SIZE` per page).
"""
from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from .. import i18n, urls
from ..model import Evaluation, Finding, Recommendation, Site

PAGE_SIZE = 100
KINDS = ("recommendations", "findings")
FACETS = {
    "recommendations": ("evaluation", "year", "kind", "country", "theme", "criterion", "organisation", "position", "status", "follow-up",
                        "repeated"),
    "findings": ("evaluation", "year", "kind", "country", "theme", "criterion", "organisation", "type"),
}
EVALUATION_LEVEL = {  # facets whose value is the same for every item of an evaluation
    "recommendations": ("evaluation", "year", "kind"),
    "findings": ("evaluation", "year", "kind", "organisation"),
}
NONE = "none"  # the value of a facet the source leaves empty (no date, no response, no status published)

Item = tuple[Evaluation, Recommendation | Finding]


def items(site: Site, kind: str) -> list[Item]:
    """Every recommendation or finding, newest evaluation first (undated last), in each one's order."""
    ordered = sorted(site.evaluations, key=lambda ev: (ev.date is not None, str(ev.date or ""), ev.slug), reverse=True)
    return [(ev, item) for ev in ordered for item in (ev.recommendations if kind == "recommendations" else ev.findings)]


def pages(site: Site, kind: str) -> list[list[Item]]:
    """The explorer's list cut into pages for readers without JavaScript; at least one page."""
    found = items(site, kind)
    return [found[i:i + PAGE_SIZE] for i in range(0, len(found), PAGE_SIZE)] or [[]]


def facets(site: Site, ev: Evaluation, item: Recommendation | Finding, as_of: datetime.date) -> dict[str, list[str]]:
    """The values of every facet for one recommendation or finding. A theme brings its category
    along, so that choosing a category finds every theme in it."""
    categories = {site.themes.theme(code).category for code in item.themes} if site.themes else set()
    themes = [*item.themes, *sorted(c for c in categories - set(item.themes) if c)]
    values = {
        "evaluation": [ev.slug], "year": [str(ev.date.year) if ev.date else NONE], "kind": [ev.kind.value],
        "country": list(ev.countries_of(item)), "theme": themes,
    }
    if isinstance(item, Finding):
        return values | {"criterion": [item.criterion.value if item.criterion else NONE],
                         "organisation": list(ev.programme.partners), "type": [item.kind.value]}
    actions = ev.actions_for(item.id)
    response = ev.response(item.id)
    criteria = sorted({ev.finding(link.finding).criterion.value for link in item.findings if ev.finding(link.finding).criterion})
    organisations = list(dict.fromkeys([*ev.programme.partners, *(org for a in actions for org in a.in_charge)]))
    return values | {
        "criterion": criteria or [NONE], "organisation": organisations,
        "position": [response.position.value if response else NONE],
        "status": sorted({a.status.value if a.status else NONE for a in actions}),
        "follow-up": sorted({a.follow_up(as_of).value for a in actions}) or [NONE],
        "repeated": ["yes" if len(site.repeat_chain(ev.slug, item.id)) > 1 else "no"],
    }


def chunk(ev: Evaluation, kind: str, site: Site, lang: str, as_of: datetime.date, label: Callable[[Any], str]) -> dict[str, Any]:
    """One evaluation's items with their facet values, titles in `lang` and addresses (relative to
    the language's root); `label(ev, item)` names an item as the site does ("Recommendation 2")."""
    found = []
    for item in ev.recommendations if kind == "recommendations" else ev.findings:
        title = item.title.shown(lang)
        record: dict[str, Any] = {"id": item.id, "label": Markup(label(ev, item)).unescape().strip(), "title": title.text, "f": facets(site, ev, item, as_of),
                                  "url": urls.recommendation(ev, item) if kind == "recommendations" else urls.finding(ev, item)}
        if title.fallback:
            record["lang"] = title.lang
        if isinstance(item, Recommendation):
            record["actions"] = len(ev.actions_for(item.id))
            chain = site.repeat_chain(ev.slug, item.id)
            if len(chain) > 1:
                record["chain"] = [f"{e.slug}/{r.id}" for e, r in chain]
        else:
            record["ratings"] = [[r.scale, r.level] for r in item.ratings]
        found.append(record)
    return {"evaluation": ev.slug, "items": found}


def index(site: Site, kind: str, lang: str, as_of: datetime.date, fixed: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """What the script loads first: the facets, the label of every value in `lang` (`fixed` gives the
    words of the model's enumerations, from the catalogs) and, per evaluation, its count of items
    per facet value."""
    evaluations, used = [], {facet: set() for facet in FACETS[kind]}
    for ev in items_by_evaluation(site, kind):
        counts: dict[str, Counter] = {facet: Counter() for facet in FACETS[kind]}
        for item in ev.recommendations if kind == "recommendations" else ev.findings:
            for facet, values in facets(site, ev, item, as_of).items():
                counts[facet].update(values)
        for facet, counter in counts.items():
            used[facet].update(counter)
        evaluations.append({"s": ev.slug, "t": ev.short.shown(lang).text, "n": len(ev.recommendations if kind == "recommendations" else ev.findings),
                            "c": {facet: dict(sorted(counter.items())) for facet, counter in counts.items() if counter}})
    labels = {facet: {value: _label(site, facet, value, lang, fixed) for value in sorted(values)} for facet, values in used.items()}
    return {"kind": kind, "facets": list(FACETS[kind]), "evaluation_level": list(EVALUATION_LEVEL[kind]),
            "labels": labels, "evaluations": evaluations}


def items_by_evaluation(site: Site, kind: str) -> list[Evaluation]:
    """The evaluations in the explorer's order that have items of this kind."""
    seen: dict[str, Evaluation] = {}
    for ev, _ in items(site, kind):
        seen.setdefault(ev.slug, ev)
    return list(seen.values())


def _label(site: Site, facet: str, value: str, lang: str, fixed: Mapping[str, Mapping[str, str]]) -> str:
    if facet in fixed and value in fixed[facet]:
        return fixed[facet][value]
    if facet == "evaluation":
        return site.evaluation(value).short.shown(lang).text
    if facet == "country":
        return i18n.country_name(value, lang)
    if facet == "theme" and site.themes and site.themes.has(value):
        return f"{site.themes.theme(value).shown_name.shown(lang).text} ({value})"
    if facet == "organisation":
        org = site.organisation(value)
        return (org.short or org.name).shown(lang).text
    return value
