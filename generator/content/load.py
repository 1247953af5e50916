"""Content folder → model, with every problem reported at once as `file:line: what — what to do`.

Order of work: each YAML file is parsed (yamlsource) and validated against its schema (schema);
only files that pass are turned into model objects, and then the checks that span files run:
unique ids, references that resolve, texts present in the original language, dates that exist.
A file that cannot be read as a whole is reported once, for its own cause: references into it are
not checked (every one would be a follow-on error that hides the cause).
"""
from __future__ import annotations

import datetime
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale

from ..errors import ContentError, Gap, Problem, Problems
from ..model import (
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
from ..pages import freshness
from .findings import check_finding_links, check_repeats, check_tags, load_findings, recommendation_tags
from .report import load_report
from .sources import (
    Source,
    check_folder,
    did_you_mean,
    own_language_text,
    parse_date,
    parse_day,
    parse_years,
    read_markdown,
    read_source,
    require_original,
    unreadable,
)
from .tables import load_framework, load_indicators, load_tables, load_timelines
from .vocabulary import THEMES_FILE, load_vocabulary
from .yamlsource import Document, read_yaml

EVALUATION_FILES = ("evaluation.yml", "recommendations.yml", "response.yml", "tables.yml", "timelines.yml", "framework.yml", "indicators.yml", "report",
                    "findings.yml")
NARRATIVES = ("introduction",)
SHORT_TITLE_MAX = 48
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COUNTRIES = frozenset(code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code))

__all__ = ["ContentError", "load_site"]


def load_site(content_dir: Path, *, strict: bool = False, allow_placeholders: bool = True, as_of: datetime.date | None = None,
              gaps: list[Gap] | None = None, warnings: list[Problem] | None = None, cache_dir: Path | None = None) -> Site:
    """The model of everything in `content_dir`; raises ContentError listing every problem.

    Missing translations go into `gaps` when given, and count as problems when `strict`.
    Placeholders left from `evalsite new` go into `warnings`, and count as problems when `strict`
    or when not `allow_placeholders` (a published build). Dated facts (progress updates, the
    response's dates) may not lie after `as_of` (default: today). With a `cache_dir`, each
    evaluation folder's model is kept there and read back while the folder, the registry and the
    loader's code stay the same (a build after one edit loads one folder, not all)."""
    problems = Problems()
    if not content_dir.is_dir():
        problems.add(content_dir, 1, "this content folder does not exist — give the folder that holds organisations.yml and evaluations/")
        problems.raise_if_any()
    as_of = as_of or datetime.date.today()
    registry = _load_organisations(content_dir / "organisations.yml", problems)
    vocabulary = load_vocabulary(content_dir, problems)
    evaluations = []
    evaluations_dir = content_dir / "evaluations"
    check_folder(content_dir, {"organisations.yml", THEMES_FILE, "evaluations", "README.md"}, problems)
    if evaluations_dir.is_dir():
        # what a folder's load also depends on: the registry, where paths are shown from, the as-of date, the code
        shared = freshness.digest([content_dir / "organisations.yml", content_dir / THEMES_FILE], f"{Path.cwd()} {as_of} {freshness.code()}")
        seen = set()
        for folder in sorted(p for p in evaluations_dir.iterdir()):
            if not folder.is_dir():
                problems.add(folder, 1, "only evaluation folders belong in evaluations/ — move this file into an evaluation's folder")
                continue
            seen.add(folder)
            evaluation = _load_evaluation(folder, registry, as_of, shared, problems, vocabulary, cache_dir)
            if evaluation:
                evaluations.append(evaluation)
        for folder in set(_LOADED) - seen:
            if folder.parent == evaluations_dir:
                del _LOADED[folder]
        _check_short_titles(evaluations_dir, evaluations, problems)
    check_repeats(evaluations, problems)
    if gaps is not None:
        gaps.extend(sorted(problems.gaps))
    if strict:
        problems.items += [gap.as_problem() for gap in problems.gaps]
    if strict or not allow_placeholders:
        problems.items += problems.warnings
    elif warnings is not None:
        warnings.extend(sorted(set(problems.warnings)))
    problems.raise_if_any()
    return Site(tuple(registry.organisations.values()), tuple(evaluations), vocabulary)


def _check_short_titles(evaluations_dir: Path, evaluations: list[Evaluation], problems: Problems) -> None:
    """Short titles name an evaluation in page titles and link previews: two alike would make them ambiguous."""
    first: dict[tuple[str, str], str] = {}
    for ev in evaluations:
        for lang in LANGS:
            name = ev.short.shown(lang).text
            other = first.setdefault((lang, name), ev.slug)
            if other != ev.slug:
                path = evaluations_dir / ev.slug / "evaluation.yml"
                doc = read_yaml(path, Problems())
                problems.add(path, doc.line(("short_title",)) if doc else 1,
                             f"the short title '{name}' ({lang}) is also the one of {other} — give each evaluation its own short title")
                break


@dataclass(frozen=True)
class Registry:
    """organisations.yml as the evaluations see it: the organisations that loaded, every alias with
    the id it names, and every id the file defines (`known`: None when the file could not be read,
    so that references into it go unchecked)."""

    organisations: dict[str, Organisation]
    aliases: dict[str, str]
    known: frozenset[str] | None


_LOADED: dict[Path, tuple[str, Evaluation | None, Problems]] = {}
"""Each evaluation folder's last load in this process, by a digest of its files: a long-running
preview loads again only the folders that changed (loading one folder depends on nothing else but
organisations.yml, part of the digest)."""


def _load_evaluation(folder: Path, registry: Registry, as_of: datetime.date, shared: str, problems: Problems,
                     vocabulary: Vocabulary | None = None, cache_dir: Path | None = None) -> Evaluation | None:
    key = freshness.digest([folder], shared)
    cached = _LOADED.get(folder)
    if (cached is None or cached[0] != key) and cache_dir:
        cached = _read_cache(cache_dir / f"{folder.name}.pickle")
    if cached is None or cached[0] != key:
        own = Problems()
        cached = (key, _EvaluationLoader(folder, registry, as_of, own, vocabulary).load(), own)
        if cache_dir:
            cache_dir.mkdir(parents=True, exist_ok=True)
            (cache_dir / f"{folder.name}.pickle").write_bytes(pickle.dumps(cached, protocol=pickle.HIGHEST_PROTOCOL))
    _LOADED[folder] = cached
    problems.items += cached[2].items
    problems.gaps += cached[2].gaps
    problems.warnings += cached[2].warnings
    return cached[1]


def _read_cache(path: Path) -> tuple[str, Evaluation | None, Problems] | None:
    """A folder's model as an earlier build kept it; None when there is none or it cannot be read
    (an older version of the code: the key would differ anyway)."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def _raw_action_ids(src: Source | None) -> list[str]:
    """The ids of every action in response.yml, broken entries included."""
    if src is None:
        return []
    responses = src.doc.data.get("responses")
    return [a["id"] for item in (responses if isinstance(responses, list) else ()) if isinstance(item, dict)
            for a in (item.get("actions") if isinstance(item.get("actions"), list) else ())
            if isinstance(a, dict) and isinstance(a.get("id"), str)]


def _links(items: list | None) -> tuple[Link, ...]:
    links = []
    for item in items or ():
        if isinstance(item, str):
            links.append(Link(item))
        else:
            links.append(Link(item["to"], LinkType(item.get("type", "see-also")), item.get("inferred", False),
                              own_language_text(item["note"]) if "note" in item else None))
    return tuple(links)


def _load_organisations(path: Path, problems: Problems) -> Registry:
    """The registry by id, and each alias with the id it names (aliases double as did-you-mean hints).
    An entry that fails the schema is left out, but its id stays known: it is reported once, for itself."""
    if not path.is_file():
        problems.add(path, 1, "organisations.yml is missing — create it with an `organisations:` list (see docs/authoring.md)")
        return Registry({}, {}, None)
    src = read_source(path, "organisations", problems, required=True)
    if unreadable(path, src, "organisations"):
        return Registry({}, {}, None)
    doc = src.doc
    found: dict[str, Organisation] = {}
    first_line: dict[str, int] = {}
    alias_owner: dict[str, str] = {}
    for where, item in src.items("organisations"):
        line = doc.line(where + ("id",))
        if first_line.setdefault(_address(item["id"]), line) != line:
            problems.add(doc.path, line, f"the id '{item['id']}' is already used at line {first_line[_address(item['id'])]}"
                                         " — give each organisation its own id")
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
    known = frozenset(_raw_ids(src, "organisations"))
    for where, item in src.items("organisations"):
        if item.get("part_of") and item["part_of"] not in known:
            problems.add(doc.path, doc.line(where + ("part_of",)),
                         f"part_of names '{item['part_of']}', which is not in this registry{did_you_mean(item['part_of'], known)}")
    return Registry(found, alias_owner, known)


def _raw_ids(src: Source, key: str) -> list[str]:
    """The ids of every entry under `key`, including entries that failed the schema for another reason."""
    items = src.doc.data.get(key)
    if not isinstance(items, list):
        return []
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _address(entity_id: str) -> str:
    """Ids that differ only in case share an address (urls.slug): they count as the same id."""
    return entity_id.lower()


class _EvaluationLoader:
    """Loads one evaluation folder; keeps the folder's documents for file:line messages."""

    def __init__(self, folder: Path, registry: Registry, as_of: datetime.date, problems: Problems, vocabulary: Vocabulary | None = None):
        self.folder, self.registry, self.as_of, self.problems = folder, registry, as_of, problems
        self.vocabulary = vocabulary
        self.original = "en"
        self.links: list[tuple[Document, tuple, str, tuple[Link, ...]]] = []  # checked once all ids are known
        self.paragraph_refs: list[tuple[Source, tuple, tuple[int, ...]]] = []  # checked once the report is loaded
        self.first_use: dict[str, str] = {}  # the address of each recommendation and action id → where it was first given
        # Every id each file defines, broken entries included; None when the file could not be read at all.
        self.rec_ids: set[str] | None = set()
        self.action_ids: set[str] | None = set()

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
        self.rec_ids = None if recs is None or unreadable(recs.doc.path, recs, "recommendations") else set(_raw_ids(recs, "recommendations"))
        self.action_ids = None if unreadable(folder / "response.yml", resp, "responses") else set(_raw_action_ids(resp))
        groups, recommendations = self._recommendations(recs) if recs else ((), ())
        response_parts = self._responses(resp) if resp else {}
        self._check_links()
        introduction = self._narrative("introduction")
        tables_src = read_source(folder / "tables.yml", "tables", problems, required=False)
        timelines_src = read_source(folder / "timelines.yml", "timelines", problems, required=False)
        framework_src = read_source(folder / "framework.yml", "framework", problems, required=False)
        tables = load_tables(tables_src, self.original, problems) if tables_src else ()
        timelines = load_timelines(timelines_src, self.original, problems, self.paragraph_refs) if timelines_src else ()
        questions, answered_in = load_framework(framework_src, self.original, problems) if framework_src else ((), [])
        indicators_src = read_source(folder / "indicators.yml", "indicators", problems, required=False)
        objectives, indicators_note = (load_indicators(indicators_src, self.original, self.registry.known, problems, self.paragraph_refs)
                                       if indicators_src else ((), None))
        findings_src = read_source(folder / "findings.yml", "findings", problems, required=False)
        finding_groups, scales, findings = (load_findings(findings_src, self.original, problems, self.paragraph_refs, [t.id for t in tables],
                                                          self.vocabulary) if findings_src else ((), (), ()))
        if recs and (findings_src or not (folder / "findings.yml").is_file()):  # a broken findings.yml: its own errors suffice
            check_finding_links(recs, recommendations, findings, (folder / "response.yml").is_file(), problems)
        before = len(problems.items)
        report, placements = load_report(folder / "report", self.original, problems)
        self._check_report_links(report if len(problems.items) == before else None, placements,
                                 None if unreadable(folder / "tables.yml", tables_src, "tables") else tables,
                                 None if unreadable(folder / "timelines.yml", timelines_src, "timelines") else timelines,
                                 framework_src, answered_in)
        sources = (meta, recs, resp, tables_src, timelines_src, framework_src, indicators_src, findings_src)
        if evaluation is None or recs is None or any(src.broken for src in sources if src):
            return None
        return Evaluation(**evaluation, introduction=introduction, groups=groups, recommendations=recommendations,
                          **response_parts, report=report, tables=tables, timelines=timelines,
                          questions=questions, objectives=objectives, indicators_note=indicators_note,
                          findings=findings, finding_groups=finding_groups, scales=scales)

    def _check_report_links(self, report: Report | None, placements: list, tables: tuple[Table, ...] | None,
                            timelines: tuple[Timeline, ...] | None, framework_src: Source | None, answered_in: list) -> None:
        """Paragraph numbers, chapter ids and placements that point into or out of the report. A report
        with problems of its own (None here), or a tables or timelines file that could not be read
        (None), is not checked against: its own problems say why, and come first."""
        report_dir = self.folder / "report"
        if report is not None or not report_dir.is_dir():
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
        targets = {"table": tables, "timeline": timelines}
        for path, line, kind, target in placements:
            if kind == "framework" and not (self.folder / "framework.yml").is_file():
                self.problems.add(path, line, "[[framework]] needs a framework.yml in the evaluation folder — add it or remove the line")
            elif kind in targets and targets[kind] is not None and target not in (ids := [t.id for t in targets[kind]]):
                self.problems.add(path, line, f"there is no {kind} '{target}' in {kind}s.yml{did_you_mean(target, ids)}")

    def _text(self, value: dict, doc: Document, where: tuple) -> Text:
        return require_original(value, self.original, doc, where, self.problems)

    def _orgs(self, ids: list[str], doc: Document, where: tuple) -> tuple[str, ...]:
        known, aliases = self.registry.known, self.registry.aliases
        for i, org_id in enumerate(ids):
            if known is not None and org_id not in known:
                self.problems.add(doc.path, doc.line(where + (i,)),
                                  f"'{org_id}' is not in organisations.yml{did_you_mean(org_id, known, aliases)}"
                                  + ("" if org_id in aliases else " — add it to the registry or fix the id"))
        return tuple(ids)

    def _not_after_as_of(self, day: PartialDate | datetime.date | None, doc: Document, where: tuple) -> None:
        """A dated fact of the follow-up reports what has happened: it cannot lie after the as-of date."""
        first = day.first_day if isinstance(day, PartialDate) else day
        if first and first > self.as_of:
            self.problems.add(doc.path, doc.line(where),
                              f"{day} is after the as-of date {self.as_of} (today, unless the build says --as-of)"
                              " — a date here says when something happened: correct it")

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
                           parse_date(d.get("date"), doc, ("documents", i, "date"), self.problems), d.get("pages"),
                           url=d.get("url"), format=d.get("format"), size=d.get("size"), sha256=d.get("sha256"))
            for i, d in enumerate(data.get("documents", ())))
        return dict(
            slug=self.folder.name,
            title=self._text(data["title"], doc, ("title",)),
            short_title=self._short_title(data, doc),
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
            plan_period=parse_years(data["plan_period"], doc, ("plan_period",), self.problems) if "plan_period" in data else None,
            countries=tuple(data.get("countries", ())),
            documents=documents,
            criteria=tuple(Criterion(c) for c in data.get("criteria", ())),
            interviews=tuple(
                InterviewGroup(self._text(g["group"], doc, ("interviews", i, "group")), g["count"],
                               parse_date(g.get("from"), doc, ("interviews", i, "from"), self.problems),
                               parse_date(g.get("to"), doc, ("interviews", i, "to"), self.problems))
                for i, g in enumerate(data.get("interviews", ()))),
        )

    def _short_title(self, data: dict, doc: Document) -> Text | None:
        if "short_title" not in data:
            return None
        text = self._text(data["short_title"], doc, ("short_title",))
        for lang, value in text.values.items():
            if len(value) > SHORT_TITLE_MAX:
                self.problems.add(doc.path, doc.line(("short_title", lang)),
                                  f"the short title is {len(value)} characters long — keep it to {SHORT_TITLE_MAX}, "
                                  "it is shown where space is short (dashboards, tables, link previews)")
        return text

    def _recommendations(self, src: Source) -> tuple[tuple[Group, ...], tuple[Recommendation, ...]]:
        doc = src.doc
        groups: list[Group] = []
        group_lines: dict[str, str] = {}
        for where, g in src.items("groups"):
            self._unique(doc, where + ("id",), g["id"], group_lines)
            groups.append(Group(g["id"], self._text(g["title"], doc, where + ("title",))))
        group_ids = set(_raw_ids(src, "groups"))
        recommendations: list[Recommendation] = []
        for where, r in src.items("recommendations"):
            self._unique(doc, where + ("id",), r["id"], self.first_use)
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

    def _responses(self, src: Source) -> dict[str, Any]:
        """The management response as keyword arguments of the Evaluation."""
        doc, rec_ids = src.doc, self.rec_ids
        responses: dict[str, Response] = {}
        actions: list[Action] = []
        for where, item in src.items("responses"):
            rec_id = item["recommendation"]
            if rec_ids is not None and rec_id not in rec_ids:
                self.problems.add(doc.path, doc.line(where + ("recommendation",)),
                                  f"'{rec_id}' is not a recommendation of this evaluation{did_you_mean(rec_id, rec_ids)}")
            elif rec_id in responses:
                self.problems.add(doc.path, doc.line(where + ("recommendation",)),
                                  f"'{rec_id}' already has a response above — answer each recommendation once")
            responses[rec_id] = Response(rec_id, Position(item["position"]), self._text(item["text"], doc, where + ("text",)),
                                         self._orgs(item.get("in_charge", []), doc, where + ("in_charge",)))
            for j, a in enumerate(item.get("actions", ())):
                actions.append(self._action(a, rec_id, doc, where + ("actions", j)))
        dates = {key: parse_date(doc.data.get(key), doc, (key,), self.problems) if src.ok((key,)) else None
                 for key in ("date", "published", "updated")}
        self._not_after_as_of(dates["published"], doc, ("published",))
        self._not_after_as_of(dates["updated"], doc, ("updated",))
        if dates["published"] and dates["updated"] and dates["updated"].last_day < dates["published"].first_day:
            self.problems.add(doc.path, doc.line(("updated",)),
                              f"the response is updated ({dates['updated']}) before it was published ({dates['published']}) — check both dates")
        return dict(responses=responses, actions=tuple(actions), response_date=dates["date"],
                    response_published=dates["published"], response_updated=dates["updated"])

    def _action(self, a: dict, rec_id: str, doc: Document, at: tuple) -> Action:
        self._unique(doc, at + ("id",), a["id"], self.first_use)
        action = Action(
            id=a["id"], recommendation=rec_id, text=self._text(a["text"], doc, at + ("text",)),
            timing=parse_years(a["timing"], doc, at + ("timing",), self.problems) if "timing" in a else None,
            in_charge=self._orgs(a["in_charge"], doc, at + ("in_charge",)),
            status=Status(a["status"]) if "status" in a else None, related=_links(a.get("related")),
            due=parse_date(a.get("due"), doc, at + ("due",), self.problems),
            status_reason=self._text(a["status_reason"], doc, at + ("status_reason",)) if "status_reason" in a else None,
            updates=self._updates(a.get("updates", ()), doc, at + ("updates",)))
        if action.status == Status.DROPPED and action.status_reason is None:
            self.problems.add(doc.path, doc.line(at + ("status",)),
                              "a dropped action needs a reason — add `status_reason:` with the reason in the original language")
        reported = [(i, u) for i, u in enumerate(action.updates) if u.status]
        if reported and reported[-1][1].status != action.status:
            i, latest = reported[-1]
            said = f"its update of {latest.date} (line {doc.line(at + ('updates', i, 'status'))}) says '{latest.status}'"
            if action.status is None:
                self.problems.add(doc.path, doc.line(at + ("id",)), f"the action has no status, but {said} — add `status: {latest.status}`")
            else:
                self.problems.add(doc.path, doc.line(at + ("status",)),
                                  f"the status is '{action.status}', but {said} — an action's status is the one its latest update reports:"
                                  " make them agree")
        self.links.append((doc, at + ("related",), action.id, action.related))
        return action

    def _updates(self, items: list, doc: Document, where: tuple) -> tuple[Update, ...]:
        updates = []
        for i, u in enumerate(items):
            day = parse_day(u["date"], doc, where + (i, "date"), self.problems)
            if day and updates and day < updates[-1].date:
                self.problems.add(doc.path, doc.line(where + (i, "date")),
                                  "updates are listed oldest first and only added at the end — move this update to its place in time")
            self._not_after_as_of(day, doc, where + (i, "date"))
            updates.append(Update(day or datetime.date.min, self._text(u["text"], doc, where + (i, "text")),
                                  Status(u["status"]) if "status" in u else None, u.get("evidence")))
        return tuple(updates)

    def _unique(self, doc: Document, where: tuple, entity_id: str, first_use: dict[str, str]) -> None:
        """Ids are unique in their evaluation, and so are their addresses (an id's lower-case form)."""
        here = f"{doc.path.name}:{doc.line(where)}"
        first = first_use.setdefault(_address(entity_id), here)
        if first != here:
            self.problems.add(doc.path, doc.line(where),
                              f"the id '{entity_id}' is already used in this evaluation, at {first}"
                              " — ids must be unique (R1 and r1 count as the same): choose another one")

    def _check_links(self) -> None:
        if self.rec_ids is None or self.action_ids is None:
            return  # a file that defines targets could not be read: its own problem comes first
        targets = self.rec_ids | self.action_ids
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
            if path.is_file() and (text := read_markdown(path, self.problems)) is not None:
                texts[lang] = text
        if not texts:
            return None
        if self.original not in texts:
            other = next(iter(texts))
            self.problems.add(self.folder / f"{name}.{other}.md", 1,
                              f"{name}.{self.original}.md is missing — the original-language version is required when a translation exists")
            return None
        self.problems.gap(self.folder / f"{name}.{self.original}.md", 1, tuple(lang for lang in LANGS if lang not in texts))
        return Text(texts, self.original)
