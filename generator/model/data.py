"""The report's data: tables, timelines, the evaluation framework and the logical framework's indicators."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .base import Criterion, PartialDate, Text

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
