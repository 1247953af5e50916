"""One evaluation folder → an Evaluation: its metadata, recommendations and response (`responses`), report,
tables, timelines, framework, indicators and findings, with the checks that span its files."""
from __future__ import annotations

import datetime
import re
from typing import Any

from babel import Locale

from ..model import (
    LANGS,
    Criterion,
    Evaluation,
    EvaluationKind,
    InterviewGroup,
    Programme,
    Report,
    SourceDocument,
    Table,
    Text,
    Timeline,
)
from .findings import check_finding_links, load_findings
from .organisations import raw_ids
from .report import load_report
from .responses import Responses, raw_action_ids
from .sources import Source, check_folder, did_you_mean, own_language_text, parse_date, parse_day, parse_years, read_markdown, read_source, unreadable
from .tables import load_framework, load_indicators, load_tables, load_timelines
from .yamlsource import Document

EVALUATION_FILES = ("evaluation.yml", "recommendations.yml", "response.yml", "tables.yml", "timelines.yml", "framework.yml", "indicators.yml", "report",
                    "findings.yml")
NARRATIVES = ("introduction",)
SHORT_TITLE_MAX = 48
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COUNTRIES = frozenset(code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code))


class EvaluationLoader(Responses):
    """Loads one evaluation folder into an Evaluation (None when it has problems that leave it incomplete)."""

    def load(self) -> Evaluation | None:
        folder, problems = self.folder, self.problems
        if not SLUG.match(folder.name):
            problems.add(folder, 1, "an evaluation folder name is its address on the site — use lower-case letters, digits and hyphens only")
        narratives = {f"{name}.{lang}.md" for name in NARRATIVES for lang in LANGS}
        check_folder(folder, set(EVALUATION_FILES) | narratives, problems)
        meta = read_source(folder / "evaluation.yml", "evaluation", problems, required=True, markup=self.markup)
        recs = read_source(folder / "recommendations.yml", "recommendations", problems, required=True, markup=self.markup)
        resp = read_source(folder / "response.yml", "response", problems, required=False, markup=self.markup)
        if meta and meta.ok(("original_language",)) and meta.doc.data.get("original_language") in LANGS:
            self.original = meta.doc.data["original_language"]
        evaluation = self._evaluation(meta) if meta else None
        self.rec_ids = None if recs is None or unreadable(recs.doc.path, recs, "recommendations") else set(raw_ids(recs, "recommendations"))
        self.action_ids = None if unreadable(folder / "response.yml", resp, "responses") else set(raw_action_ids(resp))
        groups, recommendations = self._recommendations(recs) if recs else ((), ())
        response_parts = self._responses(resp) if resp else {}
        self._check_links()
        introduction = self._narrative("introduction")
        tables_src = read_source(folder / "tables.yml", "tables", problems, required=False, markup=self.markup)
        timelines_src = read_source(folder / "timelines.yml", "timelines", problems, required=False, markup=self.markup)
        framework_src = read_source(folder / "framework.yml", "framework", problems, required=False, markup=self.markup)
        tables = load_tables(tables_src, self.original, problems) if tables_src else ()
        timelines = load_timelines(timelines_src, self.original, problems, self.paragraph_refs) if timelines_src else ()
        questions, answered_in = load_framework(framework_src, self.original, problems) if framework_src else ((), [])
        indicators_src = read_source(folder / "indicators.yml", "indicators", problems, required=False, markup=self.markup)
        objectives, indicators_note = (load_indicators(indicators_src, self.original, self.registry.known, problems, self.paragraph_refs)
                                       if indicators_src else ((), None))
        findings_src = read_source(folder / "findings.yml", "findings", problems, required=False, markup=self.markup)
        finding_groups, scales, findings = (load_findings(findings_src, self.original, problems, self.paragraph_refs, [t.id for t in tables],
                                                          self.vocabulary) if findings_src else ((), (), ()))
        if recs and (findings_src or not (folder / "findings.yml").is_file()):  # a broken findings.yml: its own errors suffice
            check_finding_links(recs, recommendations, findings, (folder / "response.yml").is_file(), problems)
        before = len(problems.items)
        report, placements = load_report(folder / "report", self.original, problems, self.markup)
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
            published=self._published(data, doc),
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

    def _published(self, data: dict, doc: Document) -> datetime.date | None:
        day = parse_day(data.get("published"), doc, ("published",), self.problems)
        self._not_in_the_future(day, doc, ("published",))
        return day

    def _narrative(self, name: str) -> Text | None:
        texts = {}
        for lang in LANGS:
            path = self.folder / f"{name}.{lang}.md"
            if path.is_file() and (text := read_markdown(path, self.problems, self.markup)) is not None:
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
