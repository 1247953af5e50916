"""Property-based: whatever the content tree holds, the loader returns a model or raises the
project's own ContentError, never any other exception (so an author never sees a traceback)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalsite.content.load import load_site
from evalsite.errors import ContentError

FIXTURES = [Path(__file__).parent / "fixtures" / "report", Path(__file__).parent / "fixtures" / "followup"]
FILES = ["evaluation.yml", "recommendations.yml", "response.yml", "tables.yml", "timelines.yml", "framework.yml", "indicators.yml"]
SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["r1", "agree", "2025-2026", "2024-13-40", "nl", "§5", "[§99]", "<b>x</b>"]))
keys = st.one_of(st.text(min_size=1, max_size=12), st.sampled_from(
    ["id", "title", "text", "recommendations", "responses", "actions", "position", "timing", "in_charge", "related", "kind",
     "original_language", "programme", "summary", "tables", "rows", "columns", "events", "date", "objectives", "private"]))
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
                     max_leaves=25)


def load(content: Path) -> None:
    try:
        load_site(content)
    except ContentError as exc:
        assert exc.problems, "a ContentError always says what is wrong"


@SETTINGS
@given(fixture=st.sampled_from(FIXTURES), name=st.sampled_from(FILES), tree=trees)
def test_arbitrary_yaml_in_any_file(fixture, name, tree):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(fixture, content)
        folder = next((content / "evaluations").iterdir())
        (folder / name).write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
        load(content)


@SETTINGS
@given(fixture=st.sampled_from(FIXTURES), name=st.sampled_from(FILES + ["../../organisations.yml", "report/01-findings.nl.md"]),
       data=st.binary(max_size=200))
def test_arbitrary_bytes_in_any_file(fixture, name, data):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(fixture, content)
        folder = next((content / "evaluations").iterdir())
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        load(content)


def _paths(node, where=()):
    yield where
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*where, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*where, i))


def _mutate(node, path, action, value):
    if not path:
        return value if action != "delete" else None
    parent = node
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, parent[last])
    else:
        parent[last] = value
    return node


@SETTINGS
@given(fixture=st.sampled_from(FIXTURES), name=st.sampled_from(FILES), choice=st.integers(0, 10**6),
       action=st.sampled_from(["delete", "replace", "duplicate"]), value=trees)
def test_near_valid_content(fixture, name, choice, action, value):
    """One change to a valid file: a deleted key, a value of another kind, a repeated entry."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(fixture, content)
        path = next((content / "evaluations").iterdir()) / name
        if not path.exists():
            return
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        paths = list(_paths(data))
        data = _mutate(data, paths[choice % len(paths)], action, value)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        load(content)
