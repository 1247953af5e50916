"""Validation of content files against the JSON Schemas in `schemas/`, in an author's words.

The schemas are the contract for content: `evalsite check` validates against them, the site
publishes them for re-users, and authors can point their editor at them. jsonschema finds the
errors; this module only says each one plainly, at the line where it happened, with what to do.
"""
from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
from referencing import Registry, Resource

from ..errors import Problems
from ..paths import SCHEMA_FILES, SCHEMAS
from .yamlsource import Document


@cache
def _registry() -> Registry:
    resources = []
    for name in SCHEMA_FILES:
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = _registry().contents(f"{name}.schema.json")
    return jsonschema.Draft202012Validator(schema, registry=_registry())


def validate(doc: Document, schema_name: str, problems: Problems) -> list[tuple]:
    """Report every schema error in `doc`; returns the paths where errors were found (empty: valid)."""
    broken = []
    for error in _validator(schema_name).iter_errors(doc.data):
        for where, message in _explain(error):
            problems.add(doc.path, doc.line(where), message)
            broken.append(where)
    return broken


def _explain(error: jsonschema.ValidationError) -> Iterator[tuple[tuple, str]]:
    """Yield (path, message) for one error; for oneOf, explain the branch the author was aiming at."""
    where = tuple(error.absolute_path)
    name = _field_name(where)
    kind, value, schema = error.validator, error.instance, error.schema
    if kind in ("oneOf", "anyOf") and error.context and all(sub.validator == "required" for sub in error.context):
        keys = [f"`{_missing_key(sub)}:`" for sub in error.context]  # such as an action's timing or due date
        yield where, f"{' or '.join(keys)} is missing{_in(name)} — give one of them, or both"
    elif kind in ("oneOf", "anyOf") and error.context:
        yield from _explain_branch(error)
    elif kind == "required":
        missing = _missing_key(error)
        hint = _describe(schema.get("properties", {}).get(missing, {}))
        yield where, f"'{missing}' is missing{_in(name)} — add `{missing}:`" + (f" ({hint})" if hint else "")
    elif kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed), key=str):
            guess = difflib.get_close_matches(str(key), allowed, n=1)
            fix = f"did you mean '{guess[0]}'?" if guess else f"the keys allowed here are: {', '.join(allowed)}"
            yield where + (key,), f"unknown key '{key}'{_in(name)} — {fix}"
    elif kind == "propertyNames":
        yield where, f"'{error.instance}' is not a language of this site{_in(name)} — use nl, fr or en"
    elif kind == "enum":
        options = [str(option) for option in error.validator_value]
        guess = difflib.get_close_matches(str(value), options, n=1)
        fix = f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(options)}"
        if guess:
            fix += f" (allowed: {', '.join(options)})"
        yield where, f"'{value}' is not an allowed value for {name or 'this field'} — {fix}"
    elif kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " or ".join(_TYPE_WORDS[t] for t in expected)
        yield where, f"{name or 'this value'} should be {wanted}, not {_type_word(value)}" + _hint(schema)
    elif kind in ("pattern", "minimum", "maximum"):
        yield where, f"'{value}' is not valid for {name or 'this field'}" + _hint(schema, " — write ")
    elif kind in ("minItems", "minProperties", "minLength"):
        yield where, f"{name or 'this value'} is empty — fill it in" + _hint(schema, " (") + (")" if _describe(schema) else "")
    elif kind == "uniqueItems":
        yield where, f"{name or 'this list'} names the same thing twice — remove the repeat"
    else:  # a keyword our schemas do not use yet: say what jsonschema says
        yield where, f"{error.message}"


def _explain_branch(error: jsonschema.ValidationError) -> Iterator[tuple[tuple, str]]:
    """Pick the alternative whose type matches what the author wrote, and explain its errors."""
    by_branch: dict[int, list[jsonschema.ValidationError]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    for errors in by_branch.values():
        if not any(e.validator == "type" and not e.relative_path for e in errors):
            for sub in errors:
                yield from _explain(sub)
            return
    name = _field_name(tuple(error.absolute_path))
    yield tuple(error.absolute_path), f"{name or 'this value'} has the wrong form" + _hint(error.schema, " — write ")


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a set of keys", "null": "empty"}


def _type_word(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    return {str: "text", int: "a number", float: "a number", list: "a list", dict: "a set of keys"}.get(type(value), "something else")


def _field_name(where: tuple) -> str:
    keys = [k for k in where if isinstance(k, str)]
    return f"'{keys[-1]}'" if keys else ""


def _in(name: str) -> str:
    return f" in {name}" if name else ""


def _missing_key(error: jsonschema.ValidationError) -> str:
    return next(key for key in error.validator_value if key not in error.instance)


def _describe(schema: dict) -> str:
    if "$ref" in schema:
        schema = _resolve(schema["$ref"])
    if "description" in schema:
        return schema["description"]
    if "enum" in schema:
        return "one of: " + ", ".join(map(str, schema["enum"]))
    return ""


def _resolve(ref: str) -> dict:
    """The schema a `$ref` names: in another file (`common.schema.json#/...`) or in one of ours (`#/$defs/...`)."""
    resolver = _registry().resolver()
    candidates = [ref] if not ref.startswith("#") else [f"{name}.schema.json{ref}" for name in SCHEMA_FILES]
    for candidate in candidates:
        try:
            return resolver.lookup(candidate).contents
        except Exception:  # referencing raises several unresolvable-pointer errors; any means: not here
            continue
    return {}


def _hint(schema: dict, lead: str = ": ") -> str:
    text = _describe(schema)
    return f"{lead}{text}" if text else ""
