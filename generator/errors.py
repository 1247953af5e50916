"""Problems found in content, reported to authors as `path:line: message`, and missing translations.

Every check appends to one list so that an author sees all problems at once; nothing in the loader
raises on the first mistake. `ContentError` carries that list out of the loader when it is not empty.
Warnings are problems that a draft may have (a placeholder left from `evalsite new`): `evalsite
check` prints them, `check --strict` and a published build count them as errors.
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


@dataclass(frozen=True, order=True)
class Gap:
    """A text without some of the site's languages: shown in its original language with a notice."""

    path: str
    line: int
    missing: tuple[str, ...]

    def as_problem(self) -> Problem:
        name = Path(self.path).name
        if name.endswith(".md"):  # a Markdown file per language: the translation is another file
            stem = name.rsplit(".", 2)[0]
            fix = " and ".join(f"{stem}.{lang}.md" for lang in self.missing)
        else:
            fix = " and ".join(f"`{lang}:`" for lang in self.missing)
        return Problem(self.path, self.line, f"the translation into {', '.join(self.missing)} is missing — add {fix}")


class ContentError(Exception):
    """The content cannot be turned into a model; `problems` says why, each with file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems, naming files as the author would type them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.gaps: list[Gap] = []
        self.warnings: list[Problem] = []

    def add(self, path: Path, line: int, message: str) -> None:
        self.items.append(Problem(display_path(path), line, message))

    def warn(self, path: Path, line: int, message: str) -> None:
        """Record what a draft may have but a published site may not."""
        self.warnings.append(Problem(display_path(path), line, message))

    def gap(self, path: Path, line: int, missing: tuple[str, ...]) -> None:
        """Record a missing translation: not an error, unless the author asks for strict checking."""
        if missing:
            self.gaps.append(Gap(display_path(path), line, missing))

    def merge(self, other: Problems) -> None:
        """Take in what another collection found (an evaluation folder read on its own)."""
        self.items += other.items
        self.gaps += other.gaps
        self.warnings += other.warnings

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)


def counted(number: int, noun: str) -> str:
    """"1 problem", "3 problems": a count as the command's messages say it (English nouns taking an s)."""
    return f"{number} {noun}{'s' if number != 1 else ''}"


def display_path(path: Path) -> str:
    """The path as the author would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
