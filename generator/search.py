"""The search index of one built language: Pagefind, run over the HTML MkDocs wrote.

MkDocs' own search plugin writes one lunr index that every reader downloads whole before the first
result (8 MB per language at 100 evaluations, 80 MB at 1,000). Pagefind splits the index into
shards by word and the excerpts into one fragment per page, so a search fetches only the shards of
its words and the fragments of the results it shows. Pages mark what is indexed with
`data-pagefind-body` (the theme's main.html: every page whose front matter does not exclude it).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # the folder, inside each language's site, that holds its index and scripts
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")  # Pagefind's
# ready-made interfaces: the site searches from Material's dialog with its own script (evalsite.js)


def index(site_dir: Path) -> str | None:
    """Index `site_dir` from scratch (a stale shard never survives a rebuild), beside the current
    index, which the new one then replaces; returns Pagefind's messages when it fails, None when it
    succeeded."""
    fresh, old = site_dir / f".{BUNDLE}-new", site_dir / f".{BUNDLE}-old"
    for path in (fresh, old):
        shutil.rmtree(path, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", fresh.name, "--quiet"],
        capture_output=True, text=True, check=False)
    if result.returncode:
        shutil.rmtree(fresh, ignore_errors=True)
        return f"Pagefind failed for {site_dir}:\n{result.stdout}{result.stderr}"
    for pattern in UNUSED:
        for path in fresh.glob(pattern):
            path.unlink()
    if (site_dir / BUNDLE).exists():
        (site_dir / BUNDLE).rename(old)
    fresh.rename(site_dir / BUNDLE)
    shutil.rmtree(old, ignore_errors=True)
    return None

