"""Findings, conclusions and lessons, the report's rating scales, the theme vocabulary and references
to recommendations of other evaluations."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from .base import Criterion, Text


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
    """A theme of the vocabulary: its code, its name as the vocabulary gives it, and the plain words
    readers see (`label`; the name when there are none)."""

    code: str
    name: Text
    category: str | None = None
    label: Text | None = None

    @property
    def shown_name(self) -> Text:
        return self.label or self.name


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
