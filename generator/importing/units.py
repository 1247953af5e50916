"""Who is in charge: the names in a table cell → ids of the registry (content/organisations.yml).

A cell names one unit or several ("Operations Unit; M&E Unit", "Country Office and Environment Unit",
one per line), and a unit's own name may hold the words that separate others ("Monitoring and
Evaluation Unit"). So a cell is cut at the separators that always separate (new lines, semicolons,
bullets), and each part is matched whole first, then as the longest runs of its comma- or
conjunction-separated pieces that the registry knows, by any of its names, short names, aliases or
its id, compared without case, accents or punctuation. A name the registry does not know is an
error that names its cell and the nearest names (the loader's did-you-mean), or with `--add-units`
a new registry entry for the author to complete.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.organisations import Registry
from ..content.sources import did_you_mean
from .table import Cell, Place
from .words import LEADING_ARTICLES, LIST_MARK, UNIT_BREAKS, UNIT_JOINS, fold

ID_MAX_WORDS = 6  # an id made from a long name keeps its first words


@dataclass(frozen=True)
class NewUnit:
    """A unit the table names and the registry lacks, to be added as an entry the author completes."""

    id: str
    name: str
    place: Place


@dataclass(frozen=True)
class UnknownUnit:
    name: str
    place: Place
    hint: str  # " — did you mean '…'?", or ""

    def __str__(self) -> str:
        return (f"{self.place}: '{self.name}' is not in organisations.yml{self.hint} — write a name, short name or alias from the registry "
                "in the cell, add the unit to content/organisations.yml, or run again with --add-units")


@dataclass
class Units:
    """The registry's names as a cell may write them, and what the cells named that it lacks. With
    `add`, a name it lacks gets a new id (`new`); without, it is `unknown`, and the import stops."""

    registry: Registry
    add: bool = False
    new: list[NewUnit] = field(default_factory=list)
    unknown: list[UnknownUnit] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict, init=False)  # every folded name, short name, alias and id → its id

    def __post_init__(self) -> None:
        for org in self.registry.organisations.values():
            for name in (org.id, *org.name.values.values(), *(org.short.values.values() if org.short else ()), *org.aliases):
                self.names.setdefault(fold(name), org.id)

    def ids(self, cell: Cell) -> list[str]:
        """The ids of the units `cell` names, in its order, each once."""
        found: list[str] = []
        for part in UNIT_BREAKS.split(cell.text):
            part = LIST_MARK.sub("", part).strip(" .")
            if part:
                found += [self._id(name, cell.place) for name in self._names(part)]
        return list(dict.fromkeys(unit for unit in found if unit))

    def _known(self, name: str) -> str | None:
        folded = fold(name)
        words = folded.split(" ", 1)
        if folded not in self.names and len(words) == 2 and words[0] in LEADING_ARTICLES:
            folded = words[1]  # "the Country Office"
        if folded not in self.names:
            folded = fold(re.sub(r"\([^)]*\)", "", name))  # "Operations Unit (lead)"
        return self.names.get(folded)

    def _names(self, part: str) -> list[str]:
        """The unit names in one part of a cell: the longest runs of pieces the registry knows, and
        between them the pieces it does not, joined where a conjunction follows a single word ("Planning and Budget Unit")."""
        pieces = UNIT_JOINS.split(part)  # piece, separator, piece, …
        words, joins = pieces[0::2], pieces[1::2]
        names: list[tuple[str, bool]] = []
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                run = words[i] + "".join(joins[k] + words[k + 1] for k in range(i, j - 1))
                if self._known(run):
                    names.append((run, True))
                    i = j
                    break
            else:
                previous = names[-1] if names else None
                join = joins[i - 1] if i else ""
                if previous and not previous[1] and "," not in join and len(previous[0].split()) == 1 and not previous[0].isupper():
                    names[-1] = (previous[0] + join + words[i], False)
                else:
                    names.append((words[i], False))
                i += 1
        return [name.strip() for name, _ in names if name.strip()]

    def _id(self, name: str, place: Place) -> str | None:
        known = self._known(name)
        if known:
            return known
        folded = fold(name)
        if self.add:
            for unit in self.new:
                if fold(unit.name) == folded:
                    return unit.id
            unit = NewUnit(self._new_id(folded), name, place)
            self.new.append(unit)
            return unit.id
        spellings = sorted({name for org in self.registry.organisations.values()
                            for name in (org.id, *org.name.values.values(), *org.aliases)})
        self.unknown.append(UnknownUnit(name, place, did_you_mean(name, spellings)))
        return None

    def _new_id(self, folded: str) -> str:
        base = "-".join(re.sub(r"[^a-z0-9 ]", "", folded).split()[:ID_MAX_WORDS]) or "unit"  # ids are ASCII
        taken = set(self.registry.known or ()) | set(self.registry.organisations) | {unit.id for unit in self.new}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate
