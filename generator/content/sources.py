"""What every content loader shares: files read and validated with their schema errors located,
dates and year ranges parsed, did-you-mean hints, and texts that must exist in the original language.
"""
from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..markup import HINT, Converter
from ..model import PartialDate, Text, Years
from . import private
from .schema import validate
from .yamlsource import Document, check_size, read_text, read_yaml


def check_folder(folder: Path, allowed: set[str], problems: Problems) -> None:
    """Report files that the loader would silently ignore, with the name they were probably meant to have."""
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in allowed:
            continue
        guess = difflib.get_close_matches(path.name, sorted(allowed), n=1)
        fix = f"rename it to {guess[0]}" if guess else f"the names allowed here are: {', '.join(sorted(allowed))}"
        problems.add(path, 1, f"this file is not used by evalsite — {fix}")


def unique_id(src: Source, where: tuple, seen: set[str], item_id: str, what: str, problems: Problems) -> None:
    """Note `item_id` among the ids of its kind in one file (`seen`), and say so when it is there already."""
    if item_id in seen:
        problems.add(src.doc.path, src.doc.line(where), f"the {what} id '{item_id}' is used twice — give each {what} its own id")
    seen.add(item_id)


def did_you_mean(word: str, options: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    if aliases and word in aliases:
        return f" — '{word}' is a name of '{aliases[word]}': write {aliases[word]}"
    options = sorted(options)
    same = [option for option in options if option.lower() == word.lower()]  # ids are written as the source does: R1 is not r1
    guess = same or difflib.get_close_matches(word, options, n=1)
    return f" — did you mean '{guess[0]}'?" if guess else ""


def parse_years(value: Any, doc: Document, where: tuple, problems: Problems) -> Years:
    start, _, end = str(value).partition("-")
    years = Years(int(start), int(end or start))
    if years.end < years.start:
        problems.add(doc.path, doc.line(where), f"the range '{value}' ends before it starts — write the earlier year first")
    return years


def parse_date(value: Any, doc: Document, where: tuple, problems: Problems) -> PartialDate | None:
    """A date at the precision written (year, quarter, month or day); the schema checked its form."""
    if value is None:
        return None
    try:
        return PartialDate.fromisoformat(str(value))
    except ValueError:
        problems.add(doc.path, doc.line(where), f"'{value}' is not a real date — check the month and the day")
        return None


def parse_day(value: Any, doc: Document, where: tuple, problems: Problems) -> datetime.date | None:
    """A full date (YYYY-MM-DD), checked to exist."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.add(doc.path, doc.line(where), f"'{value}' is not a real date — check the month and the day")
        return None


def own_language_text(value: dict) -> Text:
    """A text whose original is the first language given (a document title, an organisation's name)."""
    return Text(value, "en" if "en" in value else next(iter(value)))


@dataclass
class Source:
    """A parsed content file and where its schema errors are, so that the valid entries in it
    can still be checked (every problem at once) while broken ones are skipped."""

    doc: Document
    broken: list[tuple] = field(default_factory=list)

    def ok(self, where: tuple) -> bool:
        """True when nothing at or under `where` failed the schema."""
        return not any(path[: len(where)] == where for path in self.broken)

    def items(self, key: str) -> list[tuple[tuple, dict]]:
        """The valid entries of the list under `key`, each with its path."""
        values = self.doc.data.get(key) if isinstance(self.doc.data, dict) else None
        if not isinstance(values, list):
            return []
        return [((key, i), item) for i, item in enumerate(values) if self.ok((key, i))]


def empty_file(path: Path) -> str:
    """The one message for an empty content file, whatever its kind."""
    return f"{path.name} is empty — fill it in (see docs/authoring.md)"


def read_source(path: Path, schema: str, problems: Problems, required: bool, markup: Converter) -> Source | None:
    """The file with its schema errors and its texts' unsafe HTML reported (`markup`: the one
    allow-list pages are made with); None when it is missing, empty, private as a whole or not YAML."""
    name = path.name
    if not path.is_file():
        if required:
            problems.add(path, 1, f"{name} is missing — every evaluation folder needs one (see docs/authoring.md)")
        return None
    doc = read_yaml(path, problems)
    if doc is None:
        return None
    if doc.private:
        if required:
            problems.add(path, 1, f"{name} says `private: true` as a whole, but the site needs it — keep the entries or fields "
                                  "that must stay off the site private, not the file")
        return None
    if doc.data is None:
        problems.add(path, 1, empty_file(path))
        return None
    if not isinstance(doc.data, dict):
        problems.add(path, doc.line(()), f"{name} must be a set of keys such as `title:` — see docs/authoring.md for its form")
        doc.data = {}
        return Source(doc, [()])
    broken = validate(doc, schema, problems)
    check_markup(doc, markup, problems)
    return Source(doc, broken)


def check_markup(doc: Document, markup: Converter, problems: Problems) -> None:
    """Every text of a YAML file against the allow-list its HTML is cleaned with, at its line."""
    def walk(value: Any, where: tuple) -> None:
        if isinstance(value, str):
            for problem in markup.problems(value):
                problems.add(doc.path, doc.line(where), f"{problem} — {HINT}")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, where + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, where + (i,))

    walk(doc.data, ())


def unreadable(path: Path, src: Source | None, key: str) -> bool:
    """True when a file exists but its list under `key` could not be read (not YAML, empty, not a
    set of keys, no list there): what it defines is unknown, so references into it are not checked
    (its own problem says why)."""
    return path.is_file() and (src is None or () in src.broken or (key,) in src.broken)


def read_markdown(path: Path, problems: Problems, markup: Converter, titled: bool = False) -> str | None:
    """A Markdown file's text without its private blocks; None when it is not UTF-8 or empty.
    Each block (paragraphs are separated by blank lines) is checked against the allow-list its
    HTML is cleaned with, and against the size limit, at its first line. In a `titled` file (a report
    chapter) `# ` headings are titles, which the page sets itself: their words are what is checked."""
    text = read_text(path, problems)
    if text is None:
        return None
    text, private_problems = private.strip_blocks(text)
    for line, message in private_problems:
        problems.add(path, line, message)
    if not text.strip():
        problems.add(path, 1, empty_file(path))
        return None
    start = 1
    rows = text.splitlines()
    for number, row in enumerate(rows, start=1):
        if not row.strip() or number == len(rows):
            block = "\n".join(rows[start - 1: number])
            if titled and block.startswith("# "):
                block = block[2:]
            check_size(block, path, start, problems)
            for problem in markup.problems(block):
                problems.add(path, start, f"{problem} — {HINT}")
            start = number + 1
    return text


def require_original(value: dict, original: str, doc: Document, where: tuple, problems: Problems) -> Text:
    """A text in an evaluation's files: the original language is required, the others optional."""
    if original not in value:
        problems.add(doc.path, doc.line(where),
                     f"the text in the original language ({original}) is missing — add `{original}:`; other languages are optional")
        value = {original: next(iter(value.values())), **value}
    text = Text(value, original)
    problems.gap(doc.path, doc.line(where), text.missing())
    return text
