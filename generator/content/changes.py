"""Changes to an author's content files, made so that nothing of theirs is lost or left invalid.

Two commands write into content an author also edits by hand: `evalsite new` (one more entry) and
`evalsite import` (a management response read from a table, units added to the registry). Both need
the same two things: an entry inserted as text after the last one of its list, so that the author's
comments and layout stay as they are, and a trial load of the changed files in a copy of the content
folder, so that a file is only written when the content with it is still valid.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ContentError, Problem, display_path
from .load import load_site


def dash_column(text: str, item: yaml.Node) -> int:
    """The column of the `-` that starts a block list item (the item's node starts after it)."""
    line = text.splitlines()[item.start_mark.line]
    return line.rindex("-", 0, item.start_mark.column)


def insert_entry(text: str, mark: yaml.Mark, entry: str) -> str:
    """`text` with `entry` inserted at the start of the line after `mark` (the end of a block)."""
    lines = text.splitlines(keepends=True)
    # A block ends where the next token starts: before that line when only indentation precedes it.
    at = mark.line if mark.line >= len(lines) or not lines[mark.line][: mark.column].strip() else mark.line + 1
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1  # blank lines and comments after a block belong to what follows
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    lines.insert(at, entry if entry.endswith("\n") else entry + "\n")
    return "".join(lines)


@dataclass(frozen=True)
class Trial:
    """What `evalsite check` would say of the content with the changed files: its problems (the
    content is valid when there are none) and the placeholders it would warn about, named as the
    author will find them (the content folder's paths, not the copy's)."""

    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def trial_load(content: Path, files: dict[Path, str], extensions: Sequence[str | dict] = ()) -> Trial:
    """Load a copy of `content` with `files` (paths under `content`, new or changed) written into it."""
    with tempfile.TemporaryDirectory(prefix="evalsite-trial-") as scratch:
        copy = Path(scratch) / content.name
        shutil.copytree(content, copy)
        for path, text in files.items():
            target = copy / path.relative_to(content)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        warnings: list[Problem] = []

        def named(problem: Problem) -> Problem:
            where = (Path.cwd() / problem.path).resolve()  # display_path made it relative to the working folder if it could
            if where.is_relative_to(copy.resolve()):
                return Problem(display_path(content / where.relative_to(copy.resolve())), problem.line, problem.message)
            return problem

        try:
            load_site(copy, warnings=warnings, extensions=extensions)
        except ContentError as exc:
            return Trial(tuple(map(named, exc.problems)), tuple(map(named, warnings)))
        return Trial((), tuple(map(named, warnings)))
