"""Model → one tree of Markdown pages per language, through Jinja templates in `templates/pages/`.

The list of pages is a view of the model (`site_pages`); each page names its template and context.
Templates get UI words from gettext (`{% trans %}`, `_()`), numbers and dates from Babel filters, and
links as addresses relative to the page, so nothing here builds HTML or knows a UI word.
"""
from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import i18n, typography, urls
from .. import markup as text
from ..content.project import Identity, default_project
from ..content.report import REFERENCE
from ..model import LANGS, Assignment, Evaluation, Indicator, Shown, Site
from ..opendata import documents as opendata
from ..opendata import feeds
from ..opendata import findings as opendata_findings
from . import charts, dashboards, explorer, fragments, labels, static_words
from . import picture as preview

PAGE_TEMPLATES = Path("pages")


@dataclass(frozen=True)
class Page:
    """One generated page: its address, the template that renders it and what the template needs."""

    url: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = False  # listed in the navigation (see `navigation`), which the theme needs to know
    needs_site_url: bool = False  # made of absolute addresses: left out when no site URL is configured

    @property
    def source(self) -> str:
        """The file MkDocs reads: `x/index.md` for a page at `x/`; files such as `feed.xml` as they are."""
        return self.url if not self.url.endswith("/") and self.url else urls.source_file(self.url)


def site_pages(site: Site) -> list[Page]:
    """Every page of one language's tree; the same list in every language."""
    pages = [Page(urls.home(), "home.md.j2", in_nav=True),
             Page(urls.evaluations(), "evaluations.md.j2", in_nav=True),
             Page(urls.all_actions(), "all_actions.md.j2", in_nav=True),
             Page(urls.dashboard(), "dashboard.md.j2", in_nav=True),
             Page(urls.organisations(), "organisations.md.j2", in_nav=True),
             Page(urls.data(), "data.md.j2", in_nav=True),
             Page("feed.xml", "feed.xml.j2", needs_site_url=True)]
    pages += [Page(urls.organisation(org), "organisation.md.j2", {"org": org}) for org in site.organisations]
    for ev in site.evaluations:
        pages += [Page(urls.evaluation(ev), "evaluation.md.j2", {"ev": ev}),
                  Page(urls.recommendations(ev), "recommendations.md.j2", {"ev": ev}),
                  Page(urls.action_plan(ev), "action_plan.md.j2", {"ev": ev}),
                  Page(urls.evaluation_dashboard(ev), "evaluation_dashboard.md.j2", {"ev": ev})]
        pages += [Page(urls.recommendation(ev, rec), "recommendation.md.j2", {"ev": ev, "rec": rec})
                  for rec in ev.recommendations]
        pages += [Page(urls.action(ev, act), "action.md.j2", {"ev": ev, "act": act}) for act in ev.actions]
        if ev.report:
            pages.append(Page(urls.report(ev), "report.md.j2", {"ev": ev}))
            pages += [Page(urls.chapter(ev, c.id), "chapter.md.j2", {"ev": ev, "chapter": c}) for c in ev.report.chapters]
        if ev.tables:
            pages.append(Page(urls.tables(ev), "tables.md.j2", {"ev": ev}))
        if ev.objectives:
            pages.append(Page(urls.indicators(ev), "indicators.md.j2", {"ev": ev}))
        pages.append(Page(urls.preview_image(ev), "preview.txt.j2", {"ev": ev}))
        if ev.findings:
            pages.append(Page(urls.findings(ev), "findings.md.j2", {"ev": ev}))
            pages += [Page(urls.finding(ev, f), "finding.md.j2", {"ev": ev, "finding": f}) for f in ev.findings]
    for kind in explorer.KINDS:  # across evaluations: a list in pages, an index, and each evaluation's facet data
        parts = explorer.pages(site, kind)
        pages += [Page(urls.explorer(kind, n), "explorer.md.j2", {"kind": kind, "number": n, "count": len(parts), "items": part}, in_nav=n == 1)
                  for n, part in enumerate(parts, start=1)]
        pages.append(Page(urls.explorer_index(kind), "explorer_index.json.j2", {"kind": kind}))
        pages += [Page(urls.explorer_data(kind, ev), "explorer_chunk.json.j2", {"kind": kind, "ev": ev})
                  for ev in explorer.items_by_evaluation(site, kind)]
    return pages


def navigation(lang: str) -> list[Any]:
    """The MkDocs `nav` of one language: the same few entries whatever the number of evaluations,
    since every page renders it (a growing nav makes build cost grow with the square of the pages).
    Each evaluation's pages carry a navigation of their own instead (`evaluation_nav` in the macros).
    Titles are given here, not read from the pages, so that a build of only the changed pages
    (MkDocs' dirty build) still has every title."""
    _ = i18n.translations(lang).gettext
    entries = [(_("Home"), urls.home()), (_("Evaluations"), urls.evaluations()), (_("Recommendations"), urls.explorer("recommendations")),
               (_("Findings"), urls.explorer("findings")), (_("All actions"), urls.all_actions()), (_("Follow-up dashboard"), urls.dashboard()),
               (_("Organisations"), urls.organisations()), (_("Open data"), urls.data())]
    return [{title: urls.source_file(url)} for title, url in entries]


def environment(lang: str, templates_dir: Path | Sequence[Path]) -> jinja2.Environment:
    """A Jinja environment speaking `lang`: its catalog, its Babel formats. `templates_dir` may be
    a list of folders, searched in order (a site project's overrides, then the tool's templates)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        extensions=["jinja2.ext.i18n", static_words.StaticWords],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    static_words.install(env, i18n.translations(lang).gettext, i18n.catalog_files(lang))
    env.globals.update(lang=lang, langs=LANGS, urls=urls, colon=typography.for_language(":", lang))
    env.filters.update(
        number=partial(i18n.format_number, lang=lang),
        percent=partial(i18n.format_percent, lang=lang),
        date=partial(i18n.format_date, lang=lang),
        day=partial(i18n.format_day, lang=lang),
        size=partial(i18n.format_size, lang=lang),
        country=partial(i18n.country_name, lang=lang),
        language=partial(i18n.language_name, in_lang=lang),
        md=lambda shown: text.to_html(shown.text),
        md_inline=lambda shown: text.to_inline_html(shown.text),
        md_escape=text.md_escape,
        tag_footnotes=text.tag_footnotes,
        plain=_plain,
        lower_first=fragments.lower_first,
        yaml_str=_yaml_str,
        in_evaluation=lambda actions, ev: [Assignment(ev, act) for act in actions],
        per_evaluation=_per_evaluation,
    )
    return env


def add_site_filters(env: jinja2.Environment, site: Site, lang: str) -> None:
    """Filters that need the model: an organisation's short name from its id."""
    def org_short(org_id: str) -> str:
        org = site.organisation(org_id)
        return (org.short or org.name).shown(lang).text

    env.filters["org_short"] = org_short
    env.filters["org_short_names"] = lambda ids: {org_id: org_short(org_id) for org_id in ids}
    env.filters["short_titles"] = lambda slugs: {slug: site.evaluation(slug).short.shown(lang).text for slug in slugs}
    _ = i18n.translations(lang).gettext

    def row_label(who: str, series_id: str | None, indicator: Indicator | None = None) -> str:
        name = _("Total") if who == "total" else org_short(who)
        if series_id and indicator:
            label = next(s.label for s in indicator.series if s.id == series_id).shown(lang).text
            return label if len(indicator.rows()) == len(indicator.series) else f"{name}: {label}"
        return name

    def chart(indicator: Indicator, narrow: bool = False) -> charts.Chart | None:
        def guide(kind: str, value: float) -> str:
            return (_("Baseline") if kind == "baseline" else _("Target")) + " " + i18n.format_number(value, lang)

        return charts.indicator_chart(indicator, lambda who, part: row_label(who, part, indicator),
                                      lambda v: i18n.format_number(v, lang), guide, charts.NARROW if narrow else charts.WIDE)

    env.globals.update(row_label=row_label, indicator_chart=chart)


def _plain(value: Shown | str) -> str:
    return text.plain(value.text if isinstance(value, Shown) else value)


def _per_evaluation(rows: Iterable[Any]) -> list[tuple[Evaluation, list[Any]]]:
    """Rows of several evaluations (Assignments, or (evaluation, item) pairs), as each evaluation with its
    rows, in the order they come."""
    return [(ev, list(group)) for ev, group in itertools.groupby(rows, key=lambda row: row[0] if isinstance(row, tuple) else row.evaluation)]


def _yaml_str(value: str) -> Markup:
    """A value written into YAML front matter as a double-quoted string of plain text (the theme
    escapes it where it goes into HTML)."""
    if isinstance(value, Markup):
        value = value.unescape()
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(f'"{escaped}"')


def render_language(site: Site, lang: str, templates_dir: Path | Sequence[Path], site_url: str | None = "/",
                    as_of: datetime.date | None = None, keep: Collection[str] = (), identity: Identity | None = None,
                    pieces: Pieces | None = None) -> dict[str, str | bytes]:
    """The page tree of one language: source path → text (bytes for pictures), but for the pages in `keep` (still
    current from an earlier run). `site_url` is the public address of the site, for the places that
    need an absolute link (citation, feeds); without one (None) they are left out: `absolute()`
    gives None and the pages made only of absolute addresses are not written. `as_of` is the date
    against which due dates are judged (default: today); `identity` the site's name and description
    (default: the tool's); `pieces` the kept pieces of the pages that gather all evaluations (default: none kept)."""
    env = environment(lang, templates_dir)
    identity = identity or default_project().identity(lang)
    env.globals.update(absolute=lambda url: f"{site_url}{lang}/{url}" if site_url else None, as_of=as_of or datetime.date.today(),
                       dashboards=dashboards, site_url=site_url, opendata=opendata, feed_entries=feeds.feed_entries, explorer=explorer,
                       opendata_findings=opendata_findings,
                       site_name=identity.name, site_description=identity.description, publisher=identity.publisher)
    add_site_filters(env, site, lang)
    here = Here()
    pieces = pieces or Pieces({}, {})
    env.globals.update(site=site, here=here, link=here.link, piece=partial(pieces.piece, here),
                       refs=partial(_paragraph_refs, link=here.link), L=labels.for_language(i18n.translations(lang).gettext))
    env.filters.update(fragments.make(env, lang, site, env.globals["L"], here.link, env.globals["as_of"]).filters())
    files = {}
    for page in site_pages(site):
        if page.source in keep or (page.needs_site_url and not site_url):
            continue
        template = env.get_template(str(PAGE_TEMPLATES / page.template))
        here.page = page
        rendered = template.render(page=page, **page.context)
        files[page.source] = _picture(rendered, page.context["ev"]) if page.source.endswith(".png") else rendered
    return files


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


def _picture(words: str, ev: Evaluation) -> bytes:
    """A link-preview picture from the lines its template wrote (templates/pages/preview.txt.j2)."""
    site_name, title, subtitle, *lines = [line for line in words.splitlines() if line.strip()]
    segments = [(key, n) for key, n in dashboards.by_status(ev.actions).items if n] if ev.has_response else []
    return preview.draw(preview.PreviewText(site_name, title, subtitle, lines, segments))


def _paragraph_refs(markdown_text: str, ev: Evaluation, lang: str, link: Callable[[str], str]) -> Markup:
    """`[§94]` in a report's Markdown (in language `lang`) → a link to paragraph 94 wherever it is (the loader
    checked it exists). The result is the author's Markdown, typeset for its language, not HTML-escaped."""
    typeset = typography.for_language(markdown_text, lang)
    return Markup(REFERENCE.sub(lambda m: f"[§{m[1]}]({link(urls.paragraph(ev, int(m[1])))})", typeset))



