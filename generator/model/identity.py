"""Who publishes the site and what it is called, in one language: read from the site project's
evalsite.yml, shown by every page, the engines' configuration and the root pages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    """Who publishes the site and what it is called, in one language."""

    name: str
    short_name: str
    description: str
    publisher: str  # empty: not said
