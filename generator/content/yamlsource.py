"""YAML files read safely, with the line of every value kept for error messages.

PyYAML's safe loader forgets where a value came from and silently keeps the last of two equal keys.
Private content is dropped here too, before anything else sees it (`private`).
Authors need both: `file:line` in every message, and a duplicate key reported rather than lost. So
we compose the node tree ourselves and build plain Python values plus a map from each value's path
(a tuple of keys and indexes) to its line. Timestamps stay strings: dates are validated by the
schema and parsed by the loader, with the same file:line messages as everything else.
Every content file, YAML or Markdown, is read through `read_text`: UTF-8 without a byte-order mark,
placeholders from `evalsite new` flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems
from . import private

Path_ = tuple[str | int, ...]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it: ~10x faster
    """SafeLoader without implicit timestamps: `2025-06-01` stays the string the author wrote."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """One YAML file: its data and the 1-based line of every value in it."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    private: bool = False  # the whole file says `private: true`: it is as if it were not there

    def line(self, where: Path_) -> int:
        """The line of the value at `where`, or of its nearest parent that has one."""
        where = tuple(where)
        while where not in self.lines and where:
            where = where[:-1]
        return self.lines.get(where, 1)


PLACEHOLDER = re.compile(r"\bTODO\b")
PLACEHOLDER_MESSAGE = "placeholder left from `evalsite new` (TODO) — write the real text or value here and remove the TODO"
MAX_TEXT_BYTES = 100_000  # Python's csv module refuses a field of 128 KiB; no text of a report needs more


def read_text(path: Path, problems: Problems) -> str | None:
    """A content file's text: UTF-8, without the byte-order mark some editors put first, and with
    every placeholder left from `evalsite new` reported as a warning; None when it is not UTF-8."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.add(path, line, "this file is not UTF-8 text — save it as UTF-8 in your editor")
        return None
    for number, row in enumerate(text.splitlines(), start=1):
        if PLACEHOLDER.search(row):
            problems.warn(path, number, PLACEHOLDER_MESSAGE)
    return text


def check_size(text: str, path: Path, line: int, problems: Problems) -> None:
    """A text longer than MAX_TEXT_BYTES breaks the readers of the open data (one CSV cell each)."""
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        problems.add(path, line, f"this text is {size / 1000:,.0f} KB, over the limit of {MAX_TEXT_BYTES // 1000} KB"
                                 " — shorten it and leave the full text to the source document")


def read_yaml(path: Path, problems: Problems) -> Document | None:
    """Parse one file; report malformed YAML, non-UTF-8 bytes and duplicate keys with their line."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        rows = text.splitlines()
        if 0 < line <= len(rows) and "\t" in rows[line - 1]:  # libyaml only says "cannot start any token"
            problems.add(path, line, "YAML syntax error: this line holds a tab — YAML indents with spaces only: replace the tab by spaces")
        else:
            what = exc.problem or "malformed YAML"
            problems.add(path, line, f"YAML syntax error: {what} — check the indentation, colons and quotes on this line and the one before")
        return None
    except yaml.YAMLError as exc:  # a control character or other unreadable text
        line = text[: getattr(exc, "position", 0)].count("\n") + 1
        problems.add(path, line, "this file holds characters YAML cannot read (a control character?) — retype the line in your editor")
        return None
    doc = Document(path, None)
    try:
        if node is not None:
            doc.data = _Builder(loader, doc, problems).build(node, ())
            if doc.data is private.DROP:  # the whole file is private
                doc.data, doc.private = None, True
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        problems.add(path, line, f"YAML value not allowed: {exc.problem} — write plain text, numbers, lists and keys only")
        return None
    finally:
        loader.dispose()
    return doc


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Builder:
    """Turns a node tree into plain values, recording each value's line and each duplicate key."""

    def __init__(self, loader: _Loader, doc: Document, problems: Problems):
        self.loader, self.doc, self.problems = loader, doc, problems

    def build(self, node: yaml.Node, where: Path_) -> Any:
        self.doc.lines[where] = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise yaml.constructor.ConstructorError(None, None, f"the tag {node.tag} is not allowed", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)  # resolves `<<` merge keys
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.add(self.doc.path, line, "a key must be a plain word — remove the brackets or braces around it")
                    continue
                key = self.loader.construct_object(key_node)
                if key in result:
                    self.problems.add(self.doc.path, line, f"the key '{key}' appears twice here — keep one of them")
                    continue
                value = self.build(value_node, where + (key,))
                self.doc.lines[where + (key,)] = line  # a message about a value points at its key
                if value is not private.DROP:  # a private mapping under a key leaves its parent
                    result[key] = value
            verdict = private.decide(result)
            if verdict.problem:
                self.problems.add(self.doc.path, self.doc.line(where + (private.KEY,)), verdict.problem)
            return verdict.kept
        if isinstance(node, yaml.SequenceNode):
            items = []
            for item in node.value:
                value = self.build(item, where + (len(items),))
                if value is private.DROP:  # the next entry takes its place: forget where this one's values were
                    self._forget(where + (len(items),))
                else:
                    items.append(value)
            return items
        value = self.loader.construct_object(node)
        if isinstance(value, str):
            check_size(value, self.doc.path, node.start_mark.line + 1, self.problems)
        return value

    def _forget(self, where: Path_) -> None:
        self.doc.lines = {path: line for path, line in self.doc.lines.items() if path[: len(where)] != where}
