"""The organisations and units of the registry (content/organisations.yml)."""
from __future__ import annotations

from dataclasses import dataclass

from .base import Text


@dataclass(frozen=True)
class Organisation:
    id: str
    kind: str
    name: Text
    short: Text | None = None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    url: str | None = None
