"""Rows of a management-response table → recommendations, responses, key actions and their updates.

Tables come in two layouts, often mixed: a row per key action with its recommendation (and response)
repeated, or a recommendation's first row followed by continuation rows whose recommendation cell
is empty or merged. Both come down to one rule: a row belongs to the recommendation above it unless
its recommendation cell starts another one (another number, or another text). Every filled cell
ends up in the plan, in a YAML comment beside what it concerns, or in a note that names it; what
a required field lacks is left for `render` to mark as a placeholder.
"""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..model import Position, Status
from .columns import Layout, Row, data_rows
from .dates import When, leading_date, parse_date, parse_when
from .table import Cell, Note, Place
from .units import Units
from .words import (
    ACTION_WORDS,
    NUMBER_MARKS,
    POSITION_COLUMN_ONLY,
    POSITIONS,
    RECOMMENDATION_WORDS,
    STATUSES,
    alternatives,
    fold,
    plain,
    recognise,
)

_MARK = rf"(?:(?:{alternatives(NUMBER_MARKS)})\.?\s*)?"
# "Recommendation 1:", "Recommandation n° 2", "Aanbeveling 3", "R4", "Rec. 5", "6.", "7)", "8"; "1.2 …" for a sub-recommendation
_RECOMMENDATION_NUMBER = re.compile(
    rf"\s*(?:(?:{alternatives(RECOMMENDATION_WORDS)})\.?\s*{_MARK}(\d+(?:\.\d+)*[a-z]?)|(\d+(?:\.\d+)+)(?=\s)|(\d+[a-z]?)\s*(?=[.):]|$))"
    r"\s*[.):\-–—]?\s*")
# "1.2 …", "Action 1.2:", "Key action 3.1 -" (an id as written); "2.", "Action 2:" (the second action of its recommendation)
_ACTION_NUMBER = re.compile(
    rf"\s*(?:(?:{alternatives(ACTION_WORDS)})\.?\s*{_MARK})?(?:(\d+(?:\.\d+)+[a-z]?)|(\d+)(?=\s*[.):]))\s*[.):\-–—]?\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_BULLET = re.compile(r"^[-–—*•·▪◦‣]\s*")


@dataclass
class PlannedUpdate:
    date: datetime.date
    text: str
    status: Status | None = None


@dataclass
class PlannedAction:
    """A key action as the table gives it; `id` is None until the actions of its recommendation are numbered."""

    id: str | None
    text: str
    place: Place
    when: When | None = None
    in_charge: list[str] = field(default_factory=list)
    in_charge_guessed: bool = False
    status: Status | None = None
    status_reason: str | None = None
    updates: list[PlannedUpdate] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # the table's words that fit no field: kept as YAML comments


@dataclass
class PlannedRecommendation:
    number: str
    id: str
    texts: list[str]
    place: Place
    source: str = ""  # the recommendation cell as written, to tell a repeated one from the next
    responses: list[str] = field(default_factory=list)
    position: Position | None = None
    position_place: Place | None = None
    in_charge: list[str] = field(default_factory=list)
    actions: list[PlannedAction] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.texts)

    @property
    def response(self) -> str:
        return "\n\n".join(self.responses)


@dataclass
class Plan:
    recommendations: list[PlannedRecommendation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def actions(self) -> list[PlannedAction]:
        return [a for r in self.recommendations for a in r.actions]


def markdown(text: str) -> str:
    """A cell's text as Markdown: each line a paragraph (Word keeps a paragraph per line, Excel a line
    break), bullets as a list, a `#` that starts a line kept as a character rather than a heading."""
    lines: list[str] = []
    previous = ""
    for raw in _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")).split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        kind = "item" if _BULLET.match(line) and len(line) > 2 else "paragraph"
        if kind == "item":
            line = "- " + _BULLET.sub("", line)
        elif line.startswith("#"):
            line = "\\" + line
        if lines and not (kind == previous == "item"):
            lines.append("")
        lines.append(line)
        previous = kind
    return "\n".join(lines)


def recommendation_number(text: str) -> tuple[str | None, str]:
    """The number a recommendation cell starts with, if any, and the text after it."""
    m = _RECOMMENDATION_NUMBER.match(plain(text))
    if not m:
        return None, text.strip()
    return next(g for g in m.groups() if g), text[m.end():].strip()


def action_number(text: str) -> tuple[str | None, int | None, str]:
    """An action cell's id as written ("1.2"), or its place in its recommendation ("2."), and the text after it."""
    m = _ACTION_NUMBER.match(plain(text) + " ")
    if not m:
        return None, None, text.strip()
    return m[1], int(m[2]) if m[2] else None, text[m.end():].strip()


def make_plan(layouts: list[Layout], units: Units, today: datetime.date) -> Plan:
    """The recommendations, responses and actions of the tables' rows, in order, and every cell they could not hold."""
    plan = Plan()
    by_number: dict[str, PlannedRecommendation] = {}
    positions: dict[str, list[tuple[Position, Cell]]] = defaultdict(list)
    left_out: dict[tuple[Place, str], list[int]] = defaultdict(list)  # (a column's place, why) → its rows with text
    current: PlannedRecommendation | None = None
    for layout in layouts:
        for row in data_rows(layout):
            for cell in row.others:
                column = replace(cell.place, row=0, header=cell.place.header or "no header")
                left_out[column, layout.why_left_out(cell.place.column)].append(cell.place.row)
            current = _recommendation(row, current, by_number, plan)
            if current is None:
                for cell in row.cells.values():
                    if cell.text:
                        plan.notes.append(Note(cell.place, "no recommendation in this row or above it: not imported"))
                continue
            _read_row(row, current, positions, units, today, plan)
    for (column, why), rows in left_out.items():
        plan.notes.append(Note(column, f"{why}: its cells in row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))} were left out"))
    for rec in plan.recommendations:
        _settle(rec, positions[rec.number], plan)
    _check_ids(plan)
    plan.notes = list(dict.fromkeys(plan.notes))  # a cell read for each action a row holds is named once
    return plan


def _recommendation(row: Row, current: PlannedRecommendation | None, by_number: dict[str, PlannedRecommendation],
                    plan: Plan) -> PlannedRecommendation | None:
    """The recommendation a row belongs to: the one its recommendation cell starts, or the one above."""
    cell = row.cells.get("recommendation")
    written = cell.text if cell else ""
    if not written:
        return current  # a continuation row: empty, or merged and read empty
    number, body = recommendation_number(written)
    if body != written.strip():
        body = _capitalised(body)
    if current and (written == current.source or (number and number == current.number)):
        rec = current
    else:
        if number is None:
            numbers = [int(m[1]) for m in (re.match(r"(\d+)", n) for n in by_number) if m]
            number = str(max(numbers, default=0) + 1)
        rec = by_number.get(number)
        if rec is None:
            rec = by_number[number] = PlannedRecommendation(number, f"r{number}", [], cell.place, written)
            plan.recommendations.append(rec)
        rec.source = written
    body = markdown(body)
    if body and body not in rec.texts:
        rec.texts.append(body)
    return rec


def _read_row(row: Row, rec: PlannedRecommendation, positions: dict[str, list[tuple[Position, Cell]]], units: Units, today: datetime.date,
              plan: Plan) -> None:
    response = markdown(row.text("response"))
    if response and response not in rec.responses:
        rec.responses.append(response)
    if cell := _filled(row, "position"):
        found = recognise(fold(cell.text), POSITIONS) or recognise(fold(cell.text), {p: {"": w} for p, w in POSITION_COLUMN_ONLY.items()})
        if found:
            positions[rec.number].append((found[0], cell))
        else:
            plan.notes.append(Note(cell.place, f"'{cell.text}' is not a position evalsite knows (agree, partially agree, disagree, "
                                               "in English, French or Dutch): not imported"))
            if (comment := f"position in the table: {cell.text}") not in rec.comments:
                rec.comments.append(comment)
    in_charge = units.ids(cell) if (cell := _filled(row, "units")) else []
    action_cells = [_filled(row, f) for f in ("due", "status", "comments", "updated")]
    written = row.text("action")
    if not written and not any(action_cells):
        for unit in in_charge:  # units beside a recommendation and no action: responsible for the recommendation as a whole
            if unit not in rec.in_charge:
                rec.in_charge.append(unit)
        return
    place = row.cells["action"].place if "action" in row.cells else row.place
    if not written:
        plan.notes.append(Note(place, "no key action in this row, but a time frame, a status or a comment: response.yml has an action "
                                      "for them whose text is a placeholder to replace"))
    for number, k, text in _split_actions(written) if written else [(None, None, "")]:
        action = PlannedAction(number or (f"{rec.number}.{k}" if k else None), markdown(text), place, in_charge=list(in_charge))
        _timing(row, action, plan)
        _follow_up(row, action, today, plan)
        rec.actions.append(action)


def _filled(row: Row, field_name: str) -> Cell | None:
    cell = row.cells.get(field_name)
    return cell if cell and cell.text else None


def _split_actions(text: str) -> list[tuple[str | None, int | None, str]]:
    """One action, or several when the cell numbers them line by line ("1.1 …", "1.2 …")."""
    lines = text.replace("\r", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if action_number(line)[:2] != (None, None)]
    if len(starts) < 2 or any(line.strip() for line in lines[: starts[0]]):
        return [action_number(text)]
    return [action_number("\n".join(lines[a:b])) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _timing(row: Row, action: PlannedAction, plan: Plan) -> None:
    cell = _filled(row, "due")
    if cell is None:
        return
    action.when = parse_when(cell.value)
    if action.when is None:
        plan.notes.append(Note(cell.place, f"'{cell.text}' is not a date or a period evalsite can read (2019-03, Q2 2020, 31/03/2019, "
                                           "March 2019, 2020-2021…): kept as a comment in response.yml"))
        action.comments.append(f"time frame in the table: {cell.text}")


def _follow_up(row: Row, action: PlannedAction, today: datetime.date, plan: Plan) -> None:
    """The action's status, and its comments as dated updates: a comment's own leading day, or the update-date column's."""
    if cell := _filled(row, "status"):
        found = recognise(fold(cell.text), STATUSES)
        if found:
            action.status = found[0]
        else:
            plan.notes.append(Note(cell.place, f"'{cell.text}' is not a status evalsite knows (completed, ongoing, not started, dropped, in "
                                               "English, French or Dutch): kept as a comment in response.yml"))
            action.comments.append(f"status in the table: {cell.text}")
    undated: list[str] = []
    if cell := _filled(row, "comments"):
        entries: list[tuple[datetime.date | None, list[str]]] = []
        for line in str(cell.value).replace("\r", "\n").split("\n"):
            found = leading_date(line)
            if found and found[0].precision == "day" and found[1]:
                entries.append((found[0].first_day, [_capitalised(found[1])]))
            elif entries and line.strip():
                entries[-1][1].append(line)  # a dated entry's next lines
            elif line.strip():
                undated.append(line)
        for day, lines in entries:
            text = markdown("\n".join(lines))
            if day > today:
                plan.notes.append(Note(cell.place, f"the update dated {day} lies after today: kept as a comment in response.yml"))
                action.comments.append(f"update in the table, dated {day}: {' '.join(text.split())}")
            else:
                action.updates.append(PlannedUpdate(day, text))
        if undated and (day := _update_day(row, today, plan)):
            action.updates.append(PlannedUpdate(day, markdown("\n".join(undated))))
            undated = []
    elif cell := _filled(row, "updated"):
        plan.notes.append(Note(cell.place, "an update date without a comment to date: not imported"))
    if action.status == Status.DROPPED and undated:
        action.status_reason = markdown("\n".join(undated))
    elif undated:
        cell = row.cells["comments"]
        plan.notes.append(Note(cell.place, "a comment without its day cannot be a dated update (write it as '20/05/2020: …', or give an "
                                           "update date column): kept as a comment in response.yml"))
        action.comments.append("comment in the table: " + " ".join(" ".join(undated).split()))
    action.updates.sort(key=lambda u: u.date)
    if action.updates and action.status:
        action.updates[-1].status = action.status  # the status the table gives is the one its latest update reports


def _update_day(row: Row, today: datetime.date, plan: Plan) -> datetime.date | None:
    """The day of the update-date column, when it is one and not in the future."""
    cell = _filled(row, "updated")
    if cell is None:
        return None
    day = cell.value if not isinstance(cell.value, str) else parse_date(cell.value)
    if day is None or day.precision != "day":
        plan.notes.append(Note(cell.place, f"'{cell.text}' is not a day (an update is dated to the day): the comment is kept as a YAML comment"))
        return None
    if day.first_day > today:
        plan.notes.append(Note(cell.place, f"{day} lies after today: the comment is kept as a YAML comment"))
        return None
    return day.first_day


def _settle(rec: PlannedRecommendation, positions: list[tuple[Position, Cell]], plan: Plan) -> None:
    """What is known once all its rows are read: its position, its actions' ids and who is in charge of them."""
    said = {position for position, _ in positions}
    if len(said) > 1:
        plan.errors.append("; ".join(f"{cell.place}: '{cell.text}'" for _, cell in positions)
                           + f" — recommendation {rec.number} has one position: make these cells agree")
    elif said:
        rec.position, rec.position_place = positions[0][0], positions[0][1].place
    elif rec.responses:
        found = recognise(fold(rec.responses[0][:80]), POSITIONS)
        if found:  # "Agree. The office will…": the position is the response's first words, which then leave its text
            rec.position = found[0]
            rest = _without_words(rec.responses[0], len(found[1].split()))
            rec.responses[0] = _capitalised(rest) or rec.responses[0]
    if rec.position is None:
        plan.notes.append(Note(rec.place, f"no position found for recommendation {rec.number} (no position column, and the response does "
                                          "not start with one): response.yml has a placeholder to replace"))
    taken = {a.id for a in rec.actions if a.id}
    k = 0
    for action in rec.actions:
        while action.id is None:
            k += 1
            if f"{rec.number}.{k}" not in taken:
                action.id = f"{rec.number}.{k}"
        if not action.in_charge:
            guess = rec.in_charge or next((a.in_charge for a in rec.actions if a.in_charge and not a.in_charge_guessed), [])
            action.in_charge, action.in_charge_guessed = list(guess), True


def _capitalised(text: str) -> str:
    """A text whose label the import cut off ("Recommendation 1:", "Agree:", "20/05/2020:") starts as a sentence."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _without_words(text: str, count: int) -> str:
    """`text` without its first `count` words (as `fold` counts them) and the punctuation after them."""
    words = list(re.finditer(r"[^\W_]+", text))
    if len(words) < count:
        return ""
    return re.sub(r"^[\s.,;:!\-–—)]+", "", text[words[count - 1].end():]).strip()


def _check_ids(plan: Plan) -> None:
    first: dict[str, PlannedAction] = {}
    for action in plan.actions:
        other = first.setdefault(action.id.lower(), action)
        if other is not action:
            plan.errors.append(f"{action.place}: the action id '{action.id}' is already used at {other.place} — number each action once")
