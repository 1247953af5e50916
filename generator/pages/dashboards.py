"""Counts for the follow-up dashboards: views of the model at a given date, in a fixed order so that
every chart, table and export lists the same categories the same way."""
from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Action, Assignment, Evaluation, FollowUp, Position, Status

NO_STATUS = "none"  # the key of actions without a published status


@dataclass(frozen=True)
class Counts:
    """How many items fall in each category, categories in display order (zeros kept)."""

    items: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.items)

    def __getitem__(self, key: str) -> int:
        return dict(self.items).get(key, 0)


def by_position(ev: Evaluation) -> Counts:
    found = Counter(r.position.value if (r := ev.response(rec.id)) else NO_STATUS for rec in ev.recommendations)
    keys = [p.value for p in Position] + ([NO_STATUS] if found[NO_STATUS] else [])
    return Counts(tuple((k, found[k]) for k in keys))


def by_status(actions: Iterable[Action]) -> Counts:
    found = Counter(a.status.value if a.status else NO_STATUS for a in actions)
    return Counts(tuple((k, found[k]) for k in [*(s.value for s in Status), NO_STATUS]))


def by_timing(actions: Iterable[Action]) -> Counts:
    """By timing as written; an action given only a due date counts in the year it is due."""
    found = Counter(str(a.years) for a in actions)
    return Counts(tuple(sorted(found.items(), key=lambda item: (int(item[0][:4]), item[0]))))


def by_follow_up(actions: Iterable[Action], as_of: datetime.date) -> Counts:
    found = Counter(a.follow_up(as_of).value for a in actions)
    return Counts(tuple((f.value, found[f.value]) for f in FollowUp))


def positions_of(rows: Iterable[Assignment]) -> Counts:
    """The management's position on the recommendation of each action (Assignment), in display order."""
    found = Counter(r.position.value if (r := row.evaluation.response(row.action.recommendation)) else NO_STATUS for row in rows)
    return Counts(tuple((k, found[k]) for k in [*(p.value for p in Position), NO_STATUS]))
