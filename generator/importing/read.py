"""A management-response file → its tables, per format: Word (.docx), Excel (.xlsx) or CSV.

Each reader gives the later stages the same thing: tables of cells with their places, merged cells
made plain. A cell merged over several rows stands in each of them (a unit or a due date shared by
the actions beside it; a recommendation repeated is a continuation row); a cell merged over several
columns stands in its first column only, so that a title row across the table is not read as a
recommendation, a response and an action at once. Everything a library can raise on a damaged file
becomes one message naming the file and what to do.
"""
from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable
from pathlib import Path

from ..errors import display_path
from ..model import PartialDate
from .table import CannotImport, Cell, Place, Table

# Formats people save management responses in that the import cannot read, and what to save them as instead.
RESAVE_AS = {".doc": ".docx", ".odt": ".docx", ".rtf": ".docx", ".pdf": ".docx", ".xls": ".xlsx", ".ods": ".xlsx", ".numbers": ".xlsx"}
CSV_DELIMITERS = ",;\t"
CSV_ENCODINGS = ("utf-8-sig", "cp1252")  # Excel on Windows saves CSV in the Windows code page unless told otherwise


def read_tables(path: Path) -> list[Table]:
    """The file's tables, top to bottom (Word), sheet by sheet (Excel), or its one table (CSV)."""
    name = display_path(path)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        instead = f"save it as {RESAVE_AS[suffix]} and import that" if suffix in RESAVE_AS else "give a .docx, .xlsx or .csv file"
        raise CannotImport(f"{name}: evalsite cannot read {suffix or 'files without an extension'} — {instead}")
    if not path.is_file():
        raise CannotImport(f"{name}: there is no such file — check the path")
    return reader(path, name)


def read_docx(path: Path, name: str) -> list[Table]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and package errors of its own on a damaged file
        raise CannotImport(f"{name}: cannot be read as a Word document ({type(exc).__name__}) — open it in Word and save it again as .docx") from None
    tables = []
    for number, table in enumerate(document.tables, start=1):
        rows = []
        for r, row in enumerate(table.rows, start=1):
            cells, seen = [], []
            for c, cell in enumerate(row.cells, start=1):
                # a cell merged across columns comes back once per column: its text counts in the first one only
                text = "" if any(cell._tc is other for other in seen) else cell.text
                seen.append(cell._tc)
                cells.append(Cell(text, Place(f"table {number}", r, c)))
            rows.append(tuple(cells))
        tables.append(Table(f"table {number}", tuple(rows)))
    return tables


def read_xlsx(path: Path, name: str) -> list[Table]:
    import openpyxl

    try:
        # not read_only: a read-only sheet does not know its merged cells
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and format errors of its own on a damaged file
        raise CannotImport(f"{name}: cannot be read as an Excel workbook ({type(exc).__name__}) — open it in Excel and save it again as .xlsx") from None
    tables = []
    for sheet in workbook.worksheets:
        values: dict[tuple[int, int], object] = {}
        for merged in sheet.merged_cells.ranges:  # a merged range's value is in its top-left cell: stand it in each row of its first column
            top = sheet.cell(merged.min_row, merged.min_col)
            for r in range(merged.min_row, merged.max_row + 1):
                values[r, merged.min_col] = (top.value, top.number_format)
        label = f'sheet "{sheet.title}"'
        rows = []
        for row in sheet.iter_rows(min_row=1, min_col=1):  # from A1, so that places are the sheet's own
            cells = []
            for cell in row:
                r, c = cell.row, cell.column
                value, number_format = values.get((r, c), (cell.value, cell.number_format))
                cells.append(Cell(_spreadsheet_value(value, number_format), Place(label, r, c, spreadsheet=True)))
            rows.append(tuple(cells))
        tables.append(Table(label, tuple(rows)))
    return tables


def _spreadsheet_value(value: object, number_format: str) -> str | PartialDate:
    """A cell's value as the author sees it: a date cell as precise as its format shows it (a cell
    formatted `mmm-yy` holds a day, but the author wrote, and sees, a month), a whole number without `.0`."""
    if isinstance(value, datetime.datetime | datetime.date):
        shown = re.sub(r'"[^"]*"|\[[^]]*]|\\.', "", number_format.lower())  # literal text, colours and locales are not date parts
        if "d" in shown or "y" not in shown:
            return PartialDate(value.year, value.month, value.day)
        return PartialDate(value.year, value.month) if "m" in shown else PartialDate(value.year)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def read_csv(path: Path, name: str) -> list[Table]:
    data = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CannotImport(f"{name}: is neither UTF-8 nor Windows text — save it again as CSV UTF-8")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel  # one column, or too little text to tell: commas
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise CannotImport(f"{name}: is not a CSV file evalsite can read ({exc}) — save it again from the spreadsheet as CSV") from None
    rows = tuple(tuple(Cell(value, Place("", r, c)) for c, value in enumerate(record, start=1)) for r, record in enumerate(records, start=1))
    return [Table("", rows)]


READERS: dict[str, Callable[[Path, str], list[Table]]] = {".docx": read_docx, ".xlsx": read_xlsx, ".xlsm": read_xlsx, ".csv": read_csv, ".tsv": read_csv}
