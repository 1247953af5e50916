"""Feeds a reader can follow: an Atom feed per language of new evaluations and new progress updates
(entries listed here, written by `templates/pages/feed.xml.j2`), and an iCalendar file per language
of the due dates of open actions (written with the icalendar library, which knows RFC 5545's
escaping and line folding)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

import icalendar

from .. import i18n, urls
from .. import markup as text
from ..model import Action, Evaluation, Site, Update


@dataclass(frozen=True)
class Entry:
    """One feed entry: a newly published evaluation, or a progress update on an action."""

    date: datetime.date
    evaluation: Evaluation
    action: Action | None = None
    update: Update | None = None
    number: int = 0  # the update's position among its action's updates, for a stable id


def feed_entries(site: Site) -> list[Entry]:
    """Newest first; evaluations without a publication date are not announced."""
    entries = [Entry(ev.published, ev) for ev in site.evaluations if ev.published]
    for ev in site.evaluations:
        for act in ev.actions:
            entries += [Entry(u.date, ev, act, u, n) for n, u in enumerate(act.updates, start=1)]
    return sorted(entries, key=lambda e: (e.date, e.evaluation.slug, e.action.id if e.action else "", e.number), reverse=True)


def calendar(site: Site, lang: str, site_url: str | None, as_of: datetime.date, site_name: str | None = None) -> bytes:
    """All-day events on the due dates of open actions, with a stable UID per action; each links
    to its action's page when the site has a public address (`site_url`), and the calendar is named
    after the site (`site_name`, as subscribers see it beside their other calendars)."""
    _ = i18n.translations(lang).gettext
    cal = icalendar.Calendar()
    cal.add("prodid", "-//evalsite//due dates//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{site_name} · {_('Due dates of key actions')}" if site_name else _("Due dates of key actions"))
    for ev in site.evaluations:
        for act in ev.actions:
            if not act.is_open:
                continue
            event = icalendar.Event()
            event.add("uid", f"{ev.slug}.{act.id}@evalsite")
            event.add("dtstamp", datetime.datetime.combine(as_of, datetime.time(), tzinfo=datetime.UTC))
            event.add("dtstart", act.due_date)
            event.add("dtend", act.due_date + datetime.timedelta(days=1))
            event.add("summary", _("Action %(id)s due") % {"id": act.id} + " · " + ev.title.shown(lang).text)
            event.add("description", text.plain(act.text.shown(lang).text))
            if site_url:
                event.add("url", f"{site_url}{lang}/{urls.action(ev, act)}")
            cal.add_component(event)
    return cal.to_ical()
