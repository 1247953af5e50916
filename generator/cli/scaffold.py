"""`evalsite new …`: a complete, valid, commented evaluation folder or management response, or one
more recommendation or action with the next free id, written into the author's files without
touching their comments.

New entries are inserted as text right after the last entry of their list (found with PyYAML's node
positions). The changed files are checked in a copy of the content folder first; only when the
content would still be valid are they written, each whole (`files.write_file`), so an author's file
is never left half-written or invalid. What the author must still write is marked TODO: `evalsite
check` lists each one, and a published build refuses them.
"""
from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import jinja2
import yaml

from ..content.changes import dash_column, insert_entry, trial_load
from ..content.evaluation import SLUG
from ..content.load import load_site
from ..errors import ContentError, display_path
from ..files import write_file
from ..model import LANGS, Evaluation, Recommendation
from ..paths import SCHEMAS, TEMPLATES
from ..urls import slug as address


class ScaffoldError(Exception):
    """What the author asked for cannot be made; the message says why and what to do."""


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "scaffold"), keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def new_evaluation(content: Path, slug: str, lang: str) -> Path:
    if not SLUG.match(slug):
        raise ScaffoldError(f"'{slug}' cannot be an evaluation's address — use lower-case letters, digits and hyphens")
    if lang not in LANGS:
        raise ScaffoldError(f"'{lang}' is not a language of the site — use nl, fr or en")
    folder = content / "evaluations" / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists — choose another slug")
    env, today = _env(), datetime.date.today()
    values = {"slug": slug, "lang": lang, "year": today.year, "today": today.isoformat(), "schemas": schemas_from(content, folder)}
    first = env.get_template("recommendation.yml.j2").render(indent="  ", id="r1", number="1", **values).rstrip("\n")
    _write_checked(content, {
        folder / "evaluation.yml": env.get_template("evaluation.yml.j2").render(**values),
        folder / "recommendations.yml": env.get_template("recommendations.yml.j2").render(recommendation=first, **values).rstrip("\n") + "\n",
        folder / f"introduction.{lang}.md": env.get_template("introduction.md.j2").render(**values)}, "the new evaluation")
    return folder


def new_recommendation(content: Path, slug: str) -> str:
    site = _load(content)
    ev = _evaluation(site, slug)
    ids = [r.id for r in ev.recommendations]
    new_id = _next_id(ids, "r")
    path = content / "evaluations" / slug / "recommendations.yml"
    text = path.read_text(encoding="utf-8")
    entries = _value(yaml.compose(text), "recommendations")
    entry = _env().get_template("recommendation.yml.j2").render(
        indent=" " * dash_column(text, entries.value[-1]), id=new_id,
        number=new_id[1:] if re.fullmatch(r"r\d+", new_id) else len(ids) + 1, lang=ev.original_language)
    _insert_and_check(content, path, entries.end_mark, entry)
    return new_id


def new_response(content: Path, slug: str) -> Path:
    """A response.yml with one entry per recommendation, each with placeholders to replace."""
    site = _load(content)
    ev = _evaluation(site, slug)
    path = content / "evaluations" / slug / "response.yml"
    if path.exists():
        raise ScaffoldError(f"{display_path(path)} already exists — add key actions with:"
                            f" evalsite new action --evaluation {slug} --recommendation ID")
    today = datetime.date.today()
    _write_checked(content, {path: _env().get_template("response.yml.j2").render(
        slug=slug, lang=ev.original_language, year=today.year, today=today.isoformat(), recommendations=ev.recommendations,
        schemas=schemas_from(content, path.parent))}, "the new response")
    return path


def new_action(content: Path, slug: str, rec_id: str) -> str:
    site = _load(content)
    ev = _evaluation(site, slug)
    path = content / "evaluations" / slug / "response.yml"
    if not ev.has_response:
        raise ScaffoldError(f"{slug} has no management response yet — create it first: evalsite new response --evaluation {slug}")
    rec_id = _recommendation_id(ev, rec_id)
    if ev.response(rec_id) is None:
        raise ScaffoldError(f"'{rec_id}' has no response in {display_path(path)} — add its response (with its position) first")
    new_id = next_action_id(ev, ev.recommendation(rec_id))
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text)
    response = next(item for item in _value(root, "responses").value if _scalar(item, "recommendation") == rec_id)
    actions = _value(response, "actions")
    # a guess marked TODO: who is in charge of this recommendation's actions, or responsible for it, or of any action
    siblings, others = ev.actions_for(rec_id), ev.actions
    in_charge = ((siblings and siblings[0].in_charge) or ev.response(rec_id).in_charge or (others and others[0].in_charge)
                 or (site.organisations[0].id,))
    values = {"id": new_id, "lang": ev.original_language, "year": datetime.date.today().year, "in_charge": ", ".join(in_charge)}
    if actions is not None and actions.value:
        entry = _env().get_template("action.yml.j2").render(indent=" " * dash_column(text, actions.value[-1]), **values)
        _insert_and_check(content, path, actions.end_mark, entry)
    else:
        indent = response.value[0][0].start_mark.column
        entry = " " * indent + "actions:\n" + _env().get_template("action.yml.j2").render(indent=" " * (indent + 2), **values)
        _insert_and_check(content, path, response.end_mark, entry)
    return new_id


def _recommendation_id(ev: Evaluation, given: str) -> str:
    """The recommendation an author names, as written or in another case (`R2` for `r2`, as ids and their
    addresses are one); an unknown one is answered with the ids there are."""
    ids = [r.id for r in ev.recommendations]
    if given in ids:
        return given
    same = [rec_id for rec_id in ids if address(rec_id) == address(given)]
    if same:
        return same[0]
    raise ScaffoldError(f"'{given}' is not a recommendation of {ev.slug} — its ids are: {', '.join(ids)}")


def schemas_from(content: Path, folder: Path) -> str | None:
    """The path from `folder` to the content schemas, for the `$schema` line editors read: the project's
    own `schemas/` (which `init` writes), or the tool's when it sits in the same project (this repository);
    None when neither is reachable by a relative path, and the line is left out rather than wrong."""
    root = content.resolve().parent
    for schemas in (root / "schemas", SCHEMAS):
        if schemas.is_dir() and schemas.resolve().is_relative_to(root):
            return Path(os.path.relpath(schemas.resolve(), folder.resolve())).as_posix()
    return None


def next_action_id(ev: Evaluation, rec: Recommendation) -> str:
    """The id after the recommendation's last action, in the same form (`3.3` → `3.4`, `1.9` → `1.10`,
    `R2.1` → `R2.2`); the first one numbers after the recommendation (`r1` or number 1 → `1.1`)."""
    taken = {address(a.id) for a in ev.actions} | {address(r.id) for r in ev.recommendations}
    siblings = [a.id for a in ev.actions_for(rec.id)]
    last = re.fullmatch(r"(.*?)(\d+)", siblings[-1]) if siblings else None
    if last:
        same_form = [int(m[1]) for s in siblings if (m := re.fullmatch(re.escape(last[1]) + r"(\d+)", s))]
        candidate = f"{last[1]}{max(same_form) + 1}"
    else:
        number = rec.number if rec.number and rec.number.isdigit() else (m[1] if (m := re.search(r"(\d+)$", rec.id)) else None)
        candidate = f"{number}.1" if number else f"{rec.id}.1"
    k = 1
    while address(candidate) in taken:  # another recommendation's actions took that form: number after this one's id
        candidate, k = f"{rec.id}.{k}", k + 1
    return candidate


def _load(content: Path):
    try:
        return load_site(content)
    except ContentError as exc:
        raise ScaffoldError("the content has problems; fix them first (evalsite check):\n" + "\n".join(map(str, exc.problems))) from None


def _evaluation(site, slug: str):
    try:
        return site.evaluation(slug)
    except StopIteration:
        raise ScaffoldError(f"there is no evaluation '{slug}' — the slugs are: {', '.join(e.slug for e in site.evaluations)}") from None


def _next_id(taken, prefix: str) -> str:
    numbers = [int(m[1]) for t in taken if (m := re.fullmatch(rf"{prefix}(\d+)", t))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _value(mapping: yaml.Node, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if k.value == key), None)


def _scalar(mapping: yaml.Node, key: str) -> str | None:
    value = _value(mapping, key)
    return value.value if isinstance(value, yaml.ScalarNode) else None


def _insert_and_check(content: Path, path: Path, mark: yaml.Mark, entry: str) -> None:
    """Insert `entry` at the start of the line after `mark` (the end of a block), if the content stays valid."""
    _write_checked(content, {path: insert_entry(path.read_text(encoding="utf-8"), mark, entry)}, "the new entry")


def _write_checked(content: Path, files: dict[Path, str], what: str) -> None:
    """Write `files` (paths under `content`, new or changed) when the content with them is valid: checked
    first in a copy of the content folder, so that nothing of the author's changes unless all is well."""
    trial = trial_load(content, files)
    if trial.problems:
        raise ScaffoldError(f"{what} would not be valid, so nothing was written:\n" + "\n".join(map(str, trial.problems)))
    for path, text in files.items():
        write_file(path, text)
