"""The plan → recommendations.yml, response.yml and new registry entries, as an author would write them.

The files are written as text, not dumped: the bundled content's key order, ids quoted where they
look like numbers, short texts as `{en: …}` and long ones as `|` blocks wrapped near 100 columns,
comments where the table said something no field holds, and for what the table does not say the
placeholders `evalsite new` writes (TODO, in a text or in a comment after a guessed value), which
`evalsite check` lists as warnings and a published build refuses. Each scalar's quoting is PyYAML's
own, so that what is written reads back as the text it was.
"""
from __future__ import annotations

import datetime
import json
import re
import textwrap

import yaml

from ..model import Status
from .plan import Plan, PlannedAction, PlannedRecommendation, PlannedUpdate
from .units import NewUnit

WIDTH = 100
_MARKDOWN_START = re.compile(r"^(?:[-*+>#=|`]|\d+[.)])")  # a wrapped line must not start a list, a heading or a quote
SCHEMA_LINE = "# yaml-language-server: $schema=../../../generator/schemas/{}.schema.json"


def recommendations_yaml(plan: Plan, lang: str, source: str, today: datetime.date) -> str:
    lines = [SCHEMA_LINE.format("recommendations"),
             *_comment(f"The evaluators' recommendations, imported by `evalsite import` from {source} on {today}: the texts are the table's "
                       f"words, in the evaluation's original language ({lang}). Give each recommendation its title, write the texts in our "
                       "own words and add their translations (docs/authoring.md)."),
             "recommendations:"]
    for rec in plan.recommendations:
        lines += [f"  - id: {_id(rec.id)}", f"    number: {json.dumps(rec.number)}",
                  *_text("title", lang, "TODO the recommendation in one line", 4),
                  *_text("text", lang, rec.text or "TODO the recommendation, in our own words (Markdown).", 4), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def response_yaml(plan: Plan, lang: str, source: str, today: datetime.date, fallback_unit: str) -> str:
    lines = [SCHEMA_LINE.format("response"),
             *_comment(f"The management response, imported by `evalsite import` from {source} on {today}: a position and a response for "
                       "each recommendation, and the key actions with their time frame, the units in charge, their status and dated "
                       f"updates, in the table's words and the evaluation's original language ({lang}). What the table does not say is a "
                       "placeholder to replace (evalsite check lists each one); what it says that no field holds is kept in comments "
                       "(`# … in the table: …`)."),
             "responses:"]
    for rec in plan.recommendations:
        lines += _response(rec, lang, today, fallback_unit) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _response(rec: PlannedRecommendation, lang: str, today: datetime.date, fallback_unit: str) -> list[str]:
    lines = [f"  - recommendation: {_id(rec.id)}", *(f"    # {_one_line(c)}" for c in rec.comments)]
    if rec.position:
        lines.append(f"    position: {rec.position}")
    else:
        lines.append("    position: agree            # TODO choose: agree | partially-agree | disagree")
    if rec.in_charge:
        lines.append(f"    in_charge: [{', '.join(rec.in_charge)}]")
    number = rec.number
    lines += _text("text", lang, rec.response or f"TODO the management's response to recommendation {number}, in our own words (Markdown).", 4)
    if rec.actions:
        lines.append("    actions:")
        for action in rec.actions:
            lines += _action(action, lang, today, fallback_unit)
    return lines


def _action(action: PlannedAction, lang: str, today: datetime.date, fallback_unit: str) -> list[str]:
    lines = [f"      - id: {_id(action.id or '')}", *(f"        # {_one_line(c)}" for c in action.comments)]
    lines += _text("text", lang, action.text or "TODO what will be done, in our own words (Markdown).", 8)
    when = action.when
    if when and when.timing:
        lines.append(f"        timing: {when.timing}")
    if when and when.due:
        lines.append(f"        due: {when.due}")
    if not when:
        lines.append(f"        timing: {today.year}-{today.year + 1}          # TODO a year or a year range; or give `due:` instead, or both")
    if action.in_charge and not action.in_charge_guessed:
        lines.append(f"        in_charge: [{', '.join(action.in_charge)}]")
    else:
        guess = ", ".join(action.in_charge) or fallback_unit
        lines.append(f"        in_charge: [{guess}]          # TODO who is in charge (the table does not say): ids from organisations.yml")
    if action.status:
        lines.append(f"        status: {action.status}")
        if action.status == Status.DROPPED:
            lines += _text("status_reason", lang, action.status_reason or "TODO why the action was dropped", 8)
    if action.updates:
        lines.append("        updates:")
        for update in action.updates:
            lines += _update(update, lang)
    return lines


def _update(update: PlannedUpdate, lang: str) -> list[str]:
    lines = [f"          - date: {update.date.isoformat()}"]
    if update.status:
        lines.append(f"            status: {update.status}")
    return lines + _text("text", lang, update.text, 12)


def unit_entries(units: list[NewUnit], lang: str, indent: int, source: str) -> str:
    """Registry entries for the units the table names and the registry lacks, for the author to complete."""
    pad = " " * indent
    lines = []
    for unit in units:
        lines += [f"{pad}- id: {unit.id}          # TODO added by `evalsite import` for {source}, {unit.place}: check the id and the kind, "
                  "add part_of and the name in nl, fr and en",
                  f"{pad}  kind: unit", *_text("name", lang, unit.name, indent + 2)]
    return "\n".join(lines) + "\n"


def _id(value: str) -> str:
    """An id as the content writes it: plain (`r1`), or quoted where YAML would read a number (`"1.1"`)."""
    return value if re.fullmatch(r"[A-Za-z][A-Za-z0-9.-]*", value) and _plain(value) == value else json.dumps(value)


def _plain(value: str) -> str:
    """A scalar as PyYAML writes it in block context: plain when it can be, quoted when it must."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=False)
    return dumped.removesuffix("\n").removesuffix("\n...").removesuffix("\n")


def _text(key: str, lang: str, text: str, indent: int) -> list[str]:
    """A text map with one language, `{en: …}` when it fits on the line, a block with a `|` text otherwise."""
    pad = " " * indent
    if "\n" not in text:
        flow = f"{pad}{key}: " + yaml.safe_dump({lang: text}, allow_unicode=True, width=10**9, default_flow_style=True).strip()
        if len(flow) <= WIDTH:
            return [flow]
    lines = [f"{pad}{key}:", f"{pad}  {lang}: |"]
    return lines + [f"{pad}    {line}" if line else "" for line in _wrapped(text, WIDTH - indent - 4)]


def _wrapped(text: str, width: int) -> list[str]:
    """Markdown lines wrapped to `width` (Markdown joins them again), unless a wrapped line would start a list, a quote or a heading."""
    lines: list[str] = []
    for line in text.split("\n"):
        item = line.startswith("- ")
        wrapped = textwrap.wrap(line, max(width, 40), break_long_words=False, break_on_hyphens=False, subsequent_indent="  " if item else "")
        if not wrapped or any(_MARKDOWN_START.match(part.lstrip()) for part in wrapped[1:]):
            wrapped = [line]
        lines += wrapped
    return lines


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, WIDTH - 2, break_long_words=False, break_on_hyphens=False)]


def _one_line(text: str) -> str:
    return " ".join(text.split())
