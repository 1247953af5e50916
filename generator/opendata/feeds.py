"""The calendar a reader can subscribe to: an iCalendar file per language of the due dates of open
actions, written with the icalendar library, which knows RFC 5545's escaping and line folding. (The
Atom feed of new evaluations and updates is a page: `Site.news` and templates/pages/feed.xml.j2.)"""
from __future__ import annotations

import datetime

import icalendar

from .. import urls
from ..i18n import Catalogs
from ..markup import Converter
from ..model import Site


def calendar(site: Site, lang: str, catalogs: Catalogs, site_url: str | None, as_of: datetime.date, site_name: str | None = None) -> bytes:
    """All-day events on the due dates of open actions, with a stable UID per action; each links
    to its action's page when the site has a public address (`site_url`), and the calendar is named
    after the site (`site_name`, as subscribers see it beside their other calendars)."""
    _ = catalogs.gettext(lang)
    markup = Converter()
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
            event.add("description", markup.plain(act.text.shown(lang).text))
            if site_url:
                event.add("url", f"{site_url}{lang}/{urls.action(ev, act)}")
            cal.add_component(event)
    return cal.to_ical()
