"""An evaluation: its programme, source documents and everything the loader read from its folder,
with cross-references answered both ways."""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from .base import Criterion, EvaluationKind, PartialDate, Position, Text, Years
from .data import Indicator, Objective, Question, Table, Timeline
from .findings import Finding, FindingLink, Scale
from .recommendations import Action, Backlink, Group, Recommendation, Response
from .report import Report


@dataclass(frozen=True)
class Programme:
    name: Text
    period: Years
    donor: str | None = None
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceDocument:
    """A document the content was made from: where it is published, and its SHA-256 and size, so
    that a reader can check they hold the very file every published fact was taken from."""

    kind: str
    title: Text
    language: str
    date: PartialDate | None = None
    pages: int | None = None
    url: str | None = None
    format: str | None = None  # as its usual file extension: pdf, docx, html
    size: int | None = None  # in bytes
    sha256: str | None = None


@dataclass(frozen=True)
class InterviewGroup:
    """How many people of one group were interviewed, and when; never who."""

    group: Text
    count: int
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class Evaluation:
    slug: str
    title: Text
    kind: EvaluationKind
    original_language: str
    summary: Text
    programme: Programme
    short_title: Text | None = None  # for narrow places: dashboards, tables, link previews
    commissioner: tuple[str, ...] = ()
    evaluator: tuple[str, ...] = ()
    date: PartialDate | None = None
    published: datetime.date | None = None  # first published on this site (feeds)
    plan_period: Years | None = None  # the evaluation plan the evaluation belongs to
    countries: tuple[str, ...] = ()
    documents: tuple[SourceDocument, ...] = ()
    introduction: Text | None = None
    groups: tuple[Group, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    # None when no management response is published; a response may answer only some recommendations.
    responses: Mapping[str, Response] | None = None
    response_date: PartialDate | None = None
    response_published: PartialDate | None = None  # when the response was first published (its source's "added")
    response_updated: PartialDate | None = None  # when it was last updated, as its source says
    actions: tuple[Action, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    interviews: tuple[InterviewGroup, ...] = ()
    report: Report | None = None
    tables: tuple[Table, ...] = ()
    timelines: tuple[Timeline, ...] = ()
    questions: tuple[Question, ...] = ()
    objectives: tuple[Objective, ...] = ()
    indicators_note: Text | None = None  # about the logical framework as a whole
    findings: tuple[Finding, ...] = ()
    finding_groups: tuple[Group, ...] = ()
    scales: tuple[Scale, ...] = ()  # the rating scales its findings use

    @property
    def short(self) -> Text:
        """The name to use where space is short: the short title, else the title."""
        return self.short_title or self.title

    def units_in_charge(self, rec_id: str) -> tuple[str, ...]:
        """The organisations and units in charge of a recommendation's actions, in the order they first appear."""
        return tuple(dict.fromkeys(org for action in self.actions_for(rec_id) for org in action.in_charge))

    def next_due(self, rec_id: str) -> Action | None:
        """The open action of a recommendation that falls due first: what a reader checks first."""
        return min((a for a in self.actions_for(rec_id) if a.is_open), key=lambda a: a.due_date, default=None)

    def indicators_at(self, number: int) -> tuple[Indicator, ...]:
        """The indicators whose data paragraph `number` cites."""
        return tuple(i for o in self.objectives for i in o.all_indicators() if number in i.paragraphs)

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    def timeline(self, timeline_id: str) -> Timeline:
        return next(t for t in self.timelines if t.id == timeline_id)

    def recommendations_at(self, number: int) -> tuple[Recommendation, ...]:
        """The recommendations the report states in paragraph `number`."""
        return self._recommendations_at.get(number, ())

    @cached_property
    def linked_paragraphs(self) -> frozenset[int]:
        """The report's paragraphs that a recommendation, a finding or an indicator cites, or that
        another paragraph repeats: the ones whose page shows links beside them."""
        cited = {n for item in (*self.recommendations, *self.findings) for n in item.paragraphs}
        cited |= {n for o in self.objectives for i in o.all_indicators() for n in i.paragraphs}
        repeated = {n for c in self.report.chapters for n in c.numbers if self.report.duplicates_of(n)} if self.report else set()
        return frozenset(cited | repeated)

    @cached_property
    def _recommendations_at(self) -> dict[int, tuple[Recommendation, ...]]:
        result: dict[int, list[Recommendation]] = {}
        for rec in self.recommendations:
            for number in rec.paragraphs:
                result.setdefault(number, []).append(rec)
        return {k: tuple(v) for k, v in result.items()}

    @property
    def has_response(self) -> bool:
        return self.responses is not None

    def recommendation(self, rec_id: str) -> Recommendation:
        return self._recommendations_by_id[rec_id]

    def response(self, rec_id: str) -> Response | None:
        return (self.responses or {}).get(rec_id)

    def actions_for(self, rec_id: str) -> tuple[Action, ...]:
        return self._actions_by_recommendation.get(rec_id, ())

    def entity(self, entity_id: str) -> Recommendation | Action:
        return self._entities[entity_id]

    def backlinks(self, entity_id: str) -> tuple[Backlink, ...]:
        """Links that other recommendations and actions make to this one."""
        return self._backlinks.get(entity_id, ())

    def by_position(self) -> list[tuple[Position | None, list[Recommendation]]]:
        """Recommendations grouped by the management's position, in a fixed order; None = no response."""
        groups: dict[Position | None, list[Recommendation]] = {}
        for rec in self.recommendations:
            response = self.response(rec.id)
            groups.setdefault(response.position if response else None, []).append(rec)
        order = [*Position, None]
        return [(position, groups[position]) for position in order if position in groups]

    def group(self, group_id: str) -> Group:
        return next(group for group in self.groups if group.id == group_id)

    @cached_property
    def _recommendations_by_id(self) -> dict[str, Recommendation]:
        return {rec.id: rec for rec in self.recommendations}

    @cached_property
    def _actions_by_recommendation(self) -> dict[str, tuple[Action, ...]]:
        result: dict[str, list[Action]] = {}
        for action in self.actions:
            result.setdefault(action.recommendation, []).append(action)
        return {key: tuple(value) for key, value in result.items()}

    @cached_property
    def _entities(self) -> dict[str, Recommendation | Action]:
        return {**{a.id: a for a in self.actions}, **self._recommendations_by_id}

    @cached_property
    def _backlinks(self) -> dict[str, tuple[Backlink, ...]]:
        result: dict[str, list[Backlink]] = {}
        for source in (*self.recommendations, *self.actions):
            for link in source.related:
                result.setdefault(link.target, []).append(Backlink(source, link))
        return {key: tuple(value) for key, value in result.items()}

    # Findings: each answered both ways (a recommendation's links, a finding's recommendations).

    def finding(self, finding_id: str) -> Finding:
        return self._findings_by_id[finding_id]

    def scale(self, scale_id: str) -> Scale:
        return next(s for s in self.scales if s.id == scale_id)

    def finding_group(self, group_id: str) -> Group:
        return next(g for g in self.finding_groups if g.id == group_id)

    def recommendations_on(self, finding_id: str) -> tuple[tuple[Recommendation, FindingLink], ...]:
        """The recommendations that link to this finding, each with its link."""
        return self._finding_backlinks.get(finding_id, ())

    def findings_at(self, number: int) -> tuple[Finding, ...]:
        """The findings that paragraph `number` states."""
        return tuple(f for f in self.findings if number in f.paragraphs)

    def findings_by_criterion(self) -> list[tuple[Criterion | None, list[Finding]]]:
        """Findings grouped by OECD-DAC criterion in the criteria's order; None: the source names none."""
        groups: dict[Criterion | None, list[Finding]] = {}
        for f in self.findings:
            groups.setdefault(f.criterion, []).append(f)
        return [(c, groups[c]) for c in [*Criterion, None] if c in groups]

    def countries_of(self, item: Recommendation | Finding) -> tuple[str, ...]:
        """Where a recommendation or finding applies: its own countries, or else the evaluation's."""
        return item.countries or self.countries

    @cached_property
    def _findings_by_id(self) -> dict[str, Finding]:
        return {f.id: f for f in self.findings}

    @cached_property
    def _finding_backlinks(self) -> dict[str, tuple[tuple[Recommendation, FindingLink], ...]]:
        result: dict[str, list[tuple[Recommendation, FindingLink]]] = {}
        for rec in self.recommendations:
            for link in rec.findings:
                result.setdefault(link.finding, []).append((rec, link))
        return {key: tuple(value) for key, value in result.items()}
