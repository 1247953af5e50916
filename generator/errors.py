"""Problems found in content, reported to authors as `path:line: message`.

Every check appends to one list so that an author sees all problems at once; nothing in the loader
raises on the first mistake. `ContentError` carries that list out of the loader when it is not empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place, with what to do about it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content cannot be turned into a model; `problems` says why, each with file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems, naming files as the author would type them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: Path, line: int, message: str) -> None:
        self.items.append(Problem(display_path(path), line, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)


def display_path(path: Path) -> str:
    """The path as the author would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
