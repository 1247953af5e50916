"""Open data: the model as JSON (one document per evaluation and one for the site), CSV files of
recommendations, actions and indicator values with their Frictionless Data Package, and JSON Schemas
of both the published documents and the content files.

The JSON is the model itself, serialised field by field (`to_data`), so it cannot drift from it;
`from_data` reads it back into the same objects, which is how the tests prove nothing is lost.
Texts are objects with one key per language plus `original`; days are ISO strings (`2026-03-31`),
dates known only to the month, quarter or year are written as precisely as that (`2019-03`,
`2026-Q2`, `2027`). Without a public address (`site_url` None), the addresses of pages are left out:
the `urls` keys of the JSON are absent and the `url_*` cells of the CSV files empty.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime
import enum
import io
import json
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import model, urls
from ..files import write_file
from ..model import LANGS, Evaluation, PartialDate, Site, Text
from . import datapackage, dataschema
from . import findings as opendata_findings
from .datapackage import ACTIONS, COUNTRIES, FINDING_LINKS, FINDINGS, INDICATORS, RECOMMENDATION_TAGS, RECOMMENDATIONS, THEMES

# --- JSON: the model, field by field ------------------------------------------------------------

def to_data(value: Any) -> Any:
    if isinstance(value, Text):
        return {"original": value.original, **dict(value.values)}
    if isinstance(value, PartialDate):
        return str(value)
    if dataclasses.is_dataclass(value):
        data = {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if type(value) in _BLOCK_TYPES:
            data["type"] = value.kind_of_block
        return data
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: to_data(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    return value


_BLOCK_TYPES = {model.Heading, model.Paragraph, model.Duplicate, model.Directive, model.Prose}


def from_data(kind: Any, data: Any) -> Any:
    """The inverse of `to_data`, guided by the model's type annotations."""
    origin = typing.get_origin(kind)
    if kind is Text:
        original = data["original"]
        return Text({k: v for k, v in data.items() if k != "original"}, original)
    if origin in (types.UnionType, typing.Union):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if data is None:
            return None
        if Text in options:  # an optional text, or a table cell (text, number, language map or list of these)
            return _cell_from_data(data)
        dataclass_options = [k for k in options if dataclasses.is_dataclass(k)]
        if len(dataclass_options) > 1:  # a report block: the type says which
            return from_data(next(k for k in dataclass_options if k.kind_of_block == data["type"]), data)
        return from_data(options[0], data)
    if kind is PartialDate:
        return PartialDate.fromisoformat(data)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: from_data(hints[f.name], data[f.name]) for f in dataclasses.fields(kind)
                       if f.init and (f.name in data or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING))})
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(from_data(item, x) for x in data)
    if origin in (Mapping, dict, typing.Mapping):
        item = typing.get_args(kind)[1]
        return {key: from_data(item, value) for key, value in data.items()}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind is datetime.date:
        return datetime.date.fromisoformat(data)
    return data


def _cell_from_data(data: Any) -> Any:
    if isinstance(data, dict):
        return from_data(Text, data)
    if isinstance(data, list):
        return tuple(_cell_from_data(x) for x in data)
    return data


def page_urls(site_url: str | None, address: str) -> dict[str, dict[str, str]]:
    """`{"urls": {lang: absolute address}}` of a page, or nothing without a public address."""
    return {"urls": {lang: f"{site_url}{lang}/{address}" for lang in LANGS}} if site_url else {}


def evaluation_data(ev: Evaluation, site_url: str | None, as_of: datetime.date) -> dict[str, Any]:
    """One evaluation: the model's fields, plus the addresses of its pages and each action's
    due date and follow-up as of the build date (derived, for re-users who do not compute them)."""
    data = to_data(ev) | page_urls(site_url, urls.evaluation(ev))
    for action, record in zip(ev.actions, data["actions"], strict=True):
        record["derived"] = {"due_date": action.due_date.isoformat(), "follow_up": action.follow_up(as_of).value,
                             **page_urls(site_url, urls.action(ev, action))}
    for rec, record in zip(ev.recommendations, data["recommendations"], strict=True):
        record["derived"] = page_urls(site_url, urls.recommendation(ev, rec))
    opendata_findings.add_derived(data, ev, site_url)
    return data


def strip_derived(data: dict[str, Any]) -> dict[str, Any]:
    """An evaluation document without the derived keys: exactly `to_data` of the model."""
    data = json.loads(json.dumps(data))
    data.pop("urls", None)
    for record in data["actions"] + data["recommendations"] + data["findings"]:
        record.pop("derived", None)
    return data


# --- CSV ----------------------------------------------------------------------------------------

def _texts(prefix: str, text: Text | None) -> dict[str, str]:
    return {f"{prefix}_{lang}": (text.values.get(lang, "") if text else "") for lang in LANGS}


def _urls(site_url: str | None, address: str) -> dict[str, str]:
    """The `url_*` cells: empty without a public address, so that the columns stay the same."""
    return {f"url_{lang}": f"{site_url}{lang}/{address}" if site_url else "" for lang in LANGS}


def recommendation_rows(ev: Evaluation, site_url: str | None) -> list[dict[str, str]]:
    rows = []
    for rec in ev.recommendations:
        response = ev.response(rec.id)
        rows.append({
            "evaluation": ev.slug, "id": rec.id, "number": rec.number or "", "group": rec.group or "",
            "implicit": "true" if rec.implicit else "false", **_texts("title", rec.title), **_texts("text", rec.text),
            "position": response.position.value if response else "", **_texts("response", response.text if response else None),
            "in_charge": " ".join(response.in_charge) if response else "",
            "actions": str(len(ev.actions_for(rec.id))), "paragraphs": " ".join(map(str, rec.paragraphs)),
            "related": " ".join(link.target for link in rec.related), **_urls(site_url, urls.recommendation(ev, rec))})
    return rows


def action_rows(ev: Evaluation, site_url: str | None, as_of: datetime.date) -> list[dict[str, str]]:
    rows = []
    for act in ev.actions:
        last = act.updates[-1] if act.updates else None
        rows.append({
            "evaluation": ev.slug, "id": act.id, "recommendation": act.recommendation, **_texts("text", act.text),
            "timing_start": str(act.timing.start) if act.timing else "", "timing_end": str(act.timing.end) if act.timing else "",
            "due": str(act.due) if act.due else "", "due_date": act.due_date.isoformat(),
            "in_charge": " ".join(act.in_charge), "status": act.status.value if act.status else "",
            **_texts("status_reason", act.status_reason), "updates": str(len(act.updates)),
            "last_update": last.date.isoformat() if last else "", "follow_up": act.follow_up(as_of).value,
            **_urls(site_url, urls.action(ev, act))})
    return rows


def indicator_rows(ev: Evaluation) -> list[dict[str, str]]:
    rows = []
    for objective in ev.objectives:
        owners = [(None, objective.indicators)] + [(r, r.indicators) for r in objective.results]
        for result, indicators in owners:
            for ind in indicators:
                for o in ind.observations:
                    rows.append({
                        "evaluation": ev.slug, "objective": objective.id, "result": result.id if result else "",
                        "indicator": ind.id, "code": ind.code or "", "who": o.who, "series": o.series or "",
                        "year": "" if o.year is None else str(o.year), "value": _number(o.value),
                        "cumulative": _number(o.cumulative), "raw": o.raw, "ambiguous": "true" if o.ambiguous else "false"})
    return rows


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(out: Path, site: Site, site_url: str | None, as_of: datetime.date) -> None:
    """Everything under /data/: JSON, CSV, the data package that describes the CSV files, and the
    schemas (of the published JSON, of each CSV, and of the content files)."""
    (out / "evaluations").mkdir(parents=True, exist_ok=True)
    (out / "schema").mkdir(exist_ok=True)
    rows: dict[str, list[dict[str, str]]] = {table.name: [] for table in datapackage.TABLES}
    written: dict[str, list[str]] = {table.name: [] for table in datapackage.TABLES}
    documents = []  # each evaluation's JSON, written once: site.json is made of them
    for ev in site.evaluations:
        documents.append(_compact(evaluation_data(ev, site_url, as_of)))
        write_file(out / "evaluations" / f"{ev.slug}.json", documents[-1] + "\n")
        own = {RECOMMENDATIONS.name: recommendation_rows(ev, site_url), ACTIONS.name: action_rows(ev, site_url, as_of),
               INDICATORS.name: indicator_rows(ev), FINDINGS.name: opendata_findings.finding_rows(ev, site_url),
               FINDING_LINKS.name: opendata_findings.finding_link_rows(ev),
               RECOMMENDATION_TAGS.name: opendata_findings.recommendation_tag_rows(site, ev)}
        for table in datapackage.TABLES:
            if table.name not in own:
                continue
            # every evaluation has its recommendations and actions files; the others only where there is something in them
            if own[table.name] or table in (RECOMMENDATIONS, ACTIONS):
                write_file(out / "evaluations" / f"{ev.slug}-{table.name}.csv", _csv(own[table.name], table.columns))
                written[table.name].append(ev.slug)
            rows[table.name] += own[table.name]
    head = _compact({"as_of": as_of.isoformat(), "organisations": to_data(site.organisations), "evaluations": []})
    write_file(out / "site.json", head[:-2] + ",".join(documents) + "]}\n")  # head ends "[]}"
    rows[THEMES.name], rows[COUNTRIES.name] = opendata_findings.theme_rows(site), opendata_findings.country_rows(site)
    for table in datapackage.TABLES:
        write_file(out / f"{table.name}.csv", _csv(rows[table.name], table.columns))
        _json(out / table.schema_path, table.table_schema())
    opendata_findings.write_vocabularies(out, site)
    _json(out / "datapackage.json", datapackage.package(site, site_url, as_of, written))
    for name, schema in dataschema.published_schemas(site_url).items():
        _json(out / "schema" / name, schema)


def _json(path: Path, data: Any) -> None:
    """A small JSON document for people to read too (schemas, the data package): indented."""
    write_file(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n")


def _compact(data: Any) -> str:
    """A data document as JSON without indentation: Python's fast encoder (an indented one is written
    by its slow one: 2 of the 2.5 seconds of the open data at 100 evaluations)."""
    return json.dumps(data, ensure_ascii=False)
