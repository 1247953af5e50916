"""What every stage of an import shares: a table as its file holds it, each cell knowing where it is.

An import must name every cell it could not use in the author's terms (the table, the row and the
column they see in Word or Excel), long after the file was read; so each cell carries its place.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import PartialDate


class CannotImport(Exception):
    """The table cannot be imported as asked; the message names the file (and the cell) and what to do."""


def column_letter(index: int) -> str:
    """A spreadsheet's name for a column: 1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Place:
    """Where a cell is, as the author finds it: `table 2, row 5, column 3 "Responsible unit(s)"` in a
    Word document or a CSV file, `sheet "MR", cell C5 ("Responsible unit(s)")` in a workbook. Rows and
    columns count from 1, the header row included; `column` 0 names a whole row, `row` 0 a whole column."""

    table: str  # 'table 2', 'sheet "MR"', or '' for a CSV file (one table)
    row: int
    column: int = 0
    spreadsheet: bool = False
    header: str = ""

    def __str__(self) -> str:
        where = [self.table] if self.table else []
        if self.spreadsheet and self.column:
            where.append(f"cell {column_letter(self.column)}{self.row}" if self.row else f"column {column_letter(self.column)}")
        else:
            where += [f"row {self.row}"] if self.row else []
            where += [f"column {self.column}"] if self.column else []
        text = ", ".join(where)
        if not self.header:
            return text
        return f'{text} ("{self.header}")' if self.spreadsheet else f'{text} "{self.header}"'


@dataclass(frozen=True)
class Cell:
    """One cell: its text, or a date when a spreadsheet stored one (as precise as the cell's format shows it)."""

    value: str | PartialDate
    place: Place

    @property
    def text(self) -> str:
        return str(self.value).strip()


@dataclass(frozen=True)
class Table:
    """A table of a Word document, a sheet of a workbook, or a CSV file: its rows of cells, top to bottom."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Note:
    """Something the import could not place as it was, or had to guess: said to the author with the cell."""

    place: Place | None
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message
