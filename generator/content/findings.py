"""findings.yml → findings, their groups and rating scales; and the tags a recommendation carries
beyond its text: the findings it rests on, themes, countries and the earlier recommendations it repeats.

Checks within one evaluation folder happen here (ids, scales and levels, links to findings, themes
against the vocabulary, countries); `check_repeats` runs once every folder is loaded, since a
repeat points into another evaluation. Paragraph numbers go back to the evaluation loader, which
checks them against the report.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import Problems
from ..model import (
    Criterion,
    Evaluation,
    Finding,
    FindingKind,
    FindingLink,
    FindingLinkType,
    Group,
    Rating,
    Recommendation,
    RecommendationRef,
    Scale,
    ScaleLevel,
    Vocabulary,
)
from .sources import Source, did_you_mean, own_language_text, require_original, unique_id
from .vocabulary import is_country, suggest_country, suggest_theme
from .yamlsource import Document

ParagraphRefs = list[tuple[Source, tuple, tuple[int, ...]]]

RepeatLines = dict[tuple[str, int], tuple[Path, int]]
"""Where each `repeats` entry was written, by (recommendation id, index): the folder's load keeps them
with its model, since they are checked once every folder is loaded (`check_repeats`)."""


def recommendation_tags(item: dict, doc: Document, where: tuple, lines: RepeatLines) -> dict:
    """A recommendation's findings links, themes, countries and repeats, as model fields; where each
    repeat was written goes into `lines`."""
    repeats = []
    for i, value in enumerate(item.get("repeats", ())):
        evaluation, _, recommendation = value.partition("/")
        repeats.append(RecommendationRef(evaluation, recommendation))
        lines[(item["id"], i)] = (doc.path, doc.line(where + ("repeats", i)))
    return {"findings": tuple(_finding_link(link) for link in item.get("findings", ())),
            "themes": tuple(str(code) for code in item.get("themes", ())),
            "countries": tuple(item.get("countries", ())), "repeats": tuple(repeats)}


def _finding_link(value: str | dict) -> FindingLink:
    if isinstance(value, str):
        return FindingLink(value)
    note = value.get("note")
    return FindingLink(value["to"], FindingLinkType(value.get("type", "rests-on")), value.get("inferred", False),
                       own_language_text(note) if note else None)


def load_findings(src: Source, original: str, problems: Problems, refs: ParagraphRefs, table_ids: list[str],
                  vocabulary: Vocabulary | None) -> tuple[tuple[Group, ...], tuple[Scale, ...], tuple[Finding, ...]]:
    doc = src.doc

    def text(value: dict, where: tuple):
        return require_original(value, original, doc, where, problems)

    groups: list[Group] = []
    seen: set[str] = set()
    for where, g in src.items("groups"):
        unique_id(src, where + ("id",), seen, g["id"], "group", problems)
        groups.append(Group(g["id"], text(g["title"], where + ("title",))))
    scales: list[Scale] = []
    seen = set()
    for where, s in src.items("scales"):
        unique_id(src, where + ("id",), seen, s["id"], "scale", problems)
        if "table" in s and s["table"] not in table_ids:
            problems.add(doc.path, doc.line(where + ("table",)),
                         f"there is no table '{s['table']}' in tables.yml{did_you_mean(s['table'], table_ids)}")
        levels = tuple(ScaleLevel(level["id"], text(level["label"], where + ("levels", i, "label")),
                                  text(level["definition"], where + ("levels", i, "definition")) if "definition" in level else None)
                       for i, level in enumerate(s["levels"]))
        scales.append(Scale(s["id"], text(s["title"], where + ("title",)), levels, s.get("table")))
    by_scale = {s.id: [level.id for level in s.levels] for s in scales}
    group_ids = [g.id for g in groups]
    findings: list[Finding] = []
    seen = set()
    for where, f in src.items("findings"):
        unique_id(src, where + ("id",), seen, f["id"], "finding", problems)
        if "group" in f and f["group"] not in group_ids:
            problems.add(doc.path, doc.line(where + ("group",)),
                         f"the group '{f['group']}' is not defined under groups:{did_you_mean(f['group'], group_ids)}")
        for scale_id, level_id in f.get("ratings", {}).items():
            at = doc.line(where + ("ratings", scale_id))
            if scale_id not in by_scale:
                problems.add(doc.path, at, f"'{scale_id}' is not a scale defined under scales:{did_you_mean(scale_id, by_scale)}")
            elif level_id not in by_scale[scale_id]:
                problems.add(doc.path, at, f"'{level_id}' is not a level of the scale '{scale_id}' — use one of: {', '.join(by_scale[scale_id])}")
        refs.append((src, where + ("paragraphs",), tuple(f.get("paragraphs", ()))))
        finding = Finding(
            id=f["id"], kind=FindingKind(f["kind"]), title=text(f["title"], where + ("title",)), text=text(f["text"], where + ("text",)),
            criterion=Criterion(f["criterion"]) if "criterion" in f else None, group=f.get("group"),
            ratings=tuple(Rating(scale, level) for scale, level in f.get("ratings", {}).items()),
            paragraphs=tuple(f.get("paragraphs", ())), source=text(f["source"], where + ("source",)) if "source" in f else None,
            themes=tuple(str(code) for code in f.get("themes", ())), countries=tuple(f.get("countries", ())))
        check_tags(finding, doc, where, vocabulary, problems)
        findings.append(finding)
    return tuple(groups), tuple(scales), tuple(findings)


def check_tags(item: Recommendation | Finding, doc: Document, where: tuple, vocabulary: Vocabulary | None, problems: Problems) -> None:
    """Themes must be codes of the vocabulary, countries ISO 3166 codes; each refusal suggests the closest."""
    for i, code in enumerate(item.themes):
        if vocabulary is None or not vocabulary.has(code):
            problems.add(doc.path, doc.line(where + ("themes", i)), f"'{code}' is not a theme of the vocabulary{suggest_theme(code, vocabulary)}")
    for i, code in enumerate(item.countries):
        if not is_country(code):
            problems.add(doc.path, doc.line(where + ("countries", i)), f"'{code}' is not an ISO 3166 country code{suggest_country(code)}")


def check_finding_links(src: Source, recommendations: tuple[Recommendation, ...], findings: tuple[Finding, ...],
                        has_response: bool, problems: Problems) -> None:
    """Each link names a finding of this evaluation; a link cited in a response needs a response."""
    doc, ids = src.doc, [f.id for f in findings]
    for (where, _), rec in zip(src.items("recommendations"), recommendations, strict=False):
        for i, link in enumerate(rec.findings):
            at = doc.line(where + ("findings", i))
            if link.finding not in ids:
                fix = did_you_mean(link.finding, ids) if ids else " — add the finding to findings.yml in this folder"
                problems.add(doc.path, at, f"'{link.finding}' is not a finding of this evaluation{fix}")
            elif link.type == FindingLinkType.CITED_IN_RESPONSE and not has_response:
                problems.add(doc.path, at, "cited-in-response needs a management response (response.yml) — use rests-on, or add the response")


def check_repeats(evaluations: list[Evaluation], lines: dict[str, RepeatLines], problems: Problems) -> None:
    """`repeats` names a recommendation of another evaluation that exists; never itself. `lines` says
    where each was written, per evaluation."""
    known = {ev.slug: {rec.id for rec in ev.recommendations} for ev in evaluations}
    for ev in evaluations:
        for rec in ev.recommendations:
            for i, ref in enumerate(rec.repeats):
                path, line = lines[ev.slug][(rec.id, i)]
                if ref.evaluation == ev.slug:
                    problems.add(path, line, f"'{ref}' is in this same evaluation — repeats names a recommendation of an earlier "
                                             "evaluation; use related: for links inside one evaluation")
                elif ref.evaluation not in known:
                    problems.add(path, line, f"there is no evaluation '{ref.evaluation}'{did_you_mean(ref.evaluation, known)}")
                elif ref.recommendation not in known[ref.evaluation]:
                    problems.add(path, line, f"'{ref.recommendation}' is not a recommendation of {ref.evaluation}"
                                             f"{did_you_mean(ref.recommendation, known[ref.evaluation])}")
