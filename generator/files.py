"""The one way evalsite writes a file: whole, under a hidden name renamed into place.

A build starts from hard links to the published site (`publish.staging.link_tree`), a preview is
read while it is rebuilt, and an author's content file must never be left half-written: a file is
therefore never written into, but written whole beside its place and renamed over the old one.
The old file, still linked from the published site, keeps its text, and a reader gets the old text
or the new one, never half of it. What a build publishes is readable by a web server running as
another user: the build runs with umask 022 (`publishing_umask`).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

PUBLIC_UMASK = 0o022  # files 0644, folders 0755


def write_if_changed(path: Path, text: str | bytes) -> bool:
    """Write `text` (or bytes) unless the file already holds it; True when it wrote. Bytes are compared, since
    reading text would turn the CRLF line ends of calendar.ics into LF and never match."""
    return write_bytes_if_changed(path, text if isinstance(text, bytes) else text.encode("utf-8"))


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    write_file(path, data)
    return True


def write_file(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` whole: into a hidden file beside it, then renamed over it (folders made as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        fresh.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        os.replace(fresh, path)
    finally:
        fresh.unlink(missing_ok=True)


def write_new(path: str, data: bytes) -> None:
    """Write a file that does not exist yet (a new page of a tree being synced): nobody can read half of
    a file that had no name before, so it is written in place; an existing one is an error."""
    with open(path, "xb") as new:
        new.write(data)


@contextlib.contextmanager
def publishing_umask() -> Iterator[None]:
    """Files made in the block are 0644 and folders 0755 whatever the user's umask: a published site is
    read by a web server running as another user. Set before the worker processes start, they inherit it."""
    previous = os.umask(PUBLIC_UMASK)
    try:
        yield
    finally:
        os.umask(previous)
