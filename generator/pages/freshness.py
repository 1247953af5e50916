"""Which generated pages can be kept as they are: a key per page of what it was rendered from.

A page of one evaluation is a view of that evaluation's folder, of organisations.yml (names of the
organisations in charge) and of the code that renders it (templates, catalogs, generator, settings).
When none of these changed since the page was written, rendering it again would give the same
text, so a rebuild after one edit renders the edited evaluation's pages and the pages that gather
all evaluations (lists, dashboards, feeds), not the other evaluations' pages.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from ..digests import digest
from ..files import write_if_changed
from ..model import Site
from ..paths import LOCALES, PACKAGE, TEMPLATES

RENDERING = (TEMPLATES, LOCALES, PACKAGE)  # the code every page is rendered with


def evaluation_keys(content_dir: Path, slugs: Iterable[str], settings: str, project: Iterable[Path] = ()) -> dict[str, str]:
    """Each evaluation's key: its folder, organisations.yml, themes.yml, the rendering code, `settings`
    (language, public address, as-of date: whatever else a page shows) and the site project's
    files that pages show (its evalsite.yml, template and catalog overrides)."""
    shared = digest([content_dir / "organisations.yml", content_dir / "themes.yml", *RENDERING, *project], settings)
    return {slug: digest([content_dir / "evaluations" / slug], shared) for slug in slugs}


def load(path: Path) -> dict[str, str]:
    """The keys stored beside a generated tree (none when there is no such file or it is unreadable)."""
    try:
        keys = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


def store(path: Path, keys: dict[str, str]) -> None:
    write_if_changed(path, json.dumps(keys, sort_keys=True, indent=0))


def with_repeats(keys: dict[str, str], site: Site) -> dict[str, str]:
    """Keys that also change when an evaluation linked by `repeats` changes: a recommendation's page
    shows the whole chain of recommendations that repeat one another, across evaluations."""
    linked: dict[str, set[str]] = {slug: {slug} for slug in keys}
    for ev in site.evaluations:
        for rec in ev.recommendations:
            for ref in rec.repeats:
                if ref.evaluation in linked and ev.slug in linked:
                    group = linked[ev.slug] | linked[ref.evaluation]
                    for slug in group:
                        linked[slug] = group
    return {slug: key if len(linked[slug]) == 1 else hashlib.sha256("".join(keys[s] for s in sorted(linked[slug])).encode()).hexdigest()
            for slug, key in keys.items()}
