"""JSON Schemas under /data/schema/: of the published JSON documents, and of the content files.

The schema of the published documents is derived from the model's type annotations, the way
`opendata.to_data` serialises the model, so that it cannot drift from what is published. The
content schemas are those of `generator/schemas/`, the contract `evalsite check` validates against.

Every published schema is self-contained: what it refers to is bundled in its own `$defs`, and its
`$ref`s point there (`#/$defs/text`), so a validator needs no network and no option to resolve them
(`check-jsonschema --schemafile site-data.schema.json site.json`). Its `$id` is its absolute address
under the site's public address. Without a public address (`site_url` None) the schemas carry no `$id`:
an identifier on a made-up or local host would claim an address nobody serves; self-contained, they
validate from wherever they are saved.
"""
from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import types
import typing
from collections.abc import Mapping
from typing import Any

from .. import model
from ..model import LANGS, Evaluation, FollowUp, Organisation, PartialDate, Text
from ..paths import SCHEMA_FILES, SCHEMAS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SITE_SCHEMA = "site-data.schema.json"
EVALUATION_SCHEMA = "evaluation-data.schema.json"

_TEXT = {"description": "a text per language, with `original`: the language it was written in",
         "type": "object", "required": ["original"],
         "properties": {"original": {"enum": list(LANGS)}, **{lang: {"type": "string"} for lang in LANGS}},
         "additionalProperties": False}
_PARTIAL_DATE = {"description": "a date as precise as its source: 2019-03-31, 2019-03, 2026-Q2 or 2027",
                 "type": "string", "pattern": "^[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?$"}
_DAY = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_URLS = {"description": "the addresses of its page in each language; absent when the site was built without a public address",
         "type": "object", "required": list(LANGS), "additionalProperties": False,
         "properties": {lang: {"type": "string", "format": "uri"} for lang in LANGS}}
_DERIVED = {  # what `opendata.evaluation_data` adds to the model's fields
    model.Evaluation: {"urls": _URLS},
    model.Recommendation: {"derived": {"type": "object", "additionalProperties": False, "properties": {"urls": _URLS}}},
    model.Finding: {"derived": {"type": "object", "additionalProperties": False, "properties": {"urls": _URLS}}},
    model.Action: {"derived": {
        "description": "derived as of the build date, for re-users who do not compute it",
        "type": "object", "required": ["due_date", "follow_up"], "additionalProperties": False,
        "properties": {"due_date": _DAY, "follow_up": {"enum": [f.value for f in FollowUp]}, "urls": _URLS}}},
}


class _Deriver:
    """Collects one `$defs` entry per dataclass of the model, as `to_data` writes it."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {"Text": _TEXT, "PartialDate": _PARTIAL_DATE, "Cell": {
            "description": "a table cell: text or a number in the table's language, a text per language, or a list of cells",
            "anyOf": [{"type": ["string", "number"]}, {"$ref": "#/$defs/Text"}, {"type": "array", "items": {"$ref": "#/$defs/Cell"}}]}}

    def of(self, kind: Any) -> dict[str, Any]:
        origin = typing.get_origin(kind)
        if kind is Text:
            return {"$ref": "#/$defs/Text"}
        if kind is PartialDate:
            return {"$ref": "#/$defs/PartialDate"}
        if kind is datetime.date:
            return _DAY
        if origin in (types.UnionType, typing.Union):
            options = [k for k in typing.get_args(kind) if k is not type(None)]
            if Text in options and len(options) > 1:  # a table cell
                found: dict[str, Any] = {"$ref": "#/$defs/Cell"}
            elif len(options) > 1:  # a report block: its `type` says which
                found = {"oneOf": [self.of(k) for k in options]}
            else:
                found = self.of(options[0])
            return {"anyOf": [found, {"type": "null"}]} if type(None) in typing.get_args(kind) else found
        if dataclasses.is_dataclass(kind):
            self._define(kind)
            return {"$ref": f"#/$defs/{kind.__name__}"}
        if origin is tuple:
            return {"type": "array", "items": self.of(typing.get_args(kind)[0])}
        if origin in (Mapping, dict):
            return {"type": "object", "additionalProperties": self.of(typing.get_args(kind)[1])}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"enum": [member.value for member in kind]}
        return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[kind]}

    def _define(self, kind: type) -> None:
        name = kind.__name__
        if name in self.defs:
            return
        self.defs[name] = {}  # placeholder: a dataclass may contain itself (through a union)
        hints = typing.get_type_hints(kind)
        fields = [f.name for f in dataclasses.fields(kind)]
        properties = {field: self.of(hints[field]) for field in fields}
        definition: dict[str, Any] = {"type": "object", "required": list(fields), "additionalProperties": False}
        if kind.__doc__ and not kind.__doc__.startswith(f"{name}("):
            definition["description"] = " ".join(kind.__doc__.split())
        if hasattr(kind, "kind_of_block"):
            properties["type"] = {"const": kind.kind_of_block}
            definition["required"].append("type")
        definition["properties"] = properties | _DERIVED.get(kind, {})
        self.defs[name] = definition


def document_schemas(site_url: str | None) -> dict[str, dict[str, Any]]:
    """The schemas of site.json and of each evaluations/SLUG.json, by file name."""
    deriver = _Deriver()
    evaluation, organisation = deriver.of(Evaluation), deriver.of(Organisation)
    site = {"title": "evalsite: site.json, every organisation and every evaluation", "type": "object",
            "required": ["as_of", "organisations", "evaluations"], "additionalProperties": False,
            "properties": {"as_of": _DAY | {"description": "the day due dates are judged against"},
                           "organisations": {"type": "array", "items": organisation},
                           "evaluations": {"type": "array", "items": evaluation}}}
    one = {"title": "evalsite: evaluations/SLUG.json, one evaluation with all its parts", **evaluation}
    return {name: _published(name, site_url, schema | {"$defs": deriver.defs})
            for name, schema in ((SITE_SCHEMA, site), (EVALUATION_SCHEMA, one))}


def content_schemas(site_url: str | None) -> dict[str, dict[str, Any]]:
    """The schemas of the content files, each with the shared definitions of common.schema.json bundled in."""
    sources = {name: json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")) for name in SCHEMA_FILES}
    common = sources["common"]["$defs"]
    found = {}
    for name, schema in sources.items():
        own = schema.get("$defs", {})
        assert not set(own) & set(common) or name == "common", f"{name}.schema.json redefines a shared definition"
        bundled = _local_refs({key: value for key, value in schema.items() if key not in ("$id", "$schema", "$defs")})
        found[f"{name}.schema.json"] = _published(f"{name}.schema.json", site_url, bundled | {"$defs": _local_refs(common | own)})
    return found


def published_schemas(site_url: str | None) -> dict[str, dict[str, Any]]:
    """Every schema under /data/schema/, by file name."""
    return document_schemas(site_url) | content_schemas(site_url)


def _published(name: str, site_url: str | None, schema: dict[str, Any]) -> dict[str, Any]:
    head = {"$schema": DIALECT} | ({"$id": f"{site_url}data/schema/{name}"} if site_url else {})
    return head | schema


def _local_refs(value: Any) -> Any:
    """`common.schema.json#/$defs/text` → `#/$defs/text`: the definition is bundled in the same document."""
    if isinstance(value, dict):
        return {key: (item.replace("common.schema.json#", "#") if key == "$ref" else _local_refs(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [_local_refs(item) for item in value]
    return value
