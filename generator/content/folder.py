"""What the readers of one evaluation folder share: where it is, what it may refer to (the registry,
the theme vocabulary), the ids and links it defines, and how its texts, organisations and dates are checked."""
from __future__ import annotations

import datetime
from pathlib import Path

from ..errors import Problems
from ..markup import Converter
from ..model import Link, PartialDate, Text, Vocabulary
from .organisations import Registry
from .sources import Source, did_you_mean, require_original
from .yamlsource import Document


class Folder:
    """One evaluation folder being read; keeps its documents for file:line messages."""

    def __init__(self, folder: Path, registry: Registry, today: datetime.date, problems: Problems, markup: Converter,
                 vocabulary: Vocabulary | None = None):
        self.folder, self.registry, self.today, self.problems = folder, registry, today, problems
        self.vocabulary, self.markup = vocabulary, markup
        self.original = "en"
        self.links: list[tuple[Document, tuple, str, tuple[Link, ...]]] = []  # checked once all ids are known
        self.paragraph_refs: list[tuple[Source, tuple, tuple[int, ...]]] = []  # checked once the report is loaded
        self.first_use: dict[str, str] = {}  # the address of each recommendation and action id → where it was first given
        self.repeat_lines: dict[tuple[str, int], tuple[Path, int]] = {}  # (recommendation, index) of each `repeats` entry → where
        # Every id each file defines, broken entries included; None when the file could not be read at all.
        self.rec_ids: set[str] | None = set()
        self.action_ids: set[str] | None = set()

    def _text(self, value: dict, doc: Document, where: tuple) -> Text:
        return require_original(value, self.original, doc, where, self.problems)

    def _orgs(self, ids: list[str], doc: Document, where: tuple) -> tuple[str, ...]:
        known, aliases = self.registry.known, self.registry.aliases
        for i, org_id in enumerate(ids):
            if known is not None and org_id not in known:
                self.problems.add(doc.path, doc.line(where + (i,)),
                                  f"'{org_id}' is not in organisations.yml{did_you_mean(org_id, known, aliases)}"
                                  + ("" if org_id in aliases else " — add it to the registry or fix the id"))
        return tuple(ids)

    def _not_in_the_future(self, day: PartialDate | datetime.date | None, doc: Document, where: tuple) -> None:
        """A dated fact (an update, a publication) says when something happened: a day after today is a typo.
        A day after a build's --as-of is not: that build leaves it out (model.history)."""
        first = day.first_day if isinstance(day, PartialDate) else day
        if first and first > self.today:
            self.problems.add(doc.path, doc.line(where),
                              f"{day} is after today ({self.today}) — a date here says when something happened: correct it")
