"""Which row of a table is its header, and what each column holds, from the header's words.

Tables come with the header in any of the three languages, with extra words ("Key action(s)",
"Responsible unit(s)", "Date d'échéance"), sometimes on two rows (the UNDP template's "Tracking" over
"Comments" and "Status"), and after a title row or two. So the header is the first row near the top
that names at least two known columns, a row below it that only names columns refines it, and
each header cell is matched against `words.HEADERS`, the longest match winning.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .table import CannotImport, Cell, Note, Place, Table
from .words import COMPOUNDING, FIELD_NAMES, HEADERS, fold

HEADER_SEARCH_ROWS = 10  # a header lower than this is not looked for: the rows above it would be a document, not a title
HEADER_MAX_WORDS = 10  # a longer cell is content ("Recommendation 1: the programme should…"), not a header


@dataclass(frozen=True)
class Match:
    field: str
    languages: frozenset[str]
    length: int  # of the words matched: the longest match wins


@dataclass(frozen=True)
class Layout:
    """A table read as a management response: where its data starts, and the column of each field (0-based)."""

    table: Table
    first_data_row: int
    columns: dict[str, int]
    headers: tuple[str, ...]
    languages: Counter[str]
    repeated: dict[int, str]  # columns naming a field that an earlier column already holds → that field

    def why_left_out(self, column: int) -> str:
        """Why the cells of a column (1-based) are not imported."""
        repeated = self.repeated.get(column - 1)
        return f"a second {FIELD_NAMES[repeated]} column" if repeated else "not a column evalsite imports"


@dataclass(frozen=True)
class Row:
    """One data row: its cells by field (each place naming its column's header), and the filled cells of
    columns the import does not know."""

    place: Place
    cells: dict[str, Cell]
    others: tuple[Cell, ...]

    def text(self, field: str) -> str:
        cell = self.cells.get(field)
        return cell.text if cell else ""


def header_match(text: str) -> Match | None:
    """The field a header cell names, if any: the longest header word found in it."""
    folded = fold(text)
    if not folded or len(folded.split()) > HEADER_MAX_WORDS:
        return None
    best: Match | None = None
    for field, by_lang in HEADERS.items():
        for lang, phrases in by_lang.items():
            start = "" if lang in COMPOUNDING else r"(?:^| )"
            for phrase in phrases:
                if re.search(start + re.escape(phrase) + r"(?= |$)", folded):
                    if best is None or len(phrase) > best.length:
                        best = Match(field, frozenset({lang}), len(phrase))
                    elif best.field == field and len(phrase) == best.length:
                        best = Match(field, best.languages | {lang}, len(phrase))
    return best


def find_layouts(tables: list[Table], file: str) -> tuple[list[Layout], list[Note]]:
    """The tables to import, each with its layout, and what was left out; CannotImport when no table
    has a header row with a recommendation column."""
    layouts, notes, without_recommendations = [], [], []
    for table in tables:
        layout = _layout(table)
        filled = any(cell.text for row in table.rows for cell in row)
        if layout is None:
            if filled:
                notes.append(Note(Place(table.name, 1), f"no header row in its first {HEADER_SEARCH_ROWS} rows: the table was not imported"))
        elif "recommendation" not in layout.columns:
            without_recommendations.append(layout)
        else:
            layouts.append(layout)
    if not layouts and without_recommendations:
        layout = without_recommendations[0]
        raise CannotImport(f"{file}: {header_place(layout)} is the header row ({', '.join(h for h in layout.headers if h)}), but no column holds the "
                           "recommendations — name that column \"Recommendation\" (or \"Recommandation\", \"Aanbeveling\")")
    if not layouts:
        known = ", ".join(FIELD_NAMES.values())
        raise CannotImport(f"{file}: no header row found — evalsite looks in the first {HEADER_SEARCH_ROWS} rows of each table for a row "
                           f"that names at least two of these columns, in English, French or Dutch: {known}; add such a row above the first "
                           "recommendation")
    for layout in without_recommendations:
        notes.append(Note(header_place(layout), "this table has no recommendation column: it was not imported"))
    return layouts, notes


def header_place(layout: Layout) -> Place:
    """The (last) header row, as the author finds it."""
    return replace(layout.table.rows[layout.first_data_row - 1][0].place, column=0)


def _layout(table: Table) -> Layout | None:
    for at, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        matches = [header_match(cell.text) for cell in row]
        if len({m.field for m in matches if m}) < 2:
            continue
        headers = [cell.text for cell in row]
        below = at + 1
        while below < len(table.rows) and _refines(table.rows[below], headers):
            for c, cell in enumerate(table.rows[below]):
                found = header_match(cell.text)
                if found and c < len(matches):
                    matches[c], headers[c] = found, cell.text
            below += 1
        columns: dict[str, int] = {}
        repeated: dict[int, str] = {}
        languages: Counter[str] = Counter()
        for c, found in enumerate(matches):
            if found and found.field in columns:
                repeated[c] = found.field
            elif found:
                columns[found.field] = c
                if len(found.languages) == 1:
                    languages.update(found.languages)
        return Layout(table, below, columns, tuple(headers), languages, repeated)
    return None


def _refines(row: tuple[Cell, ...], headers: list[str]) -> bool:
    """A row under the header that only names columns (a second header row), or repeats the header (merged cells)."""
    filled = [(c, cell.text) for c, cell in enumerate(row) if cell.text]
    # a digit marks content ("Recommendation 1", "R2"), never a header's words
    return bool(filled) and all((c < len(headers) and text == headers[c]) or (header_match(text) and not re.search(r"\d", text))
                                for c, text in filled)


def data_rows(layout: Layout) -> Iterator[Row]:
    """The rows under the header that hold something, each cell named by its column's header."""
    for row in layout.table.rows[layout.first_data_row:]:
        if not any(cell.text for cell in row):
            continue
        if all(not cell.text or (c < len(layout.headers) and cell.text == layout.headers[c]) for c, cell in enumerate(row)):
            continue  # the header again (a table continued on the next page)
        cells = {field: _named(row[c], layout) for field, c in layout.columns.items() if c < len(row)}
        used = set(layout.columns.values())
        others = tuple(_named(cell, layout) for c, cell in enumerate(row) if c not in used and cell.text)
        yield Row(replace(row[0].place, column=0), cells, others)


def _named(cell: Cell, layout: Layout) -> Cell:
    c = cell.place.column - 1
    header = layout.headers[c] if c < len(layout.headers) else ""
    return replace(cell, place=replace(cell.place, header=" ".join(header.split())))


def table_language(layouts: list[Layout]) -> str | None:
    """The language the headers are written in, when they say so clearly."""
    counts = sum((layout.languages for layout in layouts), Counter())
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
