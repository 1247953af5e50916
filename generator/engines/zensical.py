"""One language's build with Zensical (`evalsite build --engine zensical`), run in a worker.

Zensical, from Material's authors, reads the same generated `mkdocs.yml` and theme overrides
(`engines.config` writes them with relative paths, as it requires). It runs as its own
command, since it keeps state of its own, and writes inside the tree's folder (its `site_dir` must
be there); the result then moves to where the language belongs. It is an optional extra:
`pip install "evalsite[zensical]"`.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .mkdocs import remove_unused

OUTPUT = "site"  # Zensical's default site_dir, inside the tree's folder
TIMEOUT = 3600  # seconds: a language of 1,000 evaluations takes minutes; a hung process must not hold a build forever


def available() -> bool:
    return importlib.util.find_spec("zensical") is not None


def run(config_file: Path, site_dir: Path, epoch: int) -> str | None:
    """Build the tree of `config_file` into `site_dir` (replaced whole); returns Zensical's
    messages on failure, None on success."""
    if not available():
        return 'Zensical is not installed — install it with: pip install "evalsite[zensical]"'
    output = config_file.parent / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    try:
        result = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "--config-file", config_file.name],
                                cwd=config_file.parent, capture_output=True, text=True, check=False, timeout=TIMEOUT,
                                env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})
    except subprocess.TimeoutExpired:
        return f"Zensical did not finish {config_file} within {TIMEOUT} s; it was stopped"
    if result.returncode or not (output / "index.html").is_file():
        return f"Zensical failed for {config_file}:\n{result.stdout}{result.stderr}"
    remove_unused(output, site_url=bool(_site_url(config_file)))
    shutil.rmtree(site_dir, ignore_errors=True)
    shutil.move(output, site_dir)
    return None


def _site_url(config_file: Path) -> str | None:
    return (yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}).get("site_url")
