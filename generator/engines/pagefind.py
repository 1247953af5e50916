"""The search index of one built language: Pagefind, run on parts of the language and merged in the browser.

MkDocs' own search plugin writes one lunr index that every reader downloads whole before the first
result (8 MB per language at 100 evaluations, 80 MB at 1,000). Pagefind splits the index into
shards by word and the excerpts into one fragment per page, so a search fetches only the shards of
its words and the fragments of the results it shows. Pages mark what is indexed with
`data-pagefind-body` (the theme's main.html: every page whose front matter does not exclude it).

Pagefind's indexer holds all it indexes in memory until it writes (about 600 bytes per indexed
word: 4.5 GB for one language at 1,000 evaluations; Pagefind issue #842) and has no incremental
mode. So a language is indexed in parts, each its own Pagefind index, which the search dialog
merges in the browser (Pagefind's multisite `mergeIndex`, evalsite.js): one part per block of
evaluations (`BLOCKS` blocks; an evaluation's block follows from a digest of its slug, so adding
one changes one block and no evaluation ever moves) and one part, the main one, for the pages
outside evaluations (the home page). Pagefind then holds one part at a time, and a part's folder is
named after a digest of the pages it indexes: a build indexes again only the parts whose pages
changed (an edited evaluation's block, and the main part when the home page changed), keeps the
others as they are, and removes the folders no part names any longer (a removed evaluation's block
when it was the last of it). The digests are of the built pages themselves, so an incremental build
gives the same index, byte for byte, as a full one.

The number of blocks weighs what a first search downloads against a part's memory and the cost of
an edit: each part adds its metadata and one word shard (about 30 KB) to a reader's first search,
while a block's memory and re-indexing grow with the evaluations in it (bench/notes.md).

The index sits beside the language folders, because MkDocs empties a language's folder in a full
build and would take the parts that did not change with it:

    pagefind/<lang>/parts.json       the folders that make the index: {"main": ..., "parts": [...]}
    pagefind/<lang>/main-<digest>/   Pagefind's script, worker and WebAssembly, and the main part
    pagefind/<lang>/b07-<digest>/    the index of block 7
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from pagefind.service import get_executable

from ..files import write_if_changed

BUNDLE = "pagefind"  # the folder, beside the language folders, that holds one search index per language
MANIFEST = "parts.json"  # in a language's index: which part folders it is made of (read by evalsite.js)
MAIN = "main"
BLOCKS = 12  # blocks of evaluations per language (bench/notes.md measures why)
EVALUATIONS = "evaluations"  # an evaluation's pages are under evaluations/<slug>/ (urls.evaluation)
SEARCHED = b"data-pagefind-body"  # a page that holds it is indexed (main.html)
SCRIPTS = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")  # what the main part's folder adds to an index
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")  # Pagefind's
# ready-made interfaces: the site searches from Material's dialog with its own script (evalsite.js)
TIMEOUT = 3600  # seconds for one part; a hung process must not hold a build forever
FORMAT = "1"  # part of every digest: raise it when the way parts are made changes


@dataclasses.dataclass(frozen=True)
class Part:
    """One Pagefind index of a language: the pages Pagefind reads (`glob`, relative to the
    language's folder) and a digest of them; `searched` when one of them is marked for search."""

    name: str  # MAIN, or "b07" for block 7
    glob: str
    digest: str
    searched: bool

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.digest[:16]}"


def block(slug: str) -> str:
    """The block of evaluations an evaluation's pages are indexed with: from a digest of its slug,
    so that it never depends on the other evaluations."""
    return f"b{int.from_bytes(hashlib.sha256(slug.encode()).digest()[:4], 'big') % BLOCKS:02d}"


def bundle_of(site_dir: Path) -> Path:
    """Where the index of the language built in `site_dir` is: beside the language folders."""
    return site_dir.parent / BUNDLE / site_dir.name


def parts(site_dir: Path) -> list[Part]:
    """The parts of a built language: the main part first, then the blocks that hold evaluations.
    Reads every page, since a digest is of what Pagefind would read."""
    pages: dict[str, list[Path]] = {MAIN: []}
    slugs: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir)
        if relative.parts[0] == EVALUATIONS and len(relative.parts) > 2:
            name = block(relative.parts[1])
            if relative.parts[1] not in slugs.setdefault(name, []):
                slugs[name].append(relative.parts[1])
        else:
            name = MAIN
        pages.setdefault(name, []).append(page)
    folders = sorted(path.name for path in site_dir.iterdir() if path.is_dir() and path.name != EVALUATIONS)
    globs = {MAIN: "{" + ",".join(["*.html", f"{EVALUATIONS}/*.html", *(f"{folder}/**/*.html" for folder in folders)]) + "}"}
    globs |= {name: f"{EVALUATIONS}/{{{','.join(names)}}}/**/*.html" for name, names in slugs.items()}
    return [_part(name, globs[name], site_dir, pages[name]) for name in sorted(pages, key=lambda name: (name != MAIN, name))]


def _part(name: str, glob: str, site_dir: Path, pages: list[Path]) -> Part:
    sha = hashlib.sha256(f"{FORMAT}\0{_version()}\0{glob}\0".encode())
    searched = False
    for page in pages:
        data = page.read_bytes()
        searched = searched or SEARCHED in data
        sha.update(f"{page.relative_to(site_dir)}\0{len(data)}\0".encode() + data)
    return Part(name, glob, sha.hexdigest(), searched)


@functools.cache
def _version() -> str:
    """Pagefind's version, part of every digest: another version indexes the same pages differently.
    (Kept for the process: the installed program does not change under a running build.)"""
    return subprocess.run([_executable(), "--version"], capture_output=True, text=True, check=True, timeout=60).stdout.strip()


def _executable() -> str:
    executable = get_executable()
    if executable is None:
        raise FileNotFoundError("Pagefind's program is not installed — reinstall evalsite (it depends on pagefind[bin])")
    return str(executable)


def index(site_dir: Path) -> str | None:
    """Bring the index of the language built in `site_dir` up to date with its pages: index the
    parts whose pages changed, one at a time (each in a new folder, renamed into place when
    complete), then name the parts in the manifest (replaced in one step), then remove the folders it
    no longer names. Returns Pagefind's messages when it fails (the index is then left as it was),
    None when it succeeded. The build runs at most two languages' indexes at once (`build.schedule`)."""
    bundle = bundle_of(site_dir)
    wanted = [part for part in parts(site_dir) if part.searched]
    if not wanted:
        return f"nothing to index in {site_dir}: no page is marked for search ({SEARCHED.decode()})"
    if wanted[0].name != MAIN:  # no page outside evaluations is searched: the first block carries the scripts
        wanted[0] = dataclasses.replace(wanted[0], name=MAIN)
    main, *blocks = wanted
    bundle.mkdir(parents=True, exist_ok=True)
    for part in wanted:
        if not (bundle / part.folder).is_dir():
            failure = _index_part(site_dir, bundle, part)
            if failure:
                return failure
    manifest = json.dumps({"main": main.folder, "parts": [part.folder for part in blocks]}, indent=1) + "\n"
    write_if_changed(bundle / MANIFEST, manifest)  # replaced whole: a reader never sees half of it
    keep = {MANIFEST, *(part.folder for part in wanted)}
    for path in bundle.iterdir():
        if path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return None


def _index_part(site_dir: Path, bundle: Path, part: Part) -> str | None:
    """Index one part into its folder: into a hidden one first, renamed when complete, so that a
    folder with a part's name always holds that whole part."""
    fresh = bundle / f".{part.folder}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        result = subprocess.run([_executable(), "--site", str(site_dir), "--glob", part.glob, "--output-path", str(fresh), "--quiet"],
                                capture_output=True, text=True, check=False, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        shutil.rmtree(fresh, ignore_errors=True)
        return f"Pagefind did not index {site_dir} ({part.name}) within {TIMEOUT} s; it was stopped"
    if result.returncode:
        shutil.rmtree(fresh, ignore_errors=True)
        return f"Pagefind failed for {site_dir} ({part.name}):\n{result.stdout}{result.stderr}"
    for pattern in UNUSED + (() if part.name == MAIN else SCRIPTS):
        for path in fresh.glob(pattern):
            path.unlink()
    fresh.rename(bundle / part.folder)
    return None
