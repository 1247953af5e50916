"""The whole import: a table → the evaluation's response.yml (and recommendations.yml, and new units),
checked as `evalsite check` would before anything is written.

What the evaluation already holds decides what is written. Its recommendations.yml stays as it is
when it has real recommendations: the table's must then be among them (by id, `r3`, or by number),
and the response refers to their ids. It is written from the table when there is none (or, with
--force, when it holds only the placeholder `evalsite new evaluation` wrote). An existing
response.yml is only replaced with --force. Everything is written only when all of it is valid
together (a trial load in a copy of the content), each file whole (`files.write_file`).
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.changes import dash_column, insert_entry, trial_load
from ..content.organisations import Registry, load_organisations
from ..content.yamlsource import PLACEHOLDER, read_yaml
from ..errors import Problem, Problems, display_path
from ..files import write_file
from ..markup import Converter
from ..model import LANGS
from .columns import find_layouts, table_language
from .plan import Plan, make_plan
from .read import read_tables
from .render import recommendations_yaml, response_yaml, unit_entries
from .table import CannotImport, Note
from .units import NewUnit, Units

LANGUAGE_NAMES = {"nl": "Dutch", "fr": "French", "en": "English"}


@dataclass(frozen=True)
class ImportOptions:
    evaluation: str
    force: bool = False  # replace an existing response.yml (and a placeholder recommendations.yml)
    dry_run: bool = False  # check everything, write nothing
    add_units: bool = False  # add the units the registry lacks instead of stopping


@dataclass(frozen=True)
class Outcome:
    """What an import wrote (or, in a dry run, would write): each file whole, the registry entries it
    added, and what the author should know: the cells it could not place, the placeholders left."""

    files: dict[Path, str]
    new_units: tuple[NewUnit, ...]
    unit_text: str  # the entries added to organisations.yml, as written
    kept: Path | None  # recommendations.yml, kept as it was
    notes: tuple[Note, ...]
    warnings: tuple[Problem, ...]
    recommendations: int
    actions: int


def import_table(source: Path, content: Path, options: ImportOptions, extensions: Sequence[str | dict] = ()) -> Outcome:
    """Import `source` into the evaluation `options.evaluation` of `content`; CannotImport says why not, and nothing is then written."""
    file = display_path(source)
    folder = content / "evaluations" / options.evaluation
    lang = _original_language(content, folder)
    registry = _registry(content)
    layouts, notes = find_layouts(read_tables(source), file)
    units = Units(registry, add=options.add_units)
    today = datetime.date.today()
    plan = make_plan(layouts, units, today)
    errors = [str(unknown) for unknown in units.unknown] + plan.errors
    if not plan.recommendations:
        errors.append("the recommendation column holds no recommendation — put each recommendation's text (or number) in it")
    if errors:
        raise CannotImport("\n".join(f"{file}: {error}" for error in errors))
    notes += plan.notes
    written = table_language(layouts)
    if written and written != lang:
        notes.append(Note(None, f"the table's headers are in {LANGUAGE_NAMES[written]}, and the evaluation's original language is "
                                f"{LANGUAGE_NAMES[lang]}: its texts are filed as `{lang}:` — check that they are written in "
                                f"{LANGUAGE_NAMES[lang]}, or correct original_language in evaluation.yml"))
    rec_path, response_path, registry_path = folder / "recommendations.yml", folder / "response.yml", content / "organisations.yml"
    kept = _existing_recommendations(rec_path, plan, options, file, notes)
    if response_path.exists() and not options.force:
        raise CannotImport(f"{display_path(response_path)} already exists — run again with --force to replace it (the progress it records "
                           "that the table lacks would be lost), or --dry-run to see what would be written")
    files = {} if kept else {rec_path: recommendations_yaml(plan, lang, source.name, today)}
    fallback = next(iter(registry.organisations), "")
    files[response_path] = response_yaml(plan, lang, source.name, today, fallback)
    unit_text = ""
    if units.new:
        files[registry_path], unit_text = _with_units(registry_path, units.new, lang, source.name)
    trial = trial_load(content, files, extensions)
    if trial.problems:
        raise CannotImport("the imported files would not be valid, so nothing was written (--dry-run shows them):\n"
                           + "\n".join(map(str, trial.problems)))
    if not options.dry_run:
        for path, text in files.items():
            write_file(path, text)
    return Outcome(files, tuple(units.new), unit_text, rec_path if kept else None, tuple(dict.fromkeys(notes)), trial.warnings,
                   len(plan.recommendations), len(plan.actions))


def _original_language(content: Path, folder: Path) -> str:
    """The evaluation's original language: the texts of the table are filed under it."""
    path = folder / "evaluation.yml"
    if not path.is_file():
        slug = folder.name
        raise CannotImport(f"there is no evaluation '{slug}' in {display_path(content / 'evaluations')} — create it first: "
                           f"evalsite new evaluation {slug} --language en (or nl, fr: the language of the table's texts)")
    doc = read_yaml(path, Problems())
    lang = doc.data.get("original_language") if doc and isinstance(doc.data, dict) else None
    if lang not in LANGS:
        raise CannotImport(f"{display_path(path)} does not say its original_language (nl, fr or en) — fix it first (evalsite check)")
    return lang


def _registry(content: Path) -> Registry:
    problems = Problems()
    registry = load_organisations(content / "organisations.yml", problems, Converter())
    if problems.items:
        raise CannotImport("organisations.yml has problems; fix them first (evalsite check):\n" + "\n".join(map(str, problems.items)))
    return registry


def _existing_recommendations(path: Path, plan: Plan, options: ImportOptions, file: str, notes: list[Note]) -> bool:
    """True when the evaluation's recommendations.yml stays: the plan's recommendations then take its ids."""
    if not path.is_file():
        return False
    doc = read_yaml(path, Problems())
    items = doc.data.get("recommendations") if doc and isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        raise CannotImport(f"{display_path(path)} cannot be read — fix it first (evalsite check), or move it away to import the table's "
                           "recommendations")
    existing = [r for r in items if isinstance(r, dict) and isinstance(r.get("id"), str)]
    if all(PLACEHOLDER.search(str(r.get("title"))) and PLACEHOLDER.search(str(r.get("text"))) for r in existing):
        if options.force:
            return False
        raise CannotImport(f"{display_path(path)} holds only placeholders (from `evalsite new evaluation`) — run again with --force to "
                           f"replace it with the table's {len(plan.recommendations)} recommendations")
    by_address = {r["id"].lower(): r["id"] for r in existing}
    by_number: dict[str, list[str]] = {}
    for r in existing:
        by_number.setdefault(str(r.get("number", "")), []).append(r["id"])
    missing = []
    for rec in plan.recommendations:
        same_number = by_number.get(rec.number, [])
        found = by_address.get(f"r{rec.number}") or (same_number[0] if len(same_number) == 1 else None) or by_address.get(rec.number.lower())
        if found:
            rec.id = found
        else:
            missing.append(f"{file}: {rec.place}: recommendation {rec.number} is not one of {display_path(path)} "
                           f"({', '.join(by_address.values())})")
    if missing:
        raise CannotImport("\n".join(missing) + f"\nthe table's recommendations must be the evaluation's — add the missing ones "
                                                f"(evalsite new recommendation --evaluation {options.evaluation}) or correct their numbers "
                                                "in the table")
    answered = {rec.id for rec in plan.recommendations}
    if unanswered := [r["id"] for r in existing if r["id"] not in answered]:
        notes.append(Note(None, f"{display_path(path)} has recommendations the table does not answer ({', '.join(unanswered)}): "
                                "response.yml has no response to them"))
    return True


def _with_units(path: Path, units: list[NewUnit], lang: str, source: str) -> tuple[str, str]:
    """organisations.yml with the new units after its last entry, comments and layout kept; and the entries added."""
    text = path.read_text(encoding="utf-8")
    entries = next((value for key, value in yaml.compose(text).value if key.value == "organisations"), None)
    if not isinstance(entries, yaml.SequenceNode) or not entries.value or entries.flow_style:
        raise CannotImport(f"{display_path(path)}: its `organisations:` list is empty or on one line, so the units cannot be added to it "
                           f"— add them by hand ({', '.join(u.name for u in units)}), or write the list one entry per line")
    added = unit_entries(units, lang, dash_column(text, entries.value[-1]), source)
    return insert_entry(text, entries.end_mark, added), added
