"""Due dates and update dates as a table writes them → the model's dates, never more precise than written.

A time-frame cell says "2019/03", "Q2 2020", "2020", "31/03/2019", "March 2019", "mars 2019", "maart
2019", "by end of 2020" or "2020-2021"; each form is rewritten into the model's own written form
(`2019-03`, `2020-Q2`, `2020`, `2019-03-31`) and parsed by `PartialDate.fromisoformat`, the one parser
the loader uses too, so that a date the import writes is one the check accepts. Month names come from
Babel in the three languages, full and abbreviated. A period ("2020-2021", "Jan 2020 - Jun 2021") is a
timing in years, with its end as the due date when the end is more precise than a year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel import Locale

from ..model import LANGS, PartialDate, Years
from .words import DUE_LEAD_WORDS, ORDINAL_ENDINGS, QUARTER_LETTERS, QUARTER_WORDS, RANGE_WORDS, alternatives, plain

_ORDINAL = rf"(?:{alternatives(ORDINAL_ENDINGS)})?\.?"
_QUARTER = alternatives(QUARTER_LETTERS)
# Each written form of a date, in plain text (lower case, no accents), with how to write it as the model does.
_YMD = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_MY = re.compile(r"(\d{1,2})[-/.](\d{4})")
_QY = re.compile(rf"(?:{_QUARTER})\s*([1-4])\s*[-/]?\s*(\d{{4}})")
_YQ = re.compile(rf"(\d{{4}})\s*[-/]?\s*(?:{_QUARTER})\s*([1-4])")
_QUARTER_IN_WORDS = re.compile(rf"([1-4])\s*{_ORDINAL}\s*(?:{alternatives(QUARTER_WORDS)})\s*(?:of\s+|de\s+|du\s+|van\s+)?(\d{{4}})")
_NAMED_MONTH = re.compile(rf"(?:(\d{{1,2}}){_ORDINAL}[\s-]+)?([a-z]+)\.?[\s,-]*(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(\d{{4}})")
_NAMED_MONTH_SHORT_YEAR = re.compile(r"([a-z]+)\.?[-'](\d{2})")  # "mar-19", as a spreadsheet shows a month
_LEAD = re.compile(rf"^(?:{alternatives(DUE_LEAD_WORDS)})(?![a-z])\s*")
_RANGE = re.compile(rf"\s*(?:[-–—/]|\b(?:{alternatives(RANGE_WORDS)})\b)\s*")
_RANGE_START = re.compile(r"^(?:from|de|du|van|vanaf)\s+")


@dataclass(frozen=True)
class When:
    """When an action is due: a date as precise as written, a timing in years, or both."""

    due: PartialDate | None = None
    timing: Years | None = None


@cache
def month_names() -> dict[str, int]:
    """Every month name Babel knows in nl, fr and en, full and abbreviated, in plain text → its number."""
    names: dict[str, int] = {}
    for lang in LANGS:
        months = Locale.parse(lang).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names.setdefault(plain(name).strip("."), number)
    return names


def month_number(word: str) -> int | None:
    """The month a word names: a name or an abbreviation Babel knows, or the start of one that no other month shares ("sept")."""
    names = month_names()
    if word in names:
        return names[word]
    numbers = {number for name, number in names.items() if name.startswith(word)} if len(word) >= 3 else set()
    return numbers.pop() if len(numbers) == 1 else None


def parse_date(text: str) -> PartialDate | None:
    """One date as precise as written (a day, a month, a quarter or a year); None when it is not one."""
    t = " ".join(plain(text).split()).strip("()[] ").rstrip(".")
    iso = _iso(t)
    if iso is None:
        return None
    try:
        return PartialDate.fromisoformat(iso)
    except ValueError:  # a month 13, a 31 February: not a date
        return None


def _iso(t: str) -> str | None:
    """The model's written form of a date written `t`."""
    if m := _YMD.fullmatch(t):
        return "-".join(part.zfill(2) for part in m.groups() if part)
    if m := _DMY.fullmatch(t):
        day, month, year = int(m[1]), int(m[2]), int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        if month > 12 >= day:  # 03/31/2019: written month first
            day, month = month, day
        return f"{year:04d}-{month:02d}-{day:02d}"
    if m := _MY.fullmatch(t):
        return f"{m[2]}-{int(m[1]):02d}"
    if m := _QY.fullmatch(t) or _QUARTER_IN_WORDS.fullmatch(t):
        return f"{m[2]}-Q{m[1]}"
    if m := _YQ.fullmatch(t):
        return f"{m[1]}-Q{m[2]}"
    if (m := _NAMED_MONTH.fullmatch(t)) and (month := month_number(m[2])) and not (m[1] and m[3]):
        day = m[1] or m[3]
        return f"{m[4]}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    if (m := _NAMED_MONTH_SHORT_YEAR.fullmatch(t)) and (month := month_number(m[1])):
        return f"{2000 + int(m[2])}-{month:02d}"
    return None


def parse_when(value: str | PartialDate) -> When | None:
    """A time-frame cell → when the action is due; None when the cell says something else ("ongoing")."""
    if isinstance(value, PartialDate):
        return When(due=value)
    t = _LEAD.sub("", " ".join(plain(value).split()))
    if single := parse_date(t):
        return When(due=single)
    for sep in _RANGE.finditer(t):
        end = parse_date(_LEAD.sub("", t[sep.end():]))
        if end is None:
            continue
        left = _RANGE_START.sub("", t[: sep.start()])
        start = parse_date(left) or parse_date(f"{left} {end.year}")  # "Jan - Jun 2021": the start takes the end's year
        if start is None or start.first_day > end.last_day:
            continue
        timing = Years(start.year, end.year) if start.year != end.year else None
        due = end if end.precision != "year" or timing is None else None
        return When(due, timing)
    return None


def leading_date(line: str) -> tuple[PartialDate, str] | None:
    """A date that starts a line ("20/05/2020: training started", "[May 2020] delayed"), and the rest of the line."""
    tokens = line.split()
    for n in range(min(4, len(tokens)), 0, -1):
        found = parse_date(" ".join(tokens[:n]).strip("([ ").rstrip(":;,.-–—)] "))
        if found:
            return found, " ".join(tokens[n:]).lstrip(":;,.-–—)] ")
    return None
