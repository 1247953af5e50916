"""The small pieces of HTML every page repeats (a text in its language, a position or status badge, a
due date, a list of organisations, a recommendation's label), as Jinja filters written in Python.

A page shows a hundred of them or more. As Jinja macros each one went through Jinja's calling
machinery (a context, a frame, escaping of every piece): the generator spent a third of its time
there (docs/benchmarks.md). A filter is a plain function call from the compiled template. The words
still come from the catalogs (gettext) and the label maps (`labels`); the page templates still decide
what goes where.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from types import SimpleNamespace
from typing import Any

from jinja2.filters import do_truncate
from markupsafe import Markup, escape

from .. import i18n, typography, urls
from ..markup import Converter
from ..model import Action, Chapter, Evaluation, Finding, Organisation, Recommendation, Shown, Site, Text
from . import chapters, dashboards

SHOWN_FLAGS = ("overdue", "unreported", "due-soon")  # the due-date flags worth showing beside a due date


@dataclass
class Fragments:
    """The filters of one language's pages; `link` makes a site-relative address relative to the page being rendered."""

    lang: str
    site: Site
    labels: SimpleNamespace
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    link: Callable[[str], str]
    as_of: datetime.date
    truncate: Callable[..., str]
    markup: Converter

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {name: getattr(self, name) for name in (
            "shown", "inline", "block", "short", "plain", "as_text", "md_inline", "chapter", "repeated", "position", "status", "follow_up",
            "due", "org_link", "orgs", "orgs_short", "rec_label", "rec_name", "status_counts", "position_counts", "permalink", "href",
            "paragraph_number", "anchor", "rec_title")}

    def _(self, message: str) -> Markup:
        """A UI word from the catalog, safe as HTML as Jinja's gettext has it (`%` escapes what goes in)."""
        return Markup(self.gettext(message))

    def count_words(self, forms: tuple[str, str], n: int) -> Markup:
        return Markup(self.ngettext(*forms, n)) % {"num": n}

    # --- texts in the reader's language, or in their original one, said so -----------------------

    def shown(self, value: Text) -> Shown:
        """The text a reader of this language gets, typeset for the language it is in (French spacing)."""
        shown = value.shown(self.lang)
        return Shown(typography.for_language(shown.text, shown.lang), shown.lang, shown.fallback)

    def inline(self, value: Text) -> Markup:
        """One line of Markdown inside HTML; a fallback keeps its own language and says so."""
        s = self.shown(value)
        return self._marked(s, self.markup.inline(s.text))

    def block(self, value: Text) -> Markup:
        """A block of Markdown; a fallback comes with a notice naming its language."""
        s = self.shown(value)
        html = self.markup.block(s.text)
        if not s.fallback:
            return Markup(f'\n<div class="es-text">\n{html}\n</div>\n')
        notice = self._("Not yet translated: shown in the original language (%(language)s).") % {
            "language": i18n.language_name(s.lang, self.lang)}
        return Markup('\n<div class="es-text es-text--fallback">\n<p class="es-fallback" data-pagefind-ignore>{}</p>\n<div lang="{}">\n{}\n</div>\n</div>\n'
                      ).format(notice, s.lang, html)

    def short(self, value: Text, length: int = 160) -> Markup:
        """Plain text cut at a word to `length` characters, in its own language."""
        s = self.shown(value)
        cut = self.truncate(self.markup.plain(s.text), length, end="…")
        return Markup(f'<span lang="{s.lang}">{escape(cut)}</span>') if s.fallback else escape(cut)

    def md_inline(self, value: Shown | str) -> Markup:
        """A text already chosen in its language (`shown`), as one line of HTML."""
        return self.markup.inline(value.text if isinstance(value, Shown) else value)

    def chapter(self, chapter: Chapter, ev: Evaluation) -> chapters.ChapterView:
        """A report chapter's blocks with their HTML, in this language or the original one."""
        return chapters.chapter_view(chapter, ev, self.lang, self.markup, self.link)

    def repeated(self, number: int, ev: Evaluation) -> tuple[Markup, str]:
        """The text of paragraph `number` shown again where another paragraph repeats it, and its language."""
        same = ev.report.paragraph_text(number, self.lang)
        return chapters.repeated(same, ev, self.markup, self.link), same.lang

    def as_text(self, value: str) -> str:
        """Plain text, or HTML made plain: what front matter holds (the theme escapes it again)."""
        return self.markup.text_of(value) if isinstance(value, Markup) else value

    def plain(self, value: Text | Shown | str) -> str:
        """A text as one line of plain text, for front matter, titles and the preview picture."""
        if isinstance(value, Text):
            value = self.shown(value)
        return self.markup.plain(value.text if isinstance(value, Shown) else value)

    def _marked(self, s: Shown, html: Markup) -> Markup:
        """A one-line text as it stands, or, in another language than the page's, with its language and a note."""
        if not s.fallback:
            return html
        return Markup('<span lang="{}">{}</span> <small class="es-fallback" data-pagefind-ignore>({})</small>').format(s.lang, html, self._("not translated"))

    # --- badges and dates -------------------------------------------------------------------------

    def position(self, value: str | None) -> Markup:
        return self._badges["position"][value or "none"]

    def status(self, value: str | None) -> Markup:
        return self._badges["status"][value or "none"]

    @cached_property
    def _badges(self) -> dict[str, dict[str, Markup]]:
        """Each position's, status's and follow-up flag's badge, made once per language (thousands per page set)."""
        def made(kind: str, words: dict[str, str]) -> dict[str, Markup]:
            return {key: Markup(f'<span class="es-{kind} es-{kind}--{key}">{escape(word)}</span>') for key, word in words.items()}
        return {"position": made("position", self.labels.POSITION_OR_NONE), "status": made("status", self.labels.STATUS_OR_NONE),
                "follow": made("follow", self.labels.FOLLOW_UP)}

    def follow_up(self, act: Action) -> Markup:
        """A flag for what needs attention as of the build date: overdue, past due without update, due soon."""
        flag = act.follow_up(self.as_of).value
        if flag not in SHOWN_FLAGS:
            return Markup("")
        return self._badges["follow"][flag]

    def due(self, act: Action) -> Markup:
        """The due date as precise as the source gives it (a day, a month, a quarter, a year; else the end of
        the timing). HTML has no date form for a quarter."""
        period = act.due_period
        words = i18n.format_date(period, self.lang)
        if period.precision == "quarter":
            return Markup(f'<span class="es-due">{escape(words)}</span>')
        return Markup(f'<time class="es-due" datetime="{period}">{escape(words)}</time>')

    # --- organisations, recommendations, links ----------------------------------------------------

    def href(self, item: Evaluation | Organisation | Recommendation | Action | Finding, ev: Evaluation | None = None) -> str:
        """The address of an evaluation's, an organisation's or (in `ev`) an entity's page, from the page being rendered."""
        if isinstance(item, Evaluation):
            return self.link(urls.evaluation(item))
        if isinstance(item, Organisation):
            return self.link(urls.organisation(item))
        if isinstance(item, Finding):
            return self.link(urls.finding(ev, item))
        return self.link(urls.entity(ev, item))

    def org_link(self, org: Organisation) -> Markup:
        return Markup(f'<a href="{escape(self.link(urls.organisation(org)))}">{self.inline(org.name)}</a>')

    def orgs(self, ids: Iterable[str]) -> Markup:
        """Organisations by their full names, each linked to its page."""
        return Markup(", ").join(self.org_link(self.site.organisation(org_id)) for org_id in ids)

    def orgs_short(self, ids: Iterable[str]) -> Markup:
        """Organisations by their short names, for tables and summaries; the full name is one click away."""
        return Markup(", ".join(f'<a href="{escape(self.link(urls.organisation(org)))}">{escape((org.short or org.name).shown(self.lang).text)}</a>'
                                for org in map(self.site.organisation, ids)))

    def rec_label(self, rec: Recommendation) -> Markup:
        if rec.implicit and not rec.number:
            return self._("Implicit recommendation")
        return self._("Recommendation %(number)s") % {"number": rec.number or rec.id}

    def rec_name(self, rec: Recommendation, ev: Evaluation) -> Markup:
        """The label with the recommendation's group, which tells apart recommendations numbered alike:
        "Recommendation 1 (effectiveness of policy work)"."""
        if not (rec.group and rec.number):
            return self.rec_label(rec)
        group = ev.group(rec.group).title.shown(self.lang).text
        return Markup("{} ({})").format(self.rec_label(rec), lower_first(group))

    @staticmethod
    def anchor(item: Recommendation | Action) -> str:
        return urls.anchor(item)

    def rec_title(self, rec: Recommendation) -> Markup:
        """"Recommendation 1: Keep supporting civil society organisations", in a list of recommendations."""
        return Markup("{}{} {}").format(self.rec_label(rec), typography.for_language(":", self.lang), self.inline(rec.title))

    def permalink(self, target: str, what: str) -> Markup:
        """A link to the page's own address; the site script turns it into "copy link". Its words are
        on every page: left out of the search index."""
        return Markup('<a class="es-permalink" href="{}" data-copied="{}" data-pagefind-ignore>{}</a>').format(
            self.link(target), self._("Link copied"), self._("Link to %(what)s") % {"what": what})

    def paragraph_number(self, number: int) -> Markup:
        """A numbered paragraph's number, at its start: a link to itself that the site script turns into
        "copy link" (a chapter has a hundred of them)."""
        return Markup('<a class="es-para-num es-permalink" href="#p-{0}" data-copied="{1}" title="{2}">§{0}</a>').format(
            number, self._("Link copied"), self._("Copy the link to §%(number)s") % {"number": number})

    # --- counts as badges -------------------------------------------------------------------------

    def status_counts(self, actions: Iterable[Action]) -> Markup:
        """Actions counted by status: "2 ongoing · 1 not started"."""
        badges = (Markup('<span class="es-status es-status--{}">{}</span>').format(key, self.count_words(STATUS_COUNT[key], n))
                  for key, n in dashboards.by_status(actions).items if n)
        return Markup('<span class="es-counts-inline">{}</span>').format(Markup("").join(badges))

    def position_counts(self, ev: Evaluation, separator: str = "") -> Markup:
        """Recommendations counted by the management's position, as badges: "6 agree · 3 partially agree"
        (`separator` between them, for where the badges' text is used alone)."""
        badges = (Markup('<span class="es-position es-position--{}">{}</span>').format(
            key, self.count_words(POSITION_COUNT[key], n)) for key, n in dashboards.by_position(ev).items if n)
        return Markup('<span class="es-counts-inline">{}</span>').format(Markup(separator).join(badges))


def lower_first(value: str) -> str:
    """A label used inside a sentence or brackets: "Effectiveness of policy work" → "effectiveness of policy work".
    Words in capitals (acronyms such as "M&E") keep their case."""
    first = value.split(" ", 1)[0]
    return value if first.isupper() or not value else value[0].lower() + value[1:]


def ngettext_pair(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular and plural for the catalogs; `Fragments` translates them with the count."""
    return singular, plural


STATUS_COUNT = {
    "not-started": ngettext_pair("%(num)d not started", "%(num)d not started"),
    "ongoing": ngettext_pair("%(num)d ongoing", "%(num)d ongoing"),
    "completed": ngettext_pair("%(num)d completed", "%(num)d completed"),
    "dropped": ngettext_pair("%(num)d dropped", "%(num)d dropped"),
    "none": ngettext_pair("%(num)d with no status published", "%(num)d with no status published"),
}
POSITION_COUNT = {
    "agree": ngettext_pair("%(num)d agree", "%(num)d agree"),
    "partially-agree": ngettext_pair("%(num)d partially agree", "%(num)d partially agree"),
    "disagree": ngettext_pair("%(num)d disagree", "%(num)d disagree"),
    "none": ngettext_pair("%(num)d not answered", "%(num)d not answered"),
}


def make(env: Any, lang: str, site: Site, labels: SimpleNamespace, link: Callable[[str], str], as_of: datetime.date,
         catalogs: i18n.Catalogs, markup: Converter) -> Fragments:
    """The fragments of one language's Jinja environment (its catalog's gettext, its truncation)."""
    translations = catalogs.translations(lang)
    return Fragments(lang, site, labels, translations.gettext, translations.ngettext, link, as_of,
                     lambda value, length, end: do_truncate(env, value, length, end=end), markup)
