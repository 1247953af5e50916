"""Recommendations, the management's responses to them, and the key actions that follow, with their
cross-references."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from .base import DUE_SOON_DAYS, FollowUp, LinkType, PartialDate, Position, Status, Text, Years
from .findings import FindingLink, RecommendationRef


@dataclass(frozen=True)
class Link:
    """A typed cross-reference from one recommendation or action to another, as the author wrote it."""

    target: str
    type: LinkType = LinkType.SEE_ALSO
    inferred: bool = False
    note: Text | None = None


@dataclass(frozen=True)
class Group:
    id: str
    title: Text


@dataclass(frozen=True)
class Recommendation:
    id: str
    title: Text
    text: Text
    number: str | None = None
    group: str | None = None
    related: tuple[Link, ...] = ()
    implicit: bool = False
    paragraphs: tuple[int, ...] = ()  # where the report states it
    findings: tuple[FindingLink, ...] = ()  # the findings it rests on, or that its response cites
    themes: tuple[str, ...] = ()  # codes of the theme vocabulary (content/themes.yml)
    countries: tuple[str, ...] = ()  # ISO 3166 codes, where narrower than the evaluation's
    repeats: tuple[RecommendationRef, ...] = ()  # earlier recommendations it makes again


@dataclass(frozen=True)
class Response:
    """The management's answer to one recommendation; `in_charge` names the units the source makes
    responsible for the recommendation as a whole (each action names its own)."""

    recommendation: str
    position: Position
    text: Text
    in_charge: tuple[str, ...] = ()


@dataclass(frozen=True)
class Update:
    """A dated progress report on an action; updates are only ever appended."""

    date: datetime.date
    text: Text
    status: Status | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Action:
    """A key action promised in the management response."""

    id: str
    recommendation: str
    text: Text
    in_charge: tuple[str, ...]
    timing: Years | None = None  # the loader requires a timing, a due date or both
    status: Status | None = None  # None: no update published
    related: tuple[Link, ...] = ()
    due: PartialDate | None = None  # as the source gives it: a day, a month, a quarter or a year
    status_reason: Text | None = None  # why it was dropped
    updates: tuple[Update, ...] = ()

    @property
    def due_period(self) -> PartialDate:
        """When the action is due, as precise as the source: its due date, or the last year of its timing."""
        return self.due or PartialDate(self.timing.end)

    @property
    def due_date(self) -> datetime.date:
        """The last day the action is on time: the end of its due period (`2019-03` is met until 31 March)."""
        return self.due_period.last_day

    @property
    def years(self) -> Years:
        """The years the action is planned in, for counts and filters by timing: its timing, or the year it is due."""
        return self.timing or Years(self.due.year, self.due.year)

    @property
    def is_open(self) -> bool:
        """Still to be done: not completed nor dropped (an action without any published status counts as open)."""
        return self.status not in (Status.COMPLETED, Status.DROPPED)

    def follow_up(self, as_of: datetime.date) -> FollowUp:
        """Where the action stands on `as_of`. An action is overdue only when a published status says it
        is still open; past its due date without any published status, it is `unreported`, not overdue."""
        if not self.is_open:
            return FollowUp.CLOSED
        if self.due_date < as_of:
            return FollowUp.OVERDUE if self.status else FollowUp.UNREPORTED
        if (self.due_date - as_of).days <= DUE_SOON_DAYS:
            return FollowUp.DUE_SOON
        return FollowUp.ON_TRACK


@dataclass(frozen=True)
class Backlink:
    """Another entity's link to this one, seen from this end."""

    source: Recommendation | Action
    link: Link
