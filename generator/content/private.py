"""What authors keep off the site: `private:` on YAML entries and fields, `<!-- private -->` blocks in Markdown.

Privacy keeps interviewees' names and internal notes off a public site, so it must hold in every way
a file can say it. `private:` is read after YAML has typed it: whatever YAML reads as true (`true`,
`True`, `TRUE`, `yes`, `Yes`, `YES`, `on`, `On`, `ON`) drops the mapping that holds it (a list entry
leaves its list, a mapping under a key leaves its parent); a list of names drops those fields; false
keeps everything; anything else (`y`, `private: maybe`, a field the entry does not have) is an error
at its line, and the entry is dropped all the same. What is dropped is gone before any check, model,
page, search index, feed, calendar or open data sees it.

In Markdown, `<!-- private -->` … `<!-- /private -->` blocks are blanked out line for line (the lines
stay, empty, so that messages about the rest name the right line); an opening without its closing is
an error, never a block that runs on to the end of the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

KEY = "private"
_OPENING = re.compile(r"<!--\s*private\s*-->", re.I)
_CLOSING = re.compile(r"<!--\s*/\s*private\s*-->", re.I)
DROP = object()  # what `decide` returns for a mapping that leaves the site whole


@dataclass(frozen=True)
class Verdict:
    """What `private:` says of one mapping: `DROP`, or the mapping without its private fields, and the
    problem to report at the `private:` line (None when it is well written)."""

    kept: Any
    problem: str | None = None


def decide(mapping: dict) -> Verdict:
    """Apply a mapping's `private:` (already typed by YAML), which never goes further itself."""
    if KEY not in mapping:
        return Verdict(mapping)
    private = mapping.pop(KEY)
    if private is True:
        return Verdict(DROP)
    if private is False:
        return Verdict(mapping)
    if isinstance(private, list) and private and all(isinstance(name, str) for name in private):
        unknown = [name for name in private if name not in mapping]
        kept = {key: value for key, value in mapping.items() if key not in private}
        if unknown:
            return Verdict(kept, f"`private:` names {', '.join(repr(n) for n in unknown)}, which this entry does not have — "
                                 f"name the fields to keep off the site exactly as they are written here ({', '.join(mapping)})")
        return Verdict(kept)
    return Verdict(DROP, f"`private: {private}` is not understood — write `private: true` to keep this whole entry off the site, "
                         "or `private: [field, ...]` for some of its fields (the entry is left out until then)")


def strip_blocks(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Markdown without its private blocks (their lines kept, empty), and the problems found with
    their lines: an opening without a closing, a closing without an opening."""
    out: list[str] = []
    problems: list[tuple[int, str]] = []
    opened_at = 0
    for number, row in enumerate(text.split("\n"), start=1):
        rest, kept = row, ""
        while rest:
            if opened_at:
                closing = _CLOSING.search(rest)
                if not closing:
                    rest = ""
                    break
                opened_at, rest = 0, rest[closing.end():]
            else:
                opening, closing = _OPENING.search(rest), _CLOSING.search(rest)
                if closing and (not opening or closing.start() < opening.start()):
                    problems.append((number, "`<!-- /private -->` closes a private block that was never opened — "
                                             "add `<!-- private -->` where it starts, or remove this line"))
                    kept += rest[:closing.start()]
                    rest = rest[closing.end():]
                elif opening:
                    kept += rest[:opening.start()]
                    opened_at, rest = number, rest[opening.end():]
                else:
                    kept, rest = kept + rest, ""
        out.append(kept)
    if opened_at:
        problems.append((opened_at, "this private block is never closed — add `<!-- /private -->` where it ends "
                                    "(until then, everything after it is left out)"))
    return "\n".join(out), problems
