"""A build is made in a staging folder beside the published site and swapped in whole.

The staging folder starts as hard links to the published site when the previous build made it
from the same work trees (`link_tree`), so that an incremental build writes only what changed;
nothing in a build writes into an existing file (`evalsite.files`), so the published site never
changes under a reader. The swap is two renames; a build killed before it leaves a staging folder
or an old site, which the next build removes (`remove_stale`: their process id is in their name).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PUBLIC_FOLDER = 0o755  # a public site: a web server running as another user reads it


def new_staging(out_dir: Path) -> Path:
    """An empty staging folder beside `out_dir`, named after this process, readable by a web server."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-{os.getpid()}-", dir=out_dir.parent))
    staging.chmod(PUBLIC_FOLDER)  # mkdtemp makes it private (0700)
    return staging


def link_tree(published: Path, staging: Path, shared: Collection[str]) -> None:
    """Start a build from the published site: `staging` as hard links to its files, so that
    MkDocs' dirty build finds them with their times: 1-3 s for the 25,000 files of 100 evaluations
    here (the kernel's work: it does not go faster in parallel), and no disk space, where a copy
    also copies 400 MB. The `shared` names at the top (open data, root pages) are not linked: they
    are written anew."""
    top = str(published)
    shutil.copytree(published, staging, dirs_exist_ok=True, copy_function=os.link,
                    ignore=lambda folder, names: set(shared).intersection(names) if folder == top else ())


def swap(staging: Path, out_dir: Path) -> Path | None:
    """Replace `out_dir` by `staging` with two renames; returns where the old site went, for the
    caller to remove (a build killed before that leaves it to the next build's `remove_stale`)."""
    built = staging.with_name(staging.name + "-done")
    staging.rename(built)
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        out_dir.rename(old)
    built.rename(out_dir)
    return old


def remove_tree(folder: Path, pool: ProcessPoolExecutor | None = None) -> None:
    """Remove a replaced site, its large folders in the idle workers at once when there is a pool
    (unlinking tens of thousands of files is the kernel's work, which two processes do in half the time)."""
    if pool is not None:
        with os.scandir(folder) as entries:
            large = [entry.path for entry in entries if entry.is_dir(follow_symlinks=False)]
        for done in [pool.submit(shutil.rmtree, path, ignore_errors=True) for path in large]:
            done.result()
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale(out_dir: Path) -> None:
    """Remove the staging folders and old sites that builds into `out_dir` left when they were
    killed: those whose process (its id is in the name) no longer runs."""
    for path in out_dir.parent.glob(f".{out_dir.name}.*-*"):
        kind, _, rest = path.name[len(out_dir.name) + 2:].partition("-")
        pid = rest.split("-")[0]
        if kind in ("building", "old") and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it does, as another user's
        pass
    return True
