"""The organisations and units of the registry (content/organisations.yml)."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Text


@dataclass(frozen=True)
class Organisation:
    """An organisation or unit. Its names come from the sources; `editors_note` says what the site's
    editors add that no source document states (that two names are one body, a merge, a description),
    so that pages and open data can tell it apart from the sources' own words."""

    id: str
    kind: str
    name: Text
    short: Text | None = None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    url: str | None = None
    editors_note: Text | None = None
