"""Digests of files: what a kept result (a folder's model, a rendered page, a search part) was made
from, so that it is used again only while all of that stays the same."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from .paths import PACKAGE


def digest(paths: Iterable[Path], *extra: str) -> str:
    """The SHA-256 of the files under `paths` (names and bytes, in a fixed order) and of `extra`."""
    sha = hashlib.sha256()
    for value in extra:
        sha.update(value.encode("utf-8") + b"\0")
    for top in paths:
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top] if top.is_file() else []
        for path in files:
            if "__pycache__" not in path.parts:
                sha.update(str(path.relative_to(top)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def code_digest() -> str:
    """The digest of the tool's own code: what a model or page kept from an earlier build was made with."""
    return digest([PACKAGE])
