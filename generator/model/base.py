"""The model's vocabulary: languages, texts per language, dates as precise as their source, and the
enumerations every entity uses."""
from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

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


DUE_SOON_DAYS = 90


class FollowUp(StrEnum):
    """An action's due date seen from the build date (`--as-of`)."""

    OVERDUE = "overdue"
    UNREPORTED = "unreported"  # past its due date, and no status was ever published
    DUE_SOON = "due-soon"
    ON_TRACK = "on-track"
    CLOSED = "closed"
