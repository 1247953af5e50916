"""The page kinds: each declared once, with its address, template, context, section, freshness scope
and search part. Everything that needs to know the pages is derived from here: the list of pages of a
language (`site_pages`), an evaluation's sections (`sections`), which pages a rebuild may keep (a
page of one evaluation is kept while that evaluation's key holds), the search index's parts, and the
page kinds the tests visit (`samples`).

Adding a page kind: declare it in `KINDS` (its template goes in templates/pages/, its words in the
catalogs); a section of an evaluation gets `section` and `tab`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import urls
from ..model import Evaluation, Site
from . import explorer


def N_(message: str) -> str:
    """Marks a string for the catalogs; templates translate it."""
    return message


@dataclass(frozen=True)
class PageKind:
    """One kind of page. `pages` lists its pages for a site; `section` is the evaluation section it is
    shown under (its tab is marked as current), and `tab` the tab's words when the kind is that section's
    own page. `search`: "site" (the search index's main part), "evaluation" (its evaluation's block of the
    index) or None (kept out of search: lists and plans that gather texts shown on their own pages).
    `absolute`: made of absolute addresses only, left out without a site URL. `nav`: the words of its
    entry in the site's navigation."""

    name: str
    template: str
    listing: Callable[[PageKind, Site], Iterable[Page]]
    section: str | None = None
    tab: str | None = None
    search: str | None = "site"
    absolute: bool = False
    nav: str | None = None
    html: bool = True  # a page readers see (not a data file, a feed or a picture)
    tab_shown: Callable[[Evaluation], Any] = lambda ev: True  # whether an evaluation's tab bar lists it

    def pages(self, site: Site) -> list[Page]:
        return list(self.listing(self, site))

    def pages_for(self, ev: Evaluation) -> list[Page]:
        """This kind's pages of one evaluation."""
        return [page for page in self.pages(Site((), (ev,))) if page.evaluation is ev]


@dataclass(frozen=True)
class Page:
    """One page: its kind, its address (site-relative) and what its template needs."""

    kind: PageKind
    url: str
    context: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The file an engine reads: `x/index.md` for a page at `x/`; files such as `feed.xml` as they are."""
        return urls.source_file(self.url) if self.url.endswith("/") or not self.url else self.url

    @property
    def evaluation(self) -> Evaluation | None:
        """The evaluation this page belongs to (its pages are rendered again when it changes), if any."""
        return self.context.get("ev")

    @property
    def template(self) -> str:
        return f"pages/{self.kind.template}"


def _one(url: str) -> Callable[[PageKind, Site], list[Page]]:
    return lambda kind, site: [Page(kind, url)]


def _per_evaluation(url: Callable[[Evaluation], str], exists: Callable[[Evaluation], Any] = lambda ev: True,
                    ) -> Callable[[PageKind, Site], list[Page]]:
    return lambda kind, site: [Page(kind, url(ev), {"ev": ev}) for ev in site.evaluations if exists(ev)]


def _explorer_pages(name: str) -> Callable[[PageKind, Site], list[Page]]:
    def listed(kind: PageKind, site: Site) -> list[Page]:
        parts = explorer.pages(site, name)
        return [Page(kind, urls.explorer(name, n), {"kind": name, "number": n, "count": len(parts), "items": part})
                for n, part in enumerate(parts, start=1)]
    return listed


KINDS: tuple[PageKind, ...] = (
    PageKind("home", "home.md.j2", _one(urls.home()), nav=N_("Home")),
    PageKind("evaluations", "evaluations.md.j2", _one(urls.evaluations()), search=None, nav=N_("Evaluations")),
    PageKind("recommendation-explorer", "explorer.md.j2", _explorer_pages("recommendations"), search=None, nav=N_("Recommendations")),
    PageKind("finding-explorer", "explorer.md.j2", _explorer_pages("findings"), search=None, nav=N_("Findings")),
    PageKind("all-actions", "all_actions.md.j2", _one(urls.all_actions()), search=None, nav=N_("All actions")),
    PageKind("dashboard", "dashboard.md.j2", _one(urls.dashboard()), search=None, nav=N_("Follow-up dashboard")),
    PageKind("organisations", "organisations.md.j2", _one(urls.organisations()), search=None, nav=N_("Organisations")),
    PageKind("data", "data.md.j2", _one(urls.data()), search=None, nav=N_("Open data")),
    PageKind("organisation", "organisation.md.j2",
             lambda kind, site: [Page(kind, urls.organisation(org), {"org": org}) for org in site.organisations], search=None),
    PageKind("evaluation", "evaluation.md.j2", _per_evaluation(urls.evaluation), section="overview", tab=N_("Overview"),
             search="evaluation"),
    PageKind("recommendations", "recommendations.md.j2", _per_evaluation(urls.recommendations), section="recommendations",
             tab=N_("Recommendations"), search=None),
    PageKind("recommendation", "recommendation.md.j2",
             lambda kind, site: [Page(kind, urls.recommendation(ev, rec), {"ev": ev, "rec": rec})
                                 for ev in site.evaluations for rec in ev.recommendations],
             section="recommendations", search="evaluation"),
    PageKind("response", "response.md.j2", _per_evaluation(urls.response, lambda ev: ev.has_response), section="response",
             tab=N_("Management response"), search=None),
    PageKind("action-plan", "action_plan.md.j2", _per_evaluation(urls.action_plan), section="actions",
             tab=N_("Action plan"), search=None, tab_shown=lambda ev: ev.has_response),
    PageKind("action", "action.md.j2",
             lambda kind, site: [Page(kind, urls.action(ev, act), {"ev": ev, "act": act}) for ev in site.evaluations for act in ev.actions],
             section="actions", search="evaluation"),
    PageKind("evaluation-dashboard", "evaluation_dashboard.md.j2", _per_evaluation(urls.evaluation_dashboard),
             section="dashboard", tab=N_("Follow-up"), search=None, tab_shown=lambda ev: ev.has_response),
    PageKind("findings", "findings.md.j2", _per_evaluation(urls.findings, lambda ev: ev.findings), section="findings", tab=N_("Findings"),
             search=None),
    PageKind("finding", "finding.md.j2",
             lambda kind, site: [Page(kind, urls.finding(ev, f), {"ev": ev, "finding": f}) for ev in site.evaluations for f in ev.findings],
             section="findings", search="evaluation"),
    PageKind("report", "report.md.j2", _per_evaluation(urls.report, lambda ev: ev.report), section="report", tab=N_("Report"), search=None),
    PageKind("chapter", "chapter.md.j2",
             lambda kind, site: [Page(kind, urls.chapter(ev, c.id), {"ev": ev, "chapter": c})
                                 for ev in site.evaluations if ev.report for c in ev.report.chapters],
             section="report", search="evaluation"),
    PageKind("tables", "tables.md.j2", _per_evaluation(urls.tables, lambda ev: ev.tables), section="tables", tab=N_("Tables"), search=None),
    PageKind("indicators", "indicators.md.j2", _per_evaluation(urls.indicators, lambda ev: ev.objectives), section="indicators",
             tab=N_("Indicators"), search="evaluation"),
    PageKind("preview-picture", "preview.txt.j2", _per_evaluation(urls.preview_image), search=None, html=False),
    PageKind("feed", "feed.xml.j2", _one("feed.xml"), search=None, absolute=True, html=False),
    PageKind("explorer-index", "explorer_index.json.j2",
             lambda kind, site: [Page(kind, urls.explorer_index(name), {"kind": name}) for name in explorer.KINDS],
             search=None, html=False),
    PageKind("explorer-data", "explorer_chunk.json.j2",
             lambda kind, site: [Page(kind, urls.explorer_data(name, ev), {"kind": name, "ev": ev})
                                 for name in explorer.KINDS for ev in explorer.items_by_evaluation(site, name)],
             search=None, html=False),
)


def site_pages(site: Site) -> list[Page]:
    """Every page of one language's tree; the same list in every language."""
    return [page for kind in KINDS for page in kind.pages(site)]


def sections(ev: Evaluation) -> list[tuple[str, str, str]]:
    """An evaluation's sections, as its tab bar lists them: (section, address, the tab's words untranslated)."""
    found = []
    for kind in KINDS:
        if kind.tab and kind.tab_shown(ev):
            pages = kind.pages_for(ev)
            if pages:
                found.append((kind.section, pages[0].url, kind.tab))
    return found


def navigation() -> list[tuple[str, str]]:
    """The site's navigation: the words (untranslated) and address of each entry, the same few entries
    whatever the number of evaluations, since every page renders it."""
    return [(kind.nav, kind.pages(Site(()))[0].url) for kind in KINDS if kind.nav]


def samples(site: Site) -> list[str]:
    """The first page of every kind readers see, of every evaluation (a kind may look different in
    each, with or without a response): the addresses the tests visit to cover every kind."""
    found: dict[tuple[str, str], str] = {}
    for page in site_pages(site):
        if page.kind.html:
            found.setdefault((page.kind.name, page.evaluation.slug if page.evaluation else ""), page.url)
    return list(dict.fromkeys(found.values()))
