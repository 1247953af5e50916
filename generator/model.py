"""The model: typed, immutable, the single source of truth for every page, export and check.

The loader builds it from content and guarantees its integrity (ids unique, references resolved,
original-language texts present); everything downstream reads it and never re-parses content.
Cross-references are stored one way, as authors wrote them, and answered both ways here.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import ClassVar

LANGS: tuple[str, ...] = ("nl", "fr", "en")


class Position(StrEnum):
    AGREE = "agree"
    PARTIALLY_AGREE = "partially-agree"
    DISAGREE = "disagree"


class Status(StrEnum):
    NOT_STARTED = "not-started"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    DROPPED = "dropped"


class LinkType(StrEnum):
    SEE_ALSO = "see-also"
    CLOSE_LINK = "close-link"
    SUPPORTS = "supports"
    CONTRIBUTES_TO = "contributes-to"


class Criterion(StrEnum):
    """The OECD-DAC evaluation criteria."""

    RELEVANCE = "relevance"
    COHERENCE = "coherence"
    EFFECTIVENESS = "effectiveness"
    EFFICIENCY = "efficiency"
    IMPACT = "impact"
    SUSTAINABILITY = "sustainability"


class EvaluationKind(StrEnum):
    MIDTERM = "midterm"
    FINAL = "final"
    EX_POST = "ex-post"
    THEMATIC = "thematic"
    OTHER = "other"


@dataclass(frozen=True)
class Shown:
    """A text as a page shows it: in the reader's language, or in another one as a fallback."""

    text: str
    lang: str
    fallback: bool


@dataclass(frozen=True)
class Text:
    """A text per language; `original` is the language it was written in, always present."""

    values: Mapping[str, str]
    original: str

    def shown(self, lang: str) -> Shown:
        if lang in self.values:
            return Shown(self.values[lang], lang, False)
        return Shown(self.values[self.original], self.original, True)

    def missing(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGS if lang not in self.values)


@dataclass(frozen=True)
class Years:
    """A year or a range of years, as management responses give timings (`2025-2026`)."""

    start: int
    end: int

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-Q([1-4])|-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its source and no more: a year (`2027`), a quarter (`2026-Q2`), a month
    (`2019-03`) or a day (`2019-03-31`). A period, not a point: `first_day` and `last_day` bound it."""

    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None

    @classmethod
    def fromisoformat(cls, value: str) -> PartialDate:
        """Parse the written form (`2027`, `2026-Q2`, `2019-03`, `2019-03-31`); ValueError unless it is a real date."""
        match = _PARTIAL_DATE.fullmatch(value)
        if not match:
            raise ValueError(f"not a date: {value!r}")
        year, quarter, month, day = (int(part) if part else None for part in match.groups())
        datetime.date(year, month or 1, day or 1)  # raises ValueError for month 13 or 31 February
        return cls(year, month, day, quarter)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "quarter" if self.quarter else "year"

    @property
    def first_day(self) -> datetime.date:
        month = self.month or (3 * self.quarter - 2 if self.quarter else 1)
        return datetime.date(self.year, month, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        """The end of the period: a due date written `2019-03` is met until 31 March 2019."""
        if self.day:
            return datetime.date(self.year, self.month, self.day)
        month = self.month or (3 * self.quarter if self.quarter else 12)
        following = datetime.date(self.year + month // 12, month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def __str__(self) -> str:
        if self.quarter:
            return f"{self.year:04d}-Q{self.quarter}"
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)


@dataclass(frozen=True)
class Organisation:
    id: str
    kind: str
    name: Text
    short: Text | None = None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    url: str | None = None


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


DUE_SOON_DAYS = 90


class FollowUp(StrEnum):
    """An action's due date seen from the build date (`--as-of`)."""

    OVERDUE = "overdue"
    UNREPORTED = "unreported"  # past its due date, and no status was ever published
    DUE_SOON = "due-soon"
    ON_TRACK = "on-track"
    CLOSED = "closed"


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


# --- The report: chapters as blocks -----------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    kind_of_block: ClassVar[str] = "heading"
    level: int
    text: str
    anchor: str | None = None  # `s-3-1-1` for a numbered section


@dataclass(frozen=True)
class Paragraph:
    kind_of_block: ClassVar[str] = "paragraph"
    """A numbered paragraph of the report; empty text where the source's paragraph is empty."""

    number: int
    text: str


@dataclass(frozen=True)
class Duplicate:
    kind_of_block: ClassVar[str] = "duplicate"
    """A paragraph that repeats another word for word: shown once, at `of`."""

    number: int
    of: int


@dataclass(frozen=True)
class Directive:
    kind_of_block: ClassVar[str] = "directive"
    """A table, timeline or the framework placed in the text: `[[table:tabel-5]]`."""

    kind: str
    target: str | None = None


@dataclass(frozen=True)
class Prose:
    kind_of_block: ClassVar[str] = "prose"
    """Any other Markdown: unnumbered paragraphs, lists, quotes, footnote texts."""

    text: str


Block = Heading | Paragraph | Duplicate | Directive | Prose


@dataclass(frozen=True)
class Chapter:
    id: str
    order: int
    original: str
    versions: Mapping[str, tuple[Block, ...]]  # per language; the original is always there

    def blocks(self, lang: str) -> tuple[tuple[Block, ...], str, bool]:
        """The blocks a reader of `lang` gets, their language, and whether that is a fallback."""
        if lang in self.versions:
            return self.versions[lang], lang, False
        return self.versions[self.original], self.original, True

    def title(self) -> Text:
        return Text({lang: next(b.text for b in blocks if isinstance(b, Heading)) for lang, blocks in self.versions.items()},
                    self.original)

    @cached_property
    def numbers(self) -> tuple[int, ...]:
        """The paragraph numbers of this chapter, in order (duplicates and empty ones included)."""
        return tuple(b.number for b in self.versions[self.original] if isinstance(b, Paragraph | Duplicate))


@dataclass(frozen=True)
class Report:
    chapters: tuple[Chapter, ...]

    def chapter(self, chapter_id: str) -> Chapter:
        return next(c for c in self.chapters if c.id == chapter_id)

    def chapter_of(self, number: int) -> Chapter:
        return self._chapter_of[number]

    def has(self, number: int) -> bool:
        return number in self._chapter_of

    def paragraph_text(self, number: int, lang: str) -> Shown:
        """The text of paragraph `number` as a reader of `lang` gets it (a repeat shows the text it repeats)."""
        blocks, shown_lang, fallback = self.chapter_of(number).blocks(lang)
        text = next(b.text for b in blocks if isinstance(b, Paragraph) and b.number == number)
        return Shown(text, shown_lang, fallback)

    def duplicates_of(self, number: int) -> tuple[int, ...]:
        """Paragraphs that repeat paragraph `number` (shown only as links to it)."""
        return self._duplicated_as.get(number, ())

    @cached_property
    def _chapter_of(self) -> dict[int, Chapter]:
        return {n: chapter for chapter in self.chapters for n in chapter.numbers}

    @cached_property
    def _duplicated_as(self) -> dict[int, tuple[int, ...]]:
        result: dict[int, list[int]] = {}
        for chapter in self.chapters:
            for b in chapter.versions[chapter.original]:
                if isinstance(b, Duplicate):
                    result.setdefault(b.of, []).append(b.number)
        return {k: tuple(v) for k, v in result.items()}


# --- Tables, timelines, evaluation framework ---------------------------------------------------

Cell = str | int | float | Text | tuple["Cell", ...]


@dataclass(frozen=True)
class Column:
    id: str
    label: Text


@dataclass(frozen=True)
class Table:
    id: str
    caption: Text
    language: str  # the language of plain-text cells, as in the source
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, Cell], ...]
    number: str | None = None
    header_column: str | None = None
    notes: Text | None = None


@dataclass(frozen=True)
class Event:
    text: Text
    date: PartialDate | None = None
    date_text: Text | None = None  # the source's wording where a date is vague or partial
    paragraphs: tuple[int, ...] = ()
    conflict: Text | None = None  # the source gives another date elsewhere


@dataclass(frozen=True)
class Timeline:
    id: str
    title: Text
    events: tuple[Event, ...]
    paragraphs: tuple[int, ...] = ()


@dataclass(frozen=True)
class JudgementCriterion:
    id: str
    text: Text
    pointers: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Question:
    """An evaluation question of the framework, with the chapters that answer it."""

    id: str
    text: Text
    number: str | None = None
    criterion: Criterion | None = None
    answered_in: tuple[str, ...] = ()
    criteria: tuple[JudgementCriterion, ...] = ()
    secondary_sources: tuple[Text, ...] = ()
    primary_sources: tuple[Text, ...] = ()


# --- Logical framework: objectives, results, indicators ----------------------------------------


@dataclass(frozen=True)
class Observation:
    """One value of an indicator for an organisation (or the total) and a year, as the source gives it."""

    who: str  # "total" or an organisation id
    raw: str
    year: int | None = None  # None: the source does not say which year
    value: float | None = None  # None: not one clear number
    cumulative: float | None = None  # a value stated as a running total
    series: str | None = None
    ambiguous: bool = False
    note: Text | None = None

    @property
    def annotated(self) -> bool:
        """True when the source wrote more than a number (`28 (les mêmes qu'en 2017)`, `7 --> 13 (3 ans)`)."""
        return bool(re.sub(r"[\d\s.,]", "", self.raw))


@dataclass(frozen=True)
class Target:
    value: float | None = None
    raw: str | None = None
    text: Text | None = None


@dataclass(frozen=True)
class Series:
    id: str
    label: Text


@dataclass(frozen=True)
class Indicator:
    id: str
    text: Text
    code: str | None = None
    accumulates: bool | None = None  # None: the source does not say
    accumulation_note: Text | None = None
    unit: Text | None = None
    series: tuple[Series, ...] = ()
    baseline: float | None = None
    baseline_raw: str | None = None
    targets: tuple[Target, ...] = ()
    observations: tuple[Observation, ...] = ()
    note: Text | None = None
    paragraphs: tuple[int, ...] = ()

    def years(self) -> tuple[int, ...]:
        return tuple(sorted({o.year for o in self.observations if o.year is not None}))

    def rows(self) -> tuple[tuple[str, str | None], ...]:
        """(who, series) pairs in the order the source gives them, the total first."""
        seen: list[tuple[str, str | None]] = []
        for o in sorted(self.observations, key=lambda o: o.who != "total"):
            if (o.who, o.series) not in seen:
                seen.append((o.who, o.series))
        return tuple(seen)

    def value(self, who: str, series: str | None, year: int) -> Observation | None:
        return next((o for o in self.observations if o.who == who and o.series == series and o.year == year), None)

    def undated(self) -> tuple[Observation, ...]:
        return tuple(o for o in self.observations if o.year is None)

    def progress(self) -> float | None:
        """Share of the way from baseline to the last numeric target reached by the latest total, where
        all three are known numbers and the values are not ambiguous; None otherwise."""
        final = next((t.value for t in reversed(self.targets) if t.value is not None), None)
        totals = [o for o in self.observations if o.who == "total" and o.year is not None and o.value is not None and not o.ambiguous]
        if not totals and len(self.rows()) == 1:  # a single organisation's series is its own total
            totals = [o for o in self.observations if o.year is not None and o.value is not None and not o.ambiguous]
        if final is None or self.baseline is None or not totals or final == self.baseline:
            return None
        latest = max(totals, key=lambda o: o.year)
        return (latest.value - self.baseline) / (final - self.baseline)


@dataclass(frozen=True)
class Result:
    id: str
    text: Text
    code: str | None = None
    owner: str | None = None
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class Objective:
    id: str
    text: Text
    code: str | None = None
    owners: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    results: tuple[Result, ...] = ()

    def all_indicators(self) -> tuple[Indicator, ...]:
        return self.indicators + tuple(i for r in self.results for i in r.indicators)


@dataclass(frozen=True)
class Backlink:
    """Another entity's link to this one, seen from this end."""

    source: Recommendation | Action
    link: Link


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


@dataclass(frozen=True)
class Assignment:
    """One action an organisation or unit is in charge of."""

    evaluation: Evaluation
    action: Action


@dataclass(frozen=True)
class Responsibility:
    """A recommendation whose response names an organisation or unit as responsible for it as a whole."""

    evaluation: Evaluation
    recommendation: Recommendation
    response: Response


@dataclass(frozen=True)
class Site:
    organisations: tuple[Organisation, ...]
    evaluations: tuple[Evaluation, ...] = field(default_factory=tuple)
    themes: Vocabulary | None = None  # the theme vocabulary of content/themes.yml

    def organisation(self, org_id: str) -> Organisation:
        return self._organisations_by_id[org_id]

    def newest_first(self) -> tuple[Evaluation, ...]:
        """Evaluations by the date they were published on this site, newest first; undated ones last."""
        dated = sorted((e for e in self.evaluations if e.published), key=lambda e: e.published, reverse=True)
        return (*dated, *(e for e in self.evaluations if not e.published))

    def evaluation(self, slug: str) -> Evaluation:
        return next(e for e in self.evaluations if e.slug == slug)

    def assignments(self, org_id: str) -> tuple[Assignment, ...]:
        """Every action this organisation or unit is in charge of, across evaluations."""
        return self._assignments.get(org_id, ())

    def responsibilities(self, org_id: str) -> tuple[Responsibility, ...]:
        """Every recommendation whose response names this organisation or unit responsible, across evaluations."""
        return self._responsibilities.get(org_id, ())

    def roles(self, org_id: str) -> list[tuple[str, Evaluation]]:
        """Where an organisation appears in evaluation metadata: (role, evaluation) pairs."""
        found = []
        for evaluation in self.evaluations:
            roles = {
                "partner": evaluation.programme.partners,
                "donor": (evaluation.programme.donor,) if evaluation.programme.donor else (),
                "commissioner": evaluation.commissioner,
                "evaluator": evaluation.evaluator,
            }
            found += [(role, evaluation) for role, ids in roles.items() if org_id in ids]
        return found

    def units_of(self, org_id: str) -> tuple[Organisation, ...]:
        return tuple(org for org in self.organisations if org.part_of == org_id)

    def all_actions(self) -> Iterator[Assignment]:
        for evaluation in self.evaluations:
            for action in evaluation.actions:
                yield Assignment(evaluation, action)

    @cached_property
    def _organisations_by_id(self) -> dict[str, Organisation]:
        return {org.id: org for org in self.organisations}

    @cached_property
    def _assignments(self) -> dict[str, tuple[Assignment, ...]]:
        result: dict[str, list[Assignment]] = {}
        for assignment in self.all_actions():
            for org_id in assignment.action.in_charge:
                result.setdefault(org_id, []).append(assignment)
        return {key: tuple(value) for key, value in result.items()}

    @cached_property
    def _responsibilities(self) -> dict[str, tuple[Responsibility, ...]]:
        result: dict[str, list[Responsibility]] = {}
        for evaluation in self.evaluations:
            for rec in evaluation.recommendations:
                response = evaluation.response(rec.id)
                for org_id in response.in_charge if response else ():
                    result.setdefault(org_id, []).append(Responsibility(evaluation, rec, response))
        return {key: tuple(value) for key, value in result.items()}

    # Recurring recommendations, across evaluations.

    def repeated_by(self, slug: str, rec_id: str) -> tuple[tuple[Evaluation, Recommendation], ...]:
        """The later recommendations that say they repeat this one."""
        return self._repeated_by.get((slug, rec_id), ())

    def repeat_chain(self, slug: str, rec_id: str) -> tuple[tuple[Evaluation, Recommendation], ...]:
        """Every recommendation linked to this one by `repeats`, either way, oldest evaluation first
        (the same recommendation made again and again); the recommendation itself included."""
        seen: dict[tuple[str, str], tuple[Evaluation, Recommendation]] = {}
        pending = [(slug, rec_id)]
        while pending:
            key = pending.pop()
            if key in seen:
                continue
            ev = self.evaluation(key[0])
            rec = ev.recommendation(key[1])
            seen[key] = (ev, rec)
            pending += [(r.evaluation, r.recommendation) for r in rec.repeats]
            pending += [(e.slug, r.id) for e, r in self.repeated_by(*key)]
        return tuple(sorted(seen.values(), key=lambda pair: (str(pair[0].date or ""), pair[0].slug, pair[1].id)))

    @cached_property
    def _repeated_by(self) -> dict[tuple[str, str], tuple[tuple[Evaluation, Recommendation], ...]]:
        result: dict[tuple[str, str], list[tuple[Evaluation, Recommendation]]] = {}
        for ev in self.evaluations:
            for rec in ev.recommendations:
                for ref in rec.repeats:
                    result.setdefault((ref.evaluation, ref.recommendation), []).append((ev, rec))
        return {key: tuple(value) for key, value in result.items()}


# --- Findings, rating scales, the theme vocabulary, recurring recommendations -------------------


class FindingKind(StrEnum):
    FINDING = "finding"  # what the evaluators observed
    CONCLUSION = "conclusion"  # what they conclude from it
    LESSON = "lesson"  # what others can learn from it


class FindingLinkType(StrEnum):
    RESTS_ON = "rests-on"  # the recommendation is drawn from the finding
    CITED_IN_RESPONSE = "cited-in-response"  # the management response invokes the finding


@dataclass(frozen=True)
class ScaleLevel:
    id: str
    label: Text
    definition: Text | None = None


@dataclass(frozen=True)
class Scale:
    """A rating scale the report defines (Tabel 2 and 3 of the FOS-Solsoc-IFSI report), levels from high to low."""

    id: str
    title: Text
    levels: tuple[ScaleLevel, ...]
    table: str | None = None  # the table of the report that defines it (tables.yml id)

    def level(self, level_id: str) -> ScaleLevel:
        return next(level for level in self.levels if level.id == level_id)


@dataclass(frozen=True)
class Rating:
    """The report's rating of a finding on one of its scales."""

    scale: str
    level: str


@dataclass(frozen=True)
class Finding:
    """A finding, conclusion or lesson of an evaluation, with where the source states it."""

    id: str
    kind: FindingKind
    title: Text  # its gist in one line
    text: Text
    criterion: Criterion | None = None  # None: the source does not place it under a criterion
    group: str | None = None
    ratings: tuple[Rating, ...] = ()
    paragraphs: tuple[int, ...] = ()  # the report's numbered paragraphs that state it
    source: Text | None = None  # where the source states it when it has no numbered paragraph
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class FindingLink:
    """A recommendation's link to a finding: stated by the source, or `inferred` by the editor."""

    finding: str
    type: FindingLinkType = FindingLinkType.RESTS_ON
    inferred: bool = False
    note: Text | None = None


@dataclass(frozen=True)
class RecommendationRef:
    """A recommendation of any evaluation: `evaluation-slug/recommendation-id`."""

    evaluation: str
    recommendation: str

    def __str__(self) -> str:
        return f"{self.evaluation}/{self.recommendation}"


@dataclass(frozen=True)
class Theme:
    code: str
    name: Text
    category: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """An established vocabulary of themes, trilingual: its codes, grouped in categories."""

    name: Text
    source: str
    categories: tuple[Theme, ...]
    themes: tuple[Theme, ...]

    def theme(self, code: str) -> Theme:
        return self._by_code[code]

    def has(self, code: str) -> bool:
        return code in self._by_code

    @cached_property
    def _by_code(self) -> dict[str, Theme]:
        return {t.code: t for t in (*self.categories, *self.themes)}
