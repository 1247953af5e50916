"""The report: chapters as blocks (headings, numbered paragraphs, repeats, placements, prose)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from .base import Shown, Text

PARAGRAPH_REFERENCE = re.compile(r"\[§(\d+)\](?!\()")
"""How a report's text refers to one of its numbered paragraphs: `[§94]` (not a Markdown link `[§94](...)`)."""


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
