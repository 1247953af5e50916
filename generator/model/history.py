"""The tracker as it stood on a past day (`build --as-of DAY`): for an annual report, a board meeting or a
comparison, without an old checkout of the content.

Follow-up is only ever appended (updates are dated, oldest first), so the past is a filter over the
present: updates dated after the day are left out, and an action's status is the one its latest
remaining update reports. A status that no update reports (the source gives the current status with
no date of its own) counts from the response's `updated` date, or from its `published` date: on a
day before that, the action had no published status. The response's own `updated` date is dropped
when it lies after the day. Nothing else changes: texts, recommendations and due dates stay, and due
dates are judged on the day by the pages themselves.
"""
from __future__ import annotations

import dataclasses
import datetime

from .base import PartialDate, Status
from .evaluation import Evaluation
from .recommendations import Action
from .site import Site


def as_it_stood(site: Site, day: datetime.date) -> Site:
    """`site` as its follow-up stood at the end of `day`."""
    return dataclasses.replace(site, evaluations=tuple(_evaluation(ev, day) for ev in site.evaluations))


def _evaluation(ev: Evaluation, day: datetime.date) -> Evaluation:
    since = ev.response_updated or ev.response_published  # without either date, the source cannot place its statuses: kept
    undated_status_known = since is None or _over(since, day)
    updated = ev.response_updated if ev.response_updated is None or _over(ev.response_updated, day) else None
    return dataclasses.replace(ev, actions=tuple(_action(action, day, undated_status_known) for action in ev.actions),
                               response_updated=updated)


def _over(period: PartialDate, day: datetime.date) -> bool:
    """`period` (a day, a month, a quarter, a year) is wholly past on `day`: the fact is known by then for sure."""
    return period.last_day <= day


def _action(action: Action, day: datetime.date, undated_status_known: bool) -> Action:
    updates = tuple(u for u in action.updates if u.date <= day)
    reported = [u.status for u in action.updates if u.status]
    if reported:  # the status is the one its updates report: the latest of those on or before the day
        status = next((u.status for u in reversed(updates) if u.status), None)
    else:  # a status no update dates: known from the response's date on
        status = action.status if undated_status_known else None
    return dataclasses.replace(action, updates=updates, status=status,
                               status_reason=action.status_reason if status == Status.DROPPED else None)
