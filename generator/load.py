"""Content folder → model, with every problem reported at once as `file:line: what — what to do`.

Order of work: each YAML file is parsed (yamlsource) and validated against its schema (schema);
only files that pass are turned into model objects, and then the checks that span files run:
unique ids, references that resolve, texts present in the original language, dates that exist.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from babel import Locale

from . import freshness
from .errors import ContentError, Gap, Problem, Problems
from .load_findings import check_finding_links, check_repeats, check_tags, load_findings, recommendation_tags
from .load_report import load_report
from .load_tables import load_framework, load_indicators, load_tables, load_timelines
from .model import (
    LANGS,
    Action,
    Criterion,
    Evaluation,
    EvaluationKind,
    Group,
    InterviewGroup,
    Link,
    LinkType,
    Organisation,
    PartialDate,
    Position,
    Programme,
    Recommendation,
    Report,
    Response,
    Site,
    SourceDocument,
    Status,
    Table,
    Text,
    Timeline,
    Update,
    Vocabulary,
)
from .schema import validate
from .sources import (
    Source,
    check_folder,
    did_you_mean,
    own_language_text,
    parse_date,
    parse_day,
    parse_years,
    read_source,
    require_original,
)
from .text import SAFE_HTML_HINT, strip_private, unsafe_html
from .vocabulary import THEMES_FILE, load_vocabulary
from .yamlsource import Document, read_yaml

EVALUATION_FILES = ("evaluation.yml", "recommendations.yml", "response.yml", "tables.yml", "timelines.yml", "framework.yml", "indicators.yml", "report",
                    "findings.yml")
NARRATIVES = ("introduction",)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COUNTRIES = frozenset(code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code))

__all__ = ["ContentError", "load_site"]


def load_site(content_dir: Path, *, strict: bool = False, gaps: list[Gap] | None = None) -> Site:
    """The model of everything in `content_dir`; raises ContentError listing every problem. Missing
    translations go into `gaps` when given, and count as problems when `strict`."""
    problems = Problems()
    if not content_dir.is_dir():
        problems.add(content_dir, 1, "this content folder does not exist — give the folder that holds organisations.yml and evaluations/")
        problems.raise_if_any()
    organisations, aliases = _load_organisations(content_dir / "organisations.yml", problems)
    vocabulary = load_vocabulary(content_dir, problems)
    evaluations = []
    evaluations_dir = content_dir / "evaluations"
    check_folder(content_dir, {"organisations.yml", THEMES_FILE, "evaluations", "README.md"}, problems)
    if evaluations_dir.is_dir():
        shared = freshness.digest([content_dir / "organisations.yml", content_dir / THEMES_FILE], str(Path.cwd()))  # what a folder's load also depends on
        seen = set()
        for folder in sorted(p for p in evaluations_dir.iterdir()):
            if not folder.is_dir():
                problems.add(folder, 1, "only evaluation folders belong in evaluations/ — move this file into an evaluation's folder")
                continue
            seen.add(folder)
            evaluation = _load_evaluation(folder, organisations, aliases, shared, problems, vocabulary)
            if evaluation:
                evaluations.append(evaluation)
        for folder in set(_LOADED) - seen:
            if folder.parent == evaluations_dir:
                del _LOADED[folder]
    check_repeats(evaluations, problems)
    if gaps is not None:
        gaps.extend(sorted(problems.gaps))
    if strict:
        problems.items += [gap.as_problem() for gap in problems.gaps]
    problems.raise_if_any()
    return Site(tuple(organisations.values()), tuple(evaluations), vocabulary)


_LOADED: dict[Path, tuple[str, Evaluation | None, list[Problem], list[Gap]]] = {}
"""Each evaluation folder's last load in this process, by a digest of its files: a long-running
preview loads again only the folders that changed (loading one folder depends on nothing else but
organisations.yml, part of the digest)."""


def _load_evaluation(folder: Path, organisations: dict[str, Organisation], aliases: dict[str, str], shared: str,
                     problems: Problems, vocabulary: Vocabulary | None = None) -> Evaluation | None:
    key = freshness.digest([folder], shared)
    cached = _LOADED.get(folder)
    if cached is None or cached[0] != key:
        own = Problems()
        cached = _LOADED[folder] = (key, _EvaluationLoader(folder, organisations, aliases, own, vocabulary).load(), own.items, own.gaps)
    problems.items += cached[2]
    problems.gaps += cached[3]
    return cached[1]


def _links(items: list | None) -> tuple[Link, ...]:
    links = []
    for item in items or ():
        if isinstance(item, str):
            links.append(Link(item))
        else:
            links.append(Link(item["to"], LinkType(item.get("type", "see-also")), item.get("inferred", False),
                              own_language_text(item["note"]) if "note" in item else None))
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
        problems.gap(doc.path, doc.line(where + ("name",)), tuple(lang for lang in LANGS if lang not in item["name"]))
        found[item["id"]] = Organisation(
            id=item["id"], kind=item["kind"], name=own_language_text(item["name"]),
            short=own_language_text(item["short"]) if "short" in item else None,
            aliases=tuple(item.get("aliases", ())), part_of=item.get("part_of"), url=item.get("url"))
    for i, org in enumerate(found.values()):
        if org.part_of and org.part_of not in found:
            problems.add(doc.path, doc.line(("organisations", i, "part_of")),
                         f"part_of names '{org.part_of}', which is not in this registry{did_you_mean(org.part_of, found)}")
    return found, alias_owner


class _EvaluationLoader:
    """Loads one evaluation folder; keeps the folder's documents for file:line messages."""

    def __init__(self, folder: Path, organisations: dict[str, Organisation], aliases: dict[str, str],
                 problems: Problems, vocabulary: Vocabulary | None = None):
        self.folder, self.organisations, self.aliases, self.problems = folder, organisations, aliases, problems
        self.vocabulary = vocabulary
        self.original = "en"
        self.links: list[tuple[Document, tuple, str, tuple[Link, ...]]] = []  # checked once all ids are known
        self.paragraph_refs: list[tuple[Source, tuple, tuple[int, ...]]] = []  # checked once the report is loaded

    def load(self) -> Evaluation | None:
        folder, problems = self.folder, self.problems
        if not SLUG.match(folder.name):
            problems.add(folder, 1, "an evaluation folder name is its address on the site — use lower-case letters, digits and hyphens only")
        narratives = {f"{name}.{lang}.md" for name in NARRATIVES for lang in LANGS}
        check_folder(folder, set(EVALUATION_FILES) | narratives, problems)
        meta = read_source(folder / "evaluation.yml", "evaluation", problems, required=True)
        recs = read_source(folder / "recommendations.yml", "recommendations", problems, required=True)
        resp = read_source(folder / "response.yml", "response", problems, required=False)
        if meta and meta.ok(("original_language",)) and meta.doc.data.get("original_language") in LANGS:
            self.original = meta.doc.data["original_language"]
        evaluation = self._evaluation(meta) if meta else None
        groups, recommendations = self._recommendations(recs) if recs else ((), ())
        responses, actions, response_date = self._responses(resp, recommendations) if resp else (None, (), None)
        self._check_links(recommendations, actions)
        introduction = self._narrative("introduction")
        tables_src = read_source(folder / "tables.yml", "tables", problems, required=False)
        timelines_src = read_source(folder / "timelines.yml", "timelines", problems, required=False)
        framework_src = read_source(folder / "framework.yml", "framework", problems, required=False)
        tables = load_tables(tables_src, self.original, problems) if tables_src else ()
        timelines = load_timelines(timelines_src, self.original, problems, self.paragraph_refs) if timelines_src else ()
        questions, answered_in = load_framework(framework_src, self.original, problems) if framework_src else ((), [])
        indicators_src = read_source(folder / "indicators.yml", "indicators", problems, required=False)
        objectives, indicators_note = (load_indicators(indicators_src, self.original, self.organisations, problems, self.paragraph_refs)
                                       if indicators_src else ((), None))
        findings_src = read_source(folder / "findings.yml", "findings", problems, required=False)
        finding_groups, scales, findings = (load_findings(findings_src, self.original, problems, self.paragraph_refs, [t.id for t in tables],
                                                          self.vocabulary) if findings_src else ((), (), ()))
        if recs and (findings_src or not (folder / "findings.yml").is_file()):  # a broken findings.yml: its own errors suffice
            check_finding_links(recs, recommendations, findings, (folder / "response.yml").is_file(), problems)
        report, placements = load_report(folder / "report", self.original, problems)
        self._check_report_links(report, placements, tables, timelines, framework_src, answered_in)
        sources = (meta, recs, resp, tables_src, timelines_src, framework_src, indicators_src, findings_src)
        if evaluation is None or recs is None or any(src.broken for src in sources if src):
            return None
        return Evaluation(**evaluation, introduction=introduction, groups=groups,
                          recommendations=recommendations, responses=responses, response_date=response_date,
                          actions=actions, report=report, tables=tables, timelines=timelines, questions=questions,
                          objectives=objectives, indicators_note=indicators_note, findings=findings, finding_groups=finding_groups,
                          scales=scales)

    def _check_report_links(self, report: Report | None, placements: list, tables: tuple[Table, ...],
                            timelines: tuple[Timeline, ...], framework_src: Source | None, answered_in: list) -> None:
        """Paragraph numbers, chapter ids and placements that point into or out of the report."""
        for src, where, numbers in self.paragraph_refs:
            for i, number in enumerate(numbers):
                if report is None or not report.has(number):
                    self.problems.add(src.doc.path, src.doc.line(where + (i,)),
                                      f"§{number} is not a paragraph of this evaluation's report — check the number")
        chapter_ids = [c.id for c in report.chapters] if report else []
        for where, chapter_id in answered_in:
            if chapter_id not in chapter_ids:
                self.problems.add(framework_src.doc.path, framework_src.doc.line(where),
                                  f"'{chapter_id}' is not a chapter of the report{did_you_mean(chapter_id, chapter_ids)}")
        targets = {"table": [t.id for t in tables], "timeline": [t.id for t in timelines]}
        for path, line, kind, target in placements:
            if kind == "framework" and framework_src is None:
                self.problems.add(path, line, "[[framework]] needs a framework.yml in the evaluation folder — add it or remove the line")
            elif kind in targets and target not in targets[kind]:
                self.problems.add(path, line, f"there is no {kind} '{target}' in {kind}s.yml{did_you_mean(target, targets[kind])}")

    def _text(self, value: dict, doc: Document, where: tuple) -> Text:
        return require_original(value, self.original, doc, where, self.problems)

    def _orgs(self, ids: list[str], doc: Document, where: tuple) -> tuple[str, ...]:
        for i, org_id in enumerate(ids):
            if org_id not in self.organisations:
                self.problems.add(doc.path, doc.line(where + (i,)),
                                  f"'{org_id}' is not in organisations.yml{did_you_mean(org_id, self.organisations, self.aliases)}"
                                  + ("" if org_id in self.aliases else " — add it to the registry or fix the id"))
        return tuple(ids)

    def _evaluation(self, src: Source) -> dict[str, Any] | None:
        """The evaluation's metadata as keyword arguments; None when the file failed the schema."""
        doc, data = src.doc, src.doc.data
        for where, code in src.items("countries"):
            if code not in COUNTRIES:
                self.problems.add(doc.path, doc.line(where), f"'{code}' is not an ISO 3166 country code — use a two-letter code such as BE")
        if src.broken:
            return None
        programme = data["programme"]
        documents = tuple(
            SourceDocument(d["kind"], own_language_text(d["title"]), d["language"],
                           parse_date(d.get("date"), doc, ("documents", i, "date"), self.problems), d.get("pages"))
            for i, d in enumerate(data.get("documents", ())))
        return dict(
            slug=self.folder.name,
            title=self._text(data["title"], doc, ("title",)),
            kind=EvaluationKind(data["kind"]),
            original_language=self.original,
            summary=self._text(data["summary"], doc, ("summary",)),
            programme=Programme(
                name=self._text(programme["name"], doc, ("programme", "name")),
                period=parse_years(programme["period"], doc, ("programme", "period"), self.problems),
                donor=self._orgs([programme["donor"]], doc, ("programme", "donor"))[0] if "donor" in programme else None,
                partners=self._orgs(programme.get("partners", []), doc, ("programme", "partners"))),
            commissioner=self._orgs(data.get("commissioner", []), doc, ("commissioner",)),
            evaluator=self._orgs(data.get("evaluator", []), doc, ("evaluator",)),
            date=parse_date(data.get("date"), doc, ("date",), self.problems),
            published=parse_day(data.get("published"), doc, ("published",), self.problems),
            countries=tuple(data.get("countries", ())),
            documents=documents,
            criteria=tuple(Criterion(c) for c in data.get("criteria", ())),
            interviews=tuple(
                InterviewGroup(self._text(g["group"], doc, ("interviews", i, "group")), g["count"],
                               parse_date(g.get("from"), doc, ("interviews", i, "from"), self.problems),
                               parse_date(g.get("to"), doc, ("interviews", i, "to"), self.problems))
                for i, g in enumerate(data.get("interviews", ()))),
        )

    def _recommendations(self, src: Source) -> tuple[tuple[Group, ...], tuple[Recommendation, ...]]:
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
                                  f"the group '{r['group']}' is not defined under groups:{did_you_mean(r['group'], group_ids)}")
            rec = Recommendation(
                id=r["id"], title=self._text(r["title"], doc, where + ("title",)),
                text=self._text(r["text"], doc, where + ("text",)),
                number=str(r["number"]) if "number" in r else None, group=r.get("group"),
                related=_links(r.get("related")), implicit=r.get("implicit", False),
                paragraphs=tuple(r.get("paragraphs", ())), **recommendation_tags(r, self.folder.name, doc, where))
            check_tags(rec, doc, where, self.vocabulary, self.problems)
            self.paragraph_refs.append((src, where + ("paragraphs",), rec.paragraphs))
            recommendations.append(rec)
            self.links.append((doc, where + ("related",), rec.id, rec.related))
        return tuple(groups), tuple(recommendations)

    def _responses(self, src: Source, recommendations: tuple[Recommendation, ...]
                   ) -> tuple[dict[str, Response], tuple[Action, ...], PartialDate | None]:
        doc = src.doc
        rec_ids = {r.id for r in recommendations}
        responses: dict[str, Response] = {}
        actions: list[Action] = []
        for where, item in src.items("responses"):
            rec_id = item["recommendation"]
            if rec_id not in rec_ids:
                self.problems.add(doc.path, doc.line(where + ("recommendation",)),
                                  f"'{rec_id}' is not a recommendation of this evaluation{did_you_mean(rec_id, rec_ids)}")
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
                    timing=parse_years(a["timing"], doc, at + ("timing",), self.problems),
                    in_charge=self._orgs(a["in_charge"], doc, at + ("in_charge",)),
                    status=Status(a["status"]) if "status" in a else None, related=_links(a.get("related")),
                    due=parse_day(a.get("due"), doc, at + ("due",), self.problems),
                    status_reason=self._text(a["status_reason"], doc, at + ("status_reason",)) if "status_reason" in a else None,
                    updates=self._updates(a.get("updates", ()), doc, at + ("updates",)))
                if action.status == Status.DROPPED and action.status_reason is None:
                    self.problems.add(doc.path, doc.line(at + ("status",)),
                                      "a dropped action needs a reason — add `status_reason:` with the reason in the original language")
                actions.append(action)
                self.links.append((doc, at + ("related",), action.id, action.related))
        date = parse_date(doc.data.get("date"), doc, ("date",), self.problems) if src.ok(("date",)) else None
        return responses, tuple(actions), date

    def _updates(self, items: list, doc: Document, where: tuple) -> tuple[Update, ...]:
        updates = []
        for i, u in enumerate(items):
            day = parse_day(u["date"], doc, where + (i, "date"), self.problems)
            if day and updates and day < updates[-1].date:
                self.problems.add(doc.path, doc.line(where + (i, "date")),
                                  "updates are listed oldest first and only added at the end — move this update to its place in time")
            updates.append(Update(day or datetime.date.min, self._text(u["text"], doc, where + (i, "text")),
                                  Status(u["status"]) if "status" in u else None, u.get("evidence")))
        return tuple(updates)

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
                                      f"'{link.target}' is not a recommendation or action of this evaluation{did_you_mean(link.target, targets)}")

    def _narrative(self, name: str) -> Text | None:
        texts = {}
        for lang in LANGS:
            path = self.folder / f"{name}.{lang}.md"
            if path.is_file():
                try:
                    texts[lang] = strip_private(path.read_text(encoding="utf-8"))
                    for number, row in enumerate(texts[lang].splitlines(), start=1):
                        for problem in unsafe_html(row):
                            self.problems.add(path, number, f"{problem} — {SAFE_HTML_HINT}")
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
        self.problems.gap(self.folder / f"{name}.{self.original}.md", 1, tuple(lang for lang in LANGS if lang not in texts))
        return Text(texts, self.original)
