"""Model → one tree of pages per language, through Jinja templates in `templates/pages/`.

The list of pages comes from the page kinds (`kinds`); each page names its template and context.
Templates get UI words from gettext (`{% trans %}`, `_()`), numbers and dates from Babel filters,
links as addresses relative to the page, and every author text as HTML from the one converter of
`markup` (the trust boundary): a page's body is finished HTML, which any engine passes on as it is.
Each page is a `.md` file with its front matter (title, description, what search indexes), so that
MkDocs and Zensical build the same tree.
"""
from __future__ import annotations

import datetime
import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import i18n, typography, urls
from ..i18n import Catalogs
from ..markup import Converter
from ..model import LANGS, Assignment, Evaluation, Identity, Indicator, Site
from . import charts, dashboards, explorer, fragments, kinds, labels, picture, static_words
from .pieces import Here, Pieces


@dataclass(frozen=True)
class RenderSettings:
    """What one language's rendering needs besides the model: where templates are looked up (the
    site project's own first), its catalogs, the site's names per language, the public address
    (None: absolute addresses are left out), the day due dates are judged against, the site
    project's Markdown extensions, the work folder (compiled templates are kept there) and the
    open data's description (the data dictionary shows it)."""

    templates: tuple[Path, ...]
    catalogs: Catalogs
    identities: dict[str, Identity]
    work_dir: Path
    site_url: str | None = None
    as_of: datetime.date | None = None
    extensions: tuple[str | dict, ...] = ()
    data_tables: tuple[Any, ...] = ()
    type_words: dict[str, str] | None = None


def environment(lang: str, settings: RenderSettings) -> jinja2.Environment:
    """A Jinja environment speaking `lang`: its catalog, its Babel formats; templates are searched in
    `settings.templates` in order (a site project's overrides, then the tool's templates)."""
    gettext = settings.catalogs.gettext(lang)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(settings.templates),
        extensions=["jinja2.ext.i18n", static_words.StaticWords],
        autoescape=lambda name: not (name or "").endswith(".txt.j2"),  # a picture's words are plain text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(settings.catalogs.translations(lang), newstyle=True)
    static_words.install(env, gettext, settings.work_dir / "templates" / f"{lang}-{settings.catalogs.digest(lang)}")
    env.globals.update(lang=lang, langs=LANGS, urls=urls, colon=typography.for_language(":", lang))
    env.filters.update(
        number=partial(i18n.format_number, lang=lang),
        percent=partial(i18n.format_percent, lang=lang),
        date=partial(i18n.format_date, lang=lang),
        day=partial(i18n.format_day, lang=lang),
        size=partial(i18n.format_size, lang=lang),
        country=partial(i18n.country_name, lang=lang),
        language=partial(i18n.language_name, in_lang=lang),
        lower_first=fragments.lower_first,
        yaml_str=_yaml_str,
        in_evaluation=lambda actions, ev: [Assignment(ev, act) for act in actions],
        per_evaluation=_per_evaluation,
    )
    return env


def navigation(lang: str, catalogs: Catalogs) -> list[dict[str, str]]:
    """The engines' `nav` of one language: the same few entries whatever the number of evaluations,
    since every page renders it (a growing nav makes build cost grow with the square of the pages).
    Each evaluation's pages carry a tab bar of their own instead (`sections`). Titles are given here,
    not read from the pages, so that a build of only the changed pages still has every title."""
    _ = catalogs.gettext(lang)
    return [{_(words): urls.source_file(url)} for words, url in kinds.navigation()]


def render_language(site: Site, lang: str, settings: RenderSettings, keep: Collection[str] = (), pieces: Pieces | None = None,
                    ) -> dict[str, str | bytes]:
    """The page tree of one language: source path → text (bytes for pictures), but for the pages in
    `keep` (still current from an earlier run) and, without a site URL, the pages made only of
    absolute addresses. `pieces` are the kept pieces of the pages that gather all evaluations."""
    env = environment(lang, settings)
    identity = settings.identities[lang]
    as_of = settings.as_of or datetime.date.today()
    site_url = settings.site_url
    gettext = settings.catalogs.gettext(lang)
    markup = Converter(settings.extensions, gettext("Back to footnote %d in the text"))
    here = Here()
    pieces = pieces or Pieces({}, {})
    words = labels.for_language(gettext)
    env.globals.update(
        absolute=lambda url: f"{site_url}{lang}/{url}" if site_url else None, as_of=as_of, dashboards=dashboards, site_url=site_url,
        explorer=explorer, site_name=identity.name, site_description=identity.description, publisher=identity.publisher,
        site=site, here=here, link=here.link, piece=partial(pieces.piece, here), L=words, sections=_sections(gettext),
        data_tables=settings.data_tables, type_words=settings.type_words or {})
    found = fragments.make(env, lang, site, words, here.link, as_of, settings.catalogs, markup)
    env.filters.update(found.filters())
    _add_site_filters(env, site, lang, gettext)
    files: dict[str, str | bytes] = {}
    for page in kinds.site_pages(site):
        if page.source in keep or (page.kind.absolute and not site_url):
            continue
        here.page = page
        rendered = env.get_template(page.template).render(page=page, **page.context)
        files[page.source] = _picture(rendered, page.context["ev"]) if page.source.endswith(".png") else rendered
    return files


def _sections(gettext: Any) -> Any:
    """The sections of an evaluation for its tab bar, in the page's language: (section, address, words)."""
    return lambda ev: [(section, url, Markup(gettext(words))) for section, url, words in kinds.sections(ev)]


def _add_site_filters(env: jinja2.Environment, site: Site, lang: str, gettext: Any) -> None:
    """Filters that need the model: an organisation's short name from its id, a chart's labels."""
    def org_short(org_id: str) -> str:
        org = site.organisation(org_id)
        return (org.short or org.name).shown(lang).text

    env.filters["org_short"] = org_short
    env.filters["org_short_names"] = lambda ids: {org_id: org_short(org_id) for org_id in ids}
    env.filters["short_titles"] = lambda slugs: {slug: site.evaluation(slug).short.shown(lang).text for slug in slugs}

    def row_label(who: str, series_id: str | None, indicator: Indicator | None = None) -> str:
        name = gettext("Total") if who == "total" else org_short(who)
        if series_id and indicator:
            label = next(s.label for s in indicator.series if s.id == series_id).shown(lang).text
            return label if len(indicator.rows()) == len(indicator.series) else f"{name}: {label}"
        return name

    def chart(indicator: Indicator, narrow: bool = False) -> charts.Chart | None:
        def guide(kind: str, value: float) -> str:
            return (gettext("Baseline") if kind == "baseline" else gettext("Target")) + " " + i18n.format_number(value, lang)

        return charts.indicator_chart(indicator, lambda who, part: row_label(who, part, indicator),
                                      lambda v: i18n.format_number(v, lang), guide, charts.NARROW if narrow else charts.WIDE)

    env.globals.update(row_label=row_label, indicator_chart=chart)


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


def _picture(words: str, ev: Evaluation) -> bytes:
    """A link-preview picture from the lines its template wrote (templates/pages/preview.txt.j2), plain text."""
    site_name, title, subtitle, *lines = [line for line in words.splitlines() if line.strip()]
    segments = [(key, n) for key, n in dashboards.by_status(ev.actions).items if n] if ev.has_response else []
    return picture.draw(picture.PreviewText(site_name, title, subtitle, lines, segments))


def plain_environment(templates: Sequence[Path]) -> jinja2.Environment:
    """An environment without a language, for the pages at the site's root (`root`), which speak all three."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(list(templates)), autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
