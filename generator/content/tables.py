"""tables.yml, timelines.yml, framework.yml and indicators.yml → model objects, checked within their own file.

References to the report (paragraph numbers, chapter ids) are returned for the evaluation loader to
check once the report is known.
"""
from __future__ import annotations

from collections.abc import Collection

from ..errors import Problems
from ..model import (
    Column,
    Criterion,
    Event,
    Indicator,
    JudgementCriterion,
    Objective,
    Observation,
    Question,
    Result,
    Series,
    Table,
    Target,
    Text,
    Timeline,
)
from .sources import Source, did_you_mean, parse_date, require_original, unique_id

ParagraphRefs = list[tuple[Source, tuple, tuple[int, ...]]]


def load_tables(src: Source, original: str, problems: Problems) -> tuple[Table, ...]:
    doc, tables, seen = src.doc, [], set()
    for where, t in src.items("tables"):
        unique_id(src, where + ("id",), seen, t["id"], "table", problems)
        language = t.get("language", original)
        columns = tuple(Column(c["id"], require_original(c["label"], original, doc, where + ("columns", i, "label"), problems))
                        for i, c in enumerate(t["columns"]))
        column_ids = [c.id for c in columns]
        if t.get("header_column") and t["header_column"] not in column_ids:
            problems.add(doc.path, doc.line(where + ("header_column",)),
                         f"'{t['header_column']}' is not a column of this table{did_you_mean(t['header_column'], column_ids)}")
        rows = []
        for r, row in enumerate(t["rows"]):
            for key in row:
                if key not in column_ids:
                    problems.add(doc.path, doc.line(where + ("rows", r, key)),
                                 f"'{key}' is not a column of this table{did_you_mean(key, column_ids)}")
            rows.append({key: _cell(value, language) for key, value in row.items()})
        tables.append(Table(
            id=t["id"], caption=require_original(t["caption"], original, doc, where + ("caption",), problems),
            language=language, columns=columns, rows=tuple(rows),
            number=str(t["number"]) if "number" in t else None, header_column=t.get("header_column"),
            notes=require_original(t["notes"], original, doc, where + ("notes",), problems) if "notes" in t else None))
    return tuple(tables)


def _cell(value, language: str):
    """A cell's value: numbers and plain text as they are, language maps as Texts, lists of these."""
    if isinstance(value, list):
        return tuple(_cell(item, language) for item in value)
    if isinstance(value, dict):
        return Text(value, language if language in value else next(iter(value)))
    return value


def load_timelines(src: Source, original: str, problems: Problems, refs: ParagraphRefs) -> tuple[Timeline, ...]:
    doc, timelines, seen = src.doc, [], set()
    for where, t in src.items("timelines"):
        unique_id(src, where + ("id",), seen, t["id"], "timeline", problems)
        refs.append((src, where + ("paragraphs",), tuple(t.get("paragraphs", ()))))
        events = []
        for i, e in enumerate(t["events"]):
            at = where + ("events", i)
            if "date" not in e and "date_text" not in e:
                problems.add(doc.path, doc.line(at), "this event has no date — give `date:` or, where the source is vague, `date_text:`")
            refs.append((src, at + ("paragraphs",), tuple(e.get("paragraphs", ()))))

            def text(key: str, at: tuple = at, e: dict = e) -> Text | None:
                return require_original(e[key], original, doc, at + (key,), problems) if key in e else None

            events.append(Event(text("text"), parse_date(e.get("date"), doc, at + ("date",), problems), text("date_text"),
                                tuple(e.get("paragraphs", ())), text("conflict")))
        timelines.append(Timeline(t["id"], require_original(t["title"], original, doc, where + ("title",), problems),
                                  tuple(events), tuple(t.get("paragraphs", ()))))
    return tuple(timelines)


def load_framework(src: Source, original: str, problems: Problems) -> tuple[tuple[Question, ...], list[tuple[tuple, str]]]:
    """The questions, and each `answered_in` chapter id with its path, to check against the report."""
    doc, questions, seen, chapters = src.doc, [], set(), []
    for where, q in src.items("questions"):
        unique_id(src, where + ("id",), seen, q["id"], "question", problems)
        chapters += [(where + ("answered_in", i), chapter) for i, chapter in enumerate(q.get("answered_in", ()))]
        criteria = []
        for i, c in enumerate(q.get("criteria", ())):
            at = where + ("criteria", i)
            unique_id(src, at + ("id",), seen, c["id"], "criterion", problems)
            criteria.append(JudgementCriterion(c["id"], require_original(c["text"], original, doc, at + ("text",), problems),
                                               tuple(_texts(c.get("pointers", ()), original, src, at + ("pointers",), problems))))
        sources = q.get("sources", {})
        questions.append(Question(
            id=q["id"], text=require_original(q["text"], original, doc, where + ("text",), problems),
            number=str(q["number"]) if "number" in q else None,
            criterion=Criterion(q["criterion"]) if "criterion" in q else None,
            answered_in=tuple(q.get("answered_in", ())), criteria=tuple(criteria),
            secondary_sources=tuple(_texts(sources.get("secondary", ()), original, src, where + ("sources", "secondary"), problems)),
            primary_sources=tuple(_texts(sources.get("primary", ()), original, src, where + ("sources", "primary"), problems))))
    return tuple(questions), chapters


def _texts(values: list, original: str, src: Source, where: tuple, problems: Problems) -> list[Text]:
    return [require_original(v, original, src.doc, where + (i,), problems) for i, v in enumerate(values)]


def load_indicators(src: Source, original: str, organisations: Collection[str] | None, problems: Problems,
                    refs: ParagraphRefs) -> tuple[tuple[Objective, ...], Text | None]:
    """The logical framework and its general note. Texts are in the framework's own language (often not the report's)."""
    doc, seen, objectives = src.doc, set(), []
    file_lang = doc.data.get("language", original) if src.ok(("language",)) else original  # a wrong language: its schema error suffices

    def text(value: dict, lang: str, where: tuple) -> Text:
        return require_original(value, lang, doc, where, problems)

    def who(value: str, where: tuple) -> None:
        if value != "total" and organisations is not None and value not in organisations:  # None: organisations.yml unreadable
            problems.add(doc.path, doc.line(where), f"'{value}' is neither `total` nor an id in organisations.yml{did_you_mean(value, organisations)}")

    def indicators(items: list, lang: str, where: tuple) -> tuple[Indicator, ...]:
        found = []
        for i, item in enumerate(items):
            at, own = where + (i,), item.get("language", lang)
            unique_id(src, at + ("id",), seen, item["id"], "indicator", problems)
            refs.append((src, at + ("paragraphs",), tuple(item.get("paragraphs", ()))))
            series_ids = [s["id"] for s in item.get("series", ())]
            observations = []
            for j, o in enumerate(item.get("observations", ())):
                ot = at + ("observations", j)
                who(o["who"], ot + ("who",))
                if "series" in o and o["series"] not in series_ids:
                    problems.add(doc.path, doc.line(ot + ("series",)),
                                 f"'{o['series']}' is not a series of this indicator{did_you_mean(o['series'], series_ids)}")
                observations.append(Observation(
                    who=o["who"], raw=str(o["raw"]), year=o.get("year"), value=o.get("value"), cumulative=o.get("cumulative"),
                    series=o.get("series"), ambiguous=o.get("ambiguous", False),
                    note=text(o["note"], own, ot + ("note",)) if "note" in o else None))

            def optional(key: str, at: tuple = at, item: dict = item, own: str = own) -> Text | None:
                return text(item[key], own, at + (key,)) if key in item else None

            found.append(Indicator(
                id=item["id"], text=text(item["text"], own, at + ("text",)), code=item.get("code"),
                accumulates=item.get("accumulates"), accumulation_note=optional("accumulation_note"), unit=optional("unit"),
                series=tuple(Series(s["id"], text(s["label"], own, at + ("series", k, "label"))) for k, s in enumerate(item.get("series", ()))),
                baseline=item.get("baseline"), baseline_raw=str(item["baseline_raw"]) if "baseline_raw" in item else None,
                targets=tuple(Target(t.get("value"), str(t["raw"]) if "raw" in t else None,
                                     text(t["text"], own, at + ("targets", k, "text")) if "text" in t else None)
                              for k, t in enumerate(item.get("targets", ()))),
                observations=tuple(observations), note=optional("note"), paragraphs=tuple(item.get("paragraphs", ()))))
        return tuple(found)

    for where, o in src.items("objectives"):
        lang = o.get("language", file_lang)
        unique_id(src, where + ("id",), seen, o["id"], "objective", problems)
        for k, owner in enumerate(o.get("owners", ())):
            who(owner, where + ("owners", k))
        results = []
        for k, r in enumerate(o.get("results", ())):
            at, own = where + ("results", k), r.get("language", lang)
            unique_id(src, at + ("id",), seen, r["id"], "result", problems)
            if "owner" in r:
                who(r["owner"], at + ("owner",))
            results.append(Result(r["id"], text(r["text"], own, at + ("text",)), r.get("code"), r.get("owner"),
                                  indicators(r.get("indicators", ()), own, at + ("indicators",))))
        objectives.append(Objective(o["id"], text(o["text"], lang, where + ("text",)), o.get("code"), tuple(o.get("owners", ())),
                                    indicators(o.get("indicators", ()), lang, where + ("indicators",)), tuple(results)))
    note = text(doc.data["note"], file_lang, ("note",)) if src.ok(("note",)) and "note" in doc.data else None
    return tuple(objectives), note
