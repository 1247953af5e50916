"""The CSV files of the open data, described once: their columns in order, each with its type, its
allowed values and its meaning. Everything about a CSV is a view of this description: the header the
writer puts first (`Table.columns`), the Frictionless Data Package `/data/datapackage.json` whose
Table Schemas let pandas, duckdb or R read ids as text and dates as dates (`package`), and the data
dictionary page (templates/pages/data.md.j2, in the reader's language).

Descriptions are English, marked with `N_` for the catalogs: the data package says them in English,
the data dictionary in the page's language.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..markup import Converter
from ..model import LANGS, Criterion, FindingKind, FindingLinkType, FollowUp, Position, Site, SourceDocument, Status


def N_(message: str) -> str:
    """Marks a string for the catalogs; it is translated where it is shown (the data dictionary)."""
    return message


TYPE_WORDS = {  # how the data dictionary names each Table Schema type
    "string": N_("text"),
    "integer": N_("whole number"),
    "number": N_("number"),
    "boolean": N_("true or false"),
    "date": N_("date (YYYY-MM-DD)"),
}


@dataclass(frozen=True)
class Field:
    """One column, or one column per language (`title_nl`, `title_fr`, `title_en`) when `per_language`."""

    name: str
    type: str  # a Table Schema type: string, integer, number, boolean or date
    description: str
    enum: tuple[str, ...] = ()
    per_language: bool = False
    pattern: str | None = None
    format: str | None = None  # "uri" for the addresses of pages
    required: bool = False  # never empty

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f"{self.name}_{lang}" for lang in LANGS) if self.per_language else (self.name,)

    def table_schema_fields(self) -> Iterator[dict[str, Any]]:
        for name in self.names:
            field: dict[str, Any] = {"name": name, "type": self.type, "description": self.description}
            if self.format:
                field["format"] = self.format
            constraints = {key: value for key, value in (("required", self.required), ("enum", list(self.enum)),
                                                         ("pattern", self.pattern)) if value}
            if constraints:
                field["constraints"] = constraints
            yield field


@dataclass(frozen=True)
class Table:
    """One kind of CSV file: all evaluations in `{name}.csv`, one evaluation in `evaluations/SLUG-{name}.csv`."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[dict[str, Any], ...] = ()
    per_evaluation: bool = True  # also one file per evaluation; False: one file for the site (vocabularies)

    @property
    def columns(self) -> list[str]:
        return [name for field in self.fields for name in field.names]

    @property
    def schema_path(self) -> str:
        return f"schema/{self.name}.tableschema.json"

    def table_schema(self) -> dict[str, Any]:
        """The Table Schema: empty cells are missing values (`missingValues` is left at its default, `[""]`)."""
        schema: dict[str, Any] = {"fields": [f for field in self.fields for f in field.table_schema_fields()]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = list(self.foreign_keys)
        return schema


_EVALUATION = Field("evaluation", "string", N_("The evaluation's id (its address on the site)."), required=True)
_ID = Field("id", "string", N_("The id of the recommendation or action as the source writes it, unique in its evaluation; it never changes. "
                               "Read it as text: 1.10 is not 1.1."), required=True)
_URL = Field("url", "string", N_("The address of its page in each language; empty when the site was built without a public address."),
             per_language=True, format="uri")
_IDS = r"^\S+( \S+)*$"  # ids separated by single spaces

RECOMMENDATIONS = Table("recommendations", N_("Recommendations"), N_("Every recommendation with the management's position and response."), (
    _EVALUATION, _ID,
    Field("number", "string", N_("The recommendation's number as the report prints it.")),
    Field("group", "string", N_("The block of recommendations it belongs to, if any.")),
    Field("implicit", "boolean", N_("true when the report implies the recommendation without a label."), required=True),
    Field("title", "string", N_("Its short title, one column per language; empty where not translated."), per_language=True),
    Field("text", "string", N_("Its text in Markdown, one column per language; empty where not translated."), per_language=True),
    Field("position", "string", N_("The management's position; empty when there is no response."), enum=tuple(p.value for p in Position)),
    Field("response", "string", N_("The management's response, one column per language; empty where not translated."), per_language=True),
    Field("in_charge", "string", N_("Ids of the organisations and units responsible for the recommendation as a whole, separated by spaces "
                                    "(see organisations in site.json)."), pattern=_IDS),
    Field("actions", "integer", N_("How many key actions follow from it."), required=True),
    Field("paragraphs", "string", N_("The report paragraphs where it stands, separated by spaces."), pattern=r"^\d+( \d+)*$"),
    Field("related", "string", N_("Ids of the recommendations and actions it links to, separated by spaces."), pattern=_IDS),
    _URL,
), primary_key=("evaluation", "id"))

ACTIONS = Table("actions", N_("Key actions"), N_("Every key action with its timing, due date, who is in charge and its status."), (
    _EVALUATION, _ID,
    Field("recommendation", "string", N_("The id of the recommendation the action responds to."), required=True),
    Field("text", "string", N_("What will be done, in Markdown, one column per language; empty where not translated."), per_language=True),
    Field("timing_start", "integer", N_("First year of the action's timing; empty when the source gives only a due date.")),
    Field("timing_end", "integer", N_("Last year of the action's timing; empty when the source gives only a due date.")),
    Field("due", "string", N_("The due date as precise as the source gives it: a day (2019-03-31), a month (2019-03), a quarter (2026-Q2) "
                              "or a year (2027); empty when the source gives only a timing."),
          pattern=r"^[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?$"),
    Field("due_date", "date", N_("The last day the action is on time: the end of its due period, or of its timing; overdue is judged "
                                 "against it."), required=True),
    Field("in_charge", "string", N_("Ids of the organisations and units in charge, separated by spaces (see organisations in site.json)."),
          pattern=_IDS, required=True),
    Field("status", "string", N_("Its status; empty when no status was published."), enum=tuple(s.value for s in Status)),
    Field("status_reason", "string", N_("Why the action was dropped, one column per language."), per_language=True),
    Field("updates", "integer", N_("How many progress updates were published."), required=True),
    Field("last_update", "date", N_("The date of the latest progress update.")),
    Field("follow_up", "string", N_("The due date seen from the build date: overdue, unreported (past due, no status published), due-soon "
                                    "(within 90 days), on-track or closed."), enum=tuple(f.value for f in FollowUp), required=True),
    _URL,
), primary_key=("evaluation", "id"), foreign_keys=(
    {"fields": ["evaluation", "recommendation"], "reference": {"resource": "recommendations", "fields": ["evaluation", "id"]}},))

INDICATORS = Table("indicators", N_("Indicator values"), N_("Every indicator value, as written and as a number."), (
    _EVALUATION,
    Field("objective", "string", N_("The id of the objective."), required=True),
    Field("result", "string", N_("The id of the result, empty for an indicator of the objective itself.")),
    Field("indicator", "string", N_("The id of the indicator (its anchor on the indicators page)."), required=True),
    Field("code", "string", N_("The indicator's code as the source writes it.")),
    Field("who", "string", N_("total, or the id of the organisation the value is for."), required=True),
    Field("series", "string", N_("The part of a composite value, if any.")),
    Field("year", "integer", N_("The year; empty when the source does not make it clear.")),
    Field("value", "number", N_("The value as a number; empty when the source does not give one clear number.")),
    Field("cumulative", "number", N_("A value stated as a running total.")),
    Field("raw", "string", N_("The value exactly as the source writes it."), required=True),
    Field("ambiguous", "boolean", N_("true when the reading of the value is uncertain."), required=True),
))

_CODES = r"^\S+( \S+)*$"  # codes separated by single spaces
_ANY_EVALUATION = r"^[a-z0-9-]+/\S+( [a-z0-9-]+/\S+)*$"  # evaluation/recommendation pairs separated by spaces

# No source document gives theme codes: every one is the editors' tag, and the data says so beside them.
_THEMES_SOURCE = Field("themes_source", "string", N_("Who gave the theme codes: editors (the site's editors tagged them; no source "
                                                      "document states them); empty when there are none."), enum=("editors",))

FINDINGS = Table("findings", N_("Findings"), N_("Every finding, conclusion and lesson with its criterion, ratings, paragraphs, themes and "
                                                "countries."), (
    _EVALUATION,
    Field("id", "string", N_("The id of the finding, unique in its evaluation; it never changes."), required=True),
    Field("kind", "string", N_("finding (what the evaluators observed), conclusion (what they conclude) or lesson."),
          enum=tuple(k.value for k in FindingKind), required=True),
    Field("criterion", "string", N_("The OECD-DAC criterion the report places it under; empty when the source names none."),
          enum=tuple(c.value for c in Criterion)),
    Field("group", "string", N_("The block of findings it belongs to, if any.")),
    Field("ratings", "string", N_("The report's ratings, as scale=level separated by spaces (the scales are in the evaluation's JSON "
                                  "under scales)."), pattern=r"^\S+=\S+( \S+=\S+)*$"),
    Field("paragraphs", "string", N_("The report paragraphs where it stands, separated by spaces."), pattern=r"^\d+( \d+)*$"),
    Field("themes", "string", N_("Theme codes (see themes.csv), separated by spaces."), pattern=_CODES),
    _THEMES_SOURCE,
    Field("countries", "string", N_("ISO 3166 country codes, separated by spaces (see countries.csv)."), pattern=_CODES),
    Field("recommendations", "string", N_("Ids of the recommendations linked to it, separated by spaces."), pattern=_IDS),
    Field("title", "string", N_("Its short title, one column per language; empty where not translated."), per_language=True),
    Field("text", "string", N_("Its text in Markdown, one column per language; empty where not translated."), per_language=True),
    Field("source", "string", N_("Where the source states it when it has no numbered paragraph, one column per language."), per_language=True),
    _URL,
), primary_key=("evaluation", "id"))

FINDING_LINKS = Table("finding-links", N_("Findings of each recommendation"), N_(
    "Which findings each recommendation rests on, or its management response cites, and whether the source states the link or the "
    "editor inferred it."), (
    _EVALUATION,
    Field("recommendation", "string", N_("The id of the recommendation."), required=True),
    Field("finding", "string", N_("The id of the finding."), required=True),
    Field("type", "string", N_("rests-on (the recommendation is drawn from the finding) or cited-in-response (the management response "
                               "cites it)."), enum=tuple(t.value for t in FindingLinkType), required=True),
    Field("inferred", "boolean", N_("true when the link is the editor's reading; false when the source states it."), required=True),
), foreign_keys=(
    {"fields": ["evaluation", "recommendation"], "reference": {"resource": "recommendations", "fields": ["evaluation", "id"]}},
    {"fields": ["evaluation", "finding"], "reference": {"resource": "findings", "fields": ["evaluation", "id"]}}))

RECOMMENDATION_TAGS = Table("recommendation-tags", N_("Themes, countries and repeats of each recommendation"), N_(
    "The themes and countries of every recommendation, and the recommendations of other evaluations it repeats or that repeat it."), (
    _EVALUATION,
    Field("recommendation", "string", N_("The id of the recommendation."), required=True),
    Field("themes", "string", N_("Theme codes (see themes.csv), separated by spaces."), pattern=_CODES),
    _THEMES_SOURCE,
    Field("countries", "string", N_("ISO 3166 country codes, separated by spaces (see countries.csv)."), pattern=_CODES),
    Field("countries_from_evaluation", "boolean", N_("true when the recommendation names no countries of its own and takes the "
                                                     "evaluation's."), required=True),
    Field("repeats", "string", N_("Earlier recommendations it makes again, as evaluation/recommendation, separated by spaces."),
          pattern=_ANY_EVALUATION),
    Field("repeated_by", "string", N_("Later recommendations that make it again, as evaluation/recommendation, separated by spaces."),
          pattern=_ANY_EVALUATION),
), primary_key=("evaluation", "recommendation"), foreign_keys=(
    {"fields": ["evaluation", "recommendation"], "reference": {"resource": "recommendations", "fields": ["evaluation", "id"]}},))

THEMES = Table("themes", N_("Themes"), N_("The theme vocabulary (OECD-DAC purpose codes) with each code's name in Dutch, French and "
                                          "English; themes.json holds the same."), (
    Field("code", "string", N_("The code: a theme code of the vocabulary, or an ISO 3166 country code."), required=True),
    Field("category", "string", N_("The code of the theme's category; empty for a category.")),
    Field("name", "string", N_("Its name as the vocabulary gives it, one column per language."), per_language=True),
    Field("label", "string", N_("Its name in plain words, as the site shows it (written by the site's editors), one column per language."),
          per_language=True),
), primary_key=("code",), per_evaluation=False)

COUNTRIES = Table("countries", N_("Countries"), N_("Every country the site names, as an ISO 3166 code with its name in Dutch, French and "
                                                   "English; countries.json holds the same."), (
    Field("code", "string", N_("The code: a theme code of the vocabulary, or an ISO 3166 country code."), required=True),
    Field("name", "string", N_("Its name as the vocabulary gives it, one column per language."), per_language=True),
    Field("label", "string", N_("Its name in plain words, as the site shows it (written by the site's editors), one column per language."),
          per_language=True),
), primary_key=("code",), per_evaluation=False)

TABLES = (RECOMMENDATIONS, ACTIONS, INDICATORS, FINDINGS, FINDING_LINKS, RECOMMENDATION_TAGS, THEMES, COUNTRIES)


def resources(site: Site, written: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One resource per CSV file written: the files of all evaluations, then each evaluation's
    (`written`: table name → the evaluation slugs that have their own file of that table)."""
    found = []
    for table in TABLES:
        found.append(_resource(table, table.name, f"{table.name}.csv", table.description))
    for ev in site.evaluations:
        title = ev.title.shown("en").text
        for table in TABLES:
            if ev.slug in written.get(table.name, ()):
                found.append(_resource(table, f"{ev.slug}-{table.name}", f"evaluations/{ev.slug}-{table.name}.csv",
                                       f"{table.description} {title}"))
    return found


def _resource(table: Table, name: str, path: str, description: str) -> dict[str, Any]:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "title": table.title, "description": description, "schema": table.schema_path}


def package(site: Site, site_url: str | None, as_of: datetime.date, written: dict[str, list[str]]) -> dict[str, Any]:
    """The Frictionless Data Package of every CSV file, with the source documents the facts come from."""
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "evalsite-open-data",
        "title": "Evaluations, management responses and key actions",
        "description": ("Recommendations, management responses, key actions, indicator values and findings of the evaluations published on "
                        f"this site, as of {as_of.isoformat()}. Ids are text; empty cells are missing values; addresses are empty "
                        "when the site was built without a public address. The JSON documents beside this file (site.json, "
                        "evaluations/SLUG.json) hold everything, described by schema/site-data.schema.json and "
                        "schema/evaluation-data.schema.json."),
        "resources": resources(site, written),
    }
    if site_url:
        descriptor["homepage"] = f"{site_url}en/data/"
    markup = Converter()
    sources = [_source(ev.slug, doc, markup) for ev in site.evaluations for doc in ev.documents]
    if sources:
        descriptor["sources"] = sources
    return descriptor


def _source(slug: str, doc: SourceDocument, markup: Converter) -> dict[str, str]:
    """A source document as the data package names it: every published fact can be traced to one."""
    found = {"title": f"{slug}: {markup.plain(doc.title.shown('en').text)}"}
    if doc.url:
        found["path"] = doc.url
    return found
