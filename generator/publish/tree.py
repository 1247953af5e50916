"""A generated tree kept in step with what a generation produced, touching only what changed."""
from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from ..files import write_bytes_if_changed, write_new


def sync_tree(root: Path, files: dict[str, str | bytes], keep: Collection[str] = ()) -> tuple[list[str], bool]:
    """Make `root` hold exactly `files` and the files named in `keep` (left as they are), touching
    only files whose text changed (MkDocs and live reload then see real changes only). Returns the
    names written or removed, and whether any file was added or removed. (Names are compared as
    strings from `os.walk`, which also says which files and folders exist: a tree of 5,000 pages is
    scanned in a tenth of what pathlib takes, and a new file costs no stat or mkdir of its folder.)"""
    wanted = {*files, *keep}
    changed: list[str] = []
    present: set[str] = set()
    folders_made: set[str] = set()
    emptied: set[str] = set()  # folders removed because nothing in them is wanted any more
    for folder, folders, names in os.walk(root, topdown=False):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        gone = [name for name in names if prefix + name not in wanted]
        for name in gone:
            os.unlink(os.path.join(folder, name))
            changed.append(prefix + name)
        if prefix and len(gone) == len(names) and all(os.path.join(folder, sub) in emptied for sub in folders):
            os.rmdir(folder)
            emptied.add(folder)
        else:
            folders_made.add(folder)
            present.update(prefix + name for name in names)
    removed = bool(changed)
    added = False
    for name, text in files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        path = os.path.join(root, name)
        if name in present:
            if not write_bytes_if_changed(Path(path), data):
                continue
        else:
            folder = os.path.dirname(path)
            if folder not in folders_made:
                os.makedirs(folder, exist_ok=True)
                folders_made.add(folder)
            write_new(path, data)
            added = True
        changed.append(name)
    return changed, removed or added
