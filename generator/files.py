"""Writing a build's files so that nothing else sees them change under it.

A build starts from hard links to the published site (`site._link_tree`) and a preview is read
while it is rebuilt: a file is therefore never written into, but written whole under a hidden name
and renamed over the old one. The old file, still linked from the published site, keeps its text,
and a reader gets the old text or the new one, never half of it.
"""
from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, text: str | bytes) -> bool:
    """Write `text` (or bytes) unless the file already holds it; True when it wrote. Bytes are compared, since
    reading text would turn the CRLF line ends of calendar.ics into LF and never match."""
    return write_bytes_if_changed(path, text if isinstance(text, bytes) else text.encode("utf-8"))


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.new")
    fresh.write_bytes(data)
    os.replace(fresh, path)
    return True
