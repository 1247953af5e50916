"""Content folder → model, with every problem reported at once as `file:line: what — what to do`.

Order of work: each YAML file is parsed (yamlsource) and validated against its schema (schema);
only files that pass are turned into model objects, and then the checks that span files run:
unique ids, references that resolve, texts present in the original language, dates that exist.
"""
from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale

from .errors import ContentError, Problems
from .model import (
    LANGS,
    Action,
    Evaluation,
    EvaluationKind,
    Group,
    Link,
    LinkType,
    Organisation,
    PartialDate,
    Position,
    Programme,
    Recommendation,
    Response,
    Site,
    SourceDocument,
    Status,
    Text,
    Years,
)
from .schema import validate
from .yamlsource import Document, read_yaml

EVALUATION_FILES = ("evaluation.yml", "recommendations.yml", "response.yml")
NARRATIVES = ("introduction",)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COUNTRIES = frozenset(code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code))

__all__ = ["ContentError", "load_site"]


def load_site(content_dir: Path) -> Site:
    """The model of everything in `content_dir`; raises ContentError listing every problem."""
    problems = Problems()
    if not content_dir.is_dir():
        problems.add(content_dir, 1, "this content folder does not exist — give the folder that holds organisations.yml and evaluations/")
        problems.raise_if_any()
    organisations, aliases = _load_organisations(content_dir / "organisations.yml", problems)
    evaluations = []
    evaluations_dir = content_dir / "evaluations"
    _check_folder(content_dir, {"organisations.yml", "evaluations", "README.md"}, problems)
    if evaluations_dir.is_dir():
        for folder in sorted(p for p in evaluations_dir.iterdir()):
            if not folder.is_dir():
                problems.add(folder, 1, "only evaluation folders belong in evaluations/ — move this file into an evaluation's folder")
                continue
            evaluation = _EvaluationLoader(folder, organisations, aliases, problems).load()
            if evaluation:
                evaluations.append(evaluation)
    problems.raise_if_any()
    return Site(tuple(organisations.values()), tuple(evaluations))


def _check_folder(folder: Path, allowed: set[str], problems: Problems) -> None:
    """Report files that the loader would silently ignore, with the name they were probably meant to have."""
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in allowed:
            continue
        guess = difflib.get_close_matches(path.name, sorted(allowed), n=1)
        fix = f"rename it to {guess[0]}" if guess else f"the names allowed here are: {', '.join(sorted(allowed))}"
        problems.add(path, 1, f"this file is not used by evalsite — {fix}")


def _did_you_mean(word: str, options: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    if aliases and word in aliases:
        return f" — '{word}' is a name of '{aliases[word]}': write {aliases[word]}"
    guess = difflib.get_close_matches(word, sorted(options), n=1)
    return f" — did you mean '{guess[0]}'?" if guess else ""


def _years(value: Any, doc: Document, where: tuple, problems: Problems) -> Years:
    start, _, end = str(value).partition("-")
    years = Years(int(start), int(end or start))
    if years.end < years.start:
        problems.add(doc.path, doc.line(where), f"the range '{value}' ends before it starts — write the earlier year first")
    return years


def _date(value: Any, doc: Document, where: tuple, problems: Problems) -> PartialDate | None:
    if value is None:
        return None
    parts = [int(p) for p in str(value).split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        problems.add(doc.path, doc.line(where), f"'{value}' is not a real date — check the month and the day")
        return None
    return PartialDate(*parts)


def _own_language_text(value: dict) -> Text:
    """A text whose original is the first language given (a document title, an organisation's name)."""
    return Text(value, "en" if "en" in value else next(iter(value)))


def _links(items: list | None) -> tuple[Link, ...]:
    links = []
    for item in items or ():
        if isinstance(item, str):
            links.append(Link(item))
        else:
            links.append(Link(item["to"], LinkType(item.get("type", "see-also")), item.get("inferred", False),
                              _own_language_text(item["note"]) if "note" in item else None))
    return tuple(links)


def _load_organisations(path: Path, problems: Problems) -> tuple[dict[str, Organisation], dict[str, str]]:
    """The registry by id, and each alias with the id it names (aliases double as did-you-mean hints)."""
    if not path.is_file():
        problems.add(path, 1, "organisations.yml is missing — create it with an `organisations:` list (see docs/authoring.md)")
        return {}, {}
    doc = read_yaml(path, problems)
    if doc is None or validate(doc, "organisations", problems):
        return {}, {}
    found: dict[str, Organisation] = {}
    alias_owner: dict[str, str] = {}
    for i, item in enumerate(doc.data["organisations"]):
        where = ("organisations", i)
        if item["id"] in found:
            problems.add(doc.path, doc.line(where + ("id",)), f"the id '{item['id']}' is used twice — give each organisation its own id")
            continue
        for alias in item.get("aliases", ()):
            if alias_owner.setdefault(alias, item["id"]) != item["id"]:
                problems.add(doc.path, doc.line(where + ("aliases",)),
                             f"the alias '{alias}' also belongs to '{alias_owner[alias]}' — an alias may name one organisation only")
        found[item["id"]] = Organisation(
            id=item["id"], kind=item["kind"], name=_own_language_text(item["name"]),
            short=_own_language_text(item["short"]) if "short" in item else None,
            aliases=tuple(item.get("aliases", ())), part_of=item.get("part_of"), url=item.get("url"))
    for i, org in enumerate(found.values()):
        if org.part_of and org.part_of not in found:
            problems.add(doc.path, doc.line(("organisations", i, "part_of")),
                         f"part_of names '{org.part_of}', which is not in this registry{_did_you_mean(org.part_of, found)}")
    return found, alias_owner


@dataclass
class _Source:
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


class _EvaluationLoader:
    """Loads one evaluation folder; keeps the folder's documents for file:line messages."""

    def __init__(self, folder: Path, organisations: dict[str, Organisation], aliases: dict[str, str],
                 problems: Problems):
        self.folder, self.organisations, self.aliases, self.problems = folder, organisations, aliases, problems
        self.original = "en"
        self.links: list[tuple[Document, tuple, str, tuple[Link, ...]]] = []  # checked once all ids are known

    def load(self) -> Evaluation | None:
        folder, problems = self.folder, self.problems
        if not SLUG.match(folder.name):
            problems.add(folder, 1, "an evaluation folder name is its address on the site — use lower-case letters, digits and hyphens only")
        narratives = {f"{name}.{lang}.md" for name in NARRATIVES for lang in LANGS}
        _check_folder(folder, set(EVALUATION_FILES) | narratives, problems)
        meta = self._read("evaluation.yml", "evaluation", required=True)
        recs = self._read("recommendations.yml", "recommendations", required=True)
        resp = self._read("response.yml", "response", required=False)
        if meta and meta.ok(("original_language",)):
            self.original = meta.doc.data["original_language"]
        evaluation = self._evaluation(meta) if meta else None
        groups, recommendations = self._recommendations(recs) if recs else ((), ())
        responses, actions, response_date = self._responses(resp, recommendations) if resp else (None, (), None)
        self._check_links(recommendations, actions)
        introduction = self._narrative("introduction")
        if evaluation is None or recs is None or any(src.broken for src in (meta, recs, resp) if src):
            return None
        return Evaluation(**evaluation, introduction=introduction, groups=groups,
                          recommendations=recommendations, responses=responses, response_date=response_date,
                          actions=actions)

    def _read(self, name: str, schema: str, required: bool) -> _Source | None:
        """The file with its schema errors reported; None when it is missing, empty or not YAML."""
        path = self.folder / name
        if not path.is_file():
            if required:
                self.problems.add(path, 1, f"{name} is missing — every evaluation folder needs one (see docs/authoring.md)")
            return None
        doc = read_yaml(path, self.problems)
        if doc is None:
            return None
        if doc.data is None:
            self.problems.add(path, 1, f"{name} is empty — fill it in (see docs/authoring.md)")
            return None
        return _Source(doc, validate(doc, schema, self.problems))

    def _text(self, value: dict, doc: Document, where: tuple) -> Text:
        if self.original not in value:
            self.problems.add(doc.path, doc.line(where),
                              f"the text in the original language ({self.original}) is missing — add `{self.original}:`; other languages are optional")
            value = {self.original: next(iter(value.values())), **value}
        return Text(value, self.original)

    def _orgs(self, ids: list[str], doc: Document, where: tuple) -> tuple[str, ...]:
        for i, org_id in enumerate(ids):
            if org_id not in self.organisations:
                self.problems.add(doc.path, doc.line(where + (i,)),
                                  f"'{org_id}' is not in organisations.yml{_did_you_mean(org_id, self.organisations, self.aliases)}"
                                  + ("" if org_id in self.aliases else " — add it to the registry or fix the id"))
        return tuple(ids)

    def _evaluation(self, src: _Source) -> dict[str, Any] | None:
        """The evaluation's metadata as keyword arguments; None when the file failed the schema."""
        doc, data = src.doc, src.doc.data
        for where, code in src.items("countries"):
            if code not in COUNTRIES:
                self.problems.add(doc.path, doc.line(where), f"'{code}' is not an ISO 3166 country code — use a two-letter code such as BE")
        if src.broken:
            return None
        programme = data["programme"]
        documents = tuple(
            SourceDocument(d["kind"], _own_language_text(d["title"]), d["language"],
                           _date(d.get("date"), doc, ("documents", i, "date"), self.problems), d.get("pages"))
            for i, d in enumerate(data.get("documents", ())))
        return dict(
            slug=self.folder.name,
            title=self._text(data["title"], doc, ("title",)),
            kind=EvaluationKind(data["kind"]),
            original_language=self.original,
            summary=self._text(data["summary"], doc, ("summary",)),
            programme=Programme(
                name=self._text(programme["name"], doc, ("programme", "name")),
                period=_years(programme["period"], doc, ("programme", "period"), self.problems),
                donor=self._orgs([programme["donor"]], doc, ("programme", "donor"))[0] if "donor" in programme else None,
                partners=self._orgs(programme.get("partners", []), doc, ("programme", "partners"))),
            commissioner=self._orgs(data.get("commissioner", []), doc, ("commissioner",)),
            evaluator=self._orgs(data.get("evaluator", []), doc, ("evaluator",)),
            date=_date(data.get("date"), doc, ("date",), self.problems),
            countries=tuple(data.get("countries", ())),
            documents=documents,
        )

    def _recommendations(self, src: _Source) -> tuple[tuple[Group, ...], tuple[Recommendation, ...]]:
        doc = src.doc
        groups: list[Group] = []
        for where, g in src.items("groups"):
            if g["id"] in {group.id for group in groups}:
                self._duplicate(doc, where + ("id",), g["id"])
            groups.append(Group(g["id"], self._text(g["title"], doc, where + ("title",))))
        group_ids = {g.id for g in groups}
        recommendations: list[Recommendation] = []
        for where, r in src.items("recommendations"):
            if r["id"] in {rec.id for rec in recommendations}:
                self._duplicate(doc, where + ("id",), r["id"])
            if "group" in r and r["group"] not in group_ids:
                self.problems.add(doc.path, doc.line(where + ("group",)),
                                  f"the group '{r['group']}' is not defined under groups:{_did_you_mean(r['group'], group_ids)}")
            rec = Recommendation(
                id=r["id"], title=self._text(r["title"], doc, where + ("title",)),
                text=self._text(r["text"], doc, where + ("text",)),
                number=str(r["number"]) if "number" in r else None, group=r.get("group"),
                related=_links(r.get("related")), implicit=r.get("implicit", False))
            recommendations.append(rec)
            self.links.append((doc, where + ("related",), rec.id, rec.related))
        return tuple(groups), tuple(recommendations)

    def _responses(self, src: _Source, recommendations: tuple[Recommendation, ...]
                   ) -> tuple[dict[str, Response], tuple[Action, ...], PartialDate | None]:
        doc = src.doc
        rec_ids = {r.id for r in recommendations}
        responses: dict[str, Response] = {}
        actions: list[Action] = []
        for where, item in src.items("responses"):
            rec_id = item["recommendation"]
            if rec_id not in rec_ids:
                self.problems.add(doc.path, doc.line(where + ("recommendation",)),
                                  f"'{rec_id}' is not a recommendation of this evaluation{_did_you_mean(rec_id, rec_ids)}")
            elif rec_id in responses:
                self.problems.add(doc.path, doc.line(where + ("recommendation",)),
                                  f"'{rec_id}' already has a response above — answer each recommendation once")
            responses[rec_id] = Response(rec_id, Position(item["position"]), self._text(item["text"], doc, where + ("text",)))
            for j, a in enumerate(item.get("actions", ())):
                at = where + ("actions", j)
                if a["id"] in {act.id for act in actions} | rec_ids:
                    self._duplicate(doc, at + ("id",), a["id"])
                action = Action(
                    id=a["id"], recommendation=rec_id, text=self._text(a["text"], doc, at + ("text",)),
                    timing=_years(a["timing"], doc, at + ("timing",), self.problems),
                    in_charge=self._orgs(a["in_charge"], doc, at + ("in_charge",)),
                    status=Status(a["status"]) if "status" in a else None, related=_links(a.get("related")))
                actions.append(action)
                self.links.append((doc, at + ("related",), action.id, action.related))
        date = _date(doc.data.get("date"), doc, ("date",), self.problems) if src.ok(("date",)) else None
        return responses, tuple(actions), date

    def _duplicate(self, doc: Document, where: tuple, entity_id: str) -> None:
        self.problems.add(doc.path, doc.line(where),
                          f"the id '{entity_id}' is already used in this evaluation — ids must be unique: choose another one")

    def _check_links(self, recommendations: tuple[Recommendation, ...], actions: tuple[Action, ...]) -> None:
        targets = {r.id for r in recommendations} | {a.id for a in actions}
        for doc, where, own_id, links in self.links:
            for k, link in enumerate(links):
                if link.target == own_id:
                    self.problems.add(doc.path, doc.line(where + (k,)), f"'{own_id}' links to itself — remove this link")
                elif link.target not in targets:
                    self.problems.add(doc.path, doc.line(where + (k,)),
                                      f"'{link.target}' is not a recommendation or action of this evaluation{_did_you_mean(link.target, targets)}")

    def _narrative(self, name: str) -> Text | None:
        texts = {}
        for lang in LANGS:
            path = self.folder / f"{name}.{lang}.md"
            if path.is_file():
                try:
                    texts[lang] = path.read_text(encoding="utf-8")
                except UnicodeDecodeError as exc:
                    line = path.read_bytes()[: exc.start].count(b"\n") + 1
                    self.problems.add(path, line, "this file is not UTF-8 text — save it as UTF-8 in your editor")
        if not texts:
            return None
        if self.original not in texts:
            other = next(iter(texts))
            self.problems.add(self.folder / f"{name}.{other}.md", 1,
                              f"{name}.{self.original}.md is missing — the original-language version is required when a translation exists")
            return None
        return Text(texts, self.original)
