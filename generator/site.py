"""Model → built site: the three languages built in parallel worker processes, swapped in atomically.

Each language job generates a plain tree of Markdown under `build/pages/<lang>/` (written only where
its content changed; `freshness` says which pages need rendering at all), builds it with MkDocs
(`mkdocs_build`) and indexes it for search (`search`). The builds write into a fresh directory beside
the output; only when all of them succeed does it replace the previous site, so a failed build never
leaves a half-written or missing site behind. `evalsite serve` uses `preview`, in place.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime
import gc
import json
import multiprocessing
import os
import pickle
import resource
import shutil
import tempfile
from collections.abc import Callable, Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import feeds, freshness, i18n, mkdocs_build, opendata, render, search, urls
from .load import load_site
from .model import LANGS, Site
from .paths import MKDOCS_BASE, TEMPLATES, WORK

INDEXING = multiprocessing.get_context("fork").Lock()  # one Pagefind run at a time, shared by the forked workers:
# Pagefind holds a whole language's index in memory (about 0.2 MB per page), three at once would triple the peak
ROOT_FILES = ("index.html", "404.html", "sitemap.xml", "robots.txt")  # beside the language folders (`_write_root`)


class BuildError(Exception):
    """MkDocs refused a generated tree; carries its messages (a bug in a template, not in content)."""


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    site_url: str | None = None  # None: the base config's site_url
    live_reload: bool = False
    work_dir: Path = WORK
    as_of: datetime.date | None = None  # the date due dates are judged against; None: today


@dataclass(frozen=True)
class Tree:
    """One language's generated tree after a generation: what changed since the previous one."""

    lang: str
    config: Path
    changed: tuple[str, ...]  # source files written or removed
    structural: bool  # files added or removed, or the config (navigation, theme) changed


@dataclass(frozen=True)
class Settings:
    """What every language's generation shares: the base config, the public address, and the key
    of each evaluation's pages (`freshness`)."""

    base: dict[str, Any]
    site_url: str
    evaluation_keys: dict[str, str]


@dataclass(frozen=True)
class LanguageJob:
    """One language's work, done in a worker process so that the languages run in parallel:
    generate its tree, build it with MkDocs into `site_dir` and, when `finish` (a preview leaves it
    for later), add what the pages link to beside MkDocs' output (`_finish`)."""

    lang: str
    model: bytes  # the Site, pickled once for all jobs; a worker frees the Site it unpickles before MkDocs runs
    settings: Settings
    options: BuildOptions
    site_dir: Path
    reuse: bool  # `site_dir` holds this language's previous build: keep it or rebuild only changed pages
    finish: bool


@dataclass(frozen=True)
class LanguageReport:
    """What a language job did, and the CPU seconds each step took (in this worker and the
    processes it ran): the work, which languages sharing the cores do not inflate as wall time."""

    lang: str
    pages_changed: int
    rebuilt: bool
    seconds: dict[str, float]
    failure: str | None = None


@dataclass(frozen=True)
class Built:
    """A finished build: the model it showed, and what each language job did."""

    site: Site
    languages: tuple[LanguageReport, ...]


@dataclass(frozen=True)
class Preview:
    """A preview whose pages are rebuilt; `finish_preview` then writes what the pages link to."""

    pages_changed: int
    languages: list[str]  # rebuilt
    jobs: list[LanguageJob]
    site: Site


def worker_pool() -> ProcessPoolExecutor:
    """One worker process per language, started now: forked after the model is loaded, each would
    inherit the main process's copy, and copy it for good when its garbage collector walks it."""
    import mkdocs.commands.build  # noqa: F401 — imported once here, so that every worker starts with it

    pool = ProcessPoolExecutor(max_workers=len(LANGS), mp_context=multiprocessing.get_context("fork"))  # shares INDEXING
    pool.submit(int).result()  # with fork, the first task starts all the workers
    return pool


def build(content_dir: Path, options: BuildOptions) -> Built:
    """Check the content, then generate, build and index the three languages in parallel processes.

    The new site is made in a staging folder and swapped in whole. When the previous build made the
    site now in `out_dir` from the same work trees (a stamp in the work folder says so), the staging
    folder starts as hard links to it (`_link_tree`) and only the pages whose Markdown changed are
    rendered again."""
    with worker_pool() as pool:
        return _build(content_dir, options, pool)


def _build(content_dir: Path, options: BuildOptions, pool: ProcessPoolExecutor) -> Built:
    site = load_site(content_dir)
    settings = _settings(site, content_dir, options)
    out_dir = options.out_dir.resolve()
    stamp = options.work_dir / "last-build.json"
    wanted = {"out": str(out_dir), "site_url": options.site_url, "as_of": str(options.as_of), "live_reload": options.live_reload}
    incremental = out_dir.is_dir() and stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == wanted
    stamp.unlink(missing_ok=True)  # the work trees are about to change: until this build lands, no increment on them
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    try:
        if incremental:
            _link_tree(out_dir, staging)
        model = pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL)
        jobs = [LanguageJob(lang, model, settings, options, staging / lang, incremental, True) for lang in LANGS]
        reports = run_languages(pool, _language, jobs, meanwhile=partial(_write_shared, staging, site, settings, options))
        _swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return Built(site, tuple(reports))


def preview(content_dir: Path, options: BuildOptions, pool: ProcessPoolExecutor) -> Preview:
    """Rebuild the preview's pages in place, as little as possible: only languages whose pages
    changed, and only their changed pages (MkDocs' dirty build) unless the navigation or the set of
    pages changed. Content errors raise before anything is written. What the pages link to (open
    data, calendars) and the search index follow in `finish_preview`, so that the changed pages can
    be shown first."""
    site = load_site(content_dir)
    settings = _settings(site, content_dir, options)
    out_dir = options.out_dir.resolve()
    model = pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL)
    jobs = [LanguageJob(lang, model, settings, options, out_dir / lang, True, False) for lang in LANGS]
    reports = run_languages(pool, _language, jobs)
    return Preview(sum(r.pages_changed for r in reports), [r.lang for r in reports if r.rebuilt], jobs, site)


def finish_preview(done: Preview, pool: ProcessPoolExecutor) -> None:
    """The second half of a preview: the calendars and search indexes of the rebuilt languages, in
    the workers; the root pages and the open data here meanwhile."""
    first = done.jobs[0]
    run_languages(pool, _finish, [job for job in done.jobs if job.lang in done.languages],
                  meanwhile=partial(_write_shared, first.site_dir.parent, done.site, first.settings, first.options))


def run_languages(pool: ProcessPoolExecutor, task: Callable[[LanguageJob], LanguageReport], jobs: list[LanguageJob],
                  meanwhile: Callable[[], None] | None = None) -> list[LanguageReport]:
    """Run `task` on the language jobs across the pool, and `meanwhile` here while they run; raises
    BuildError with every failure."""
    futures = [pool.submit(task, job) for job in jobs]
    if meanwhile:
        meanwhile()
    reports = [future.result() for future in futures]
    failures = [report.failure for report in reports if report.failure]
    if failures:
        raise BuildError("\n".join(failures))
    return reports


def _settings(site: Site, content_dir: Path, options: BuildOptions) -> Settings:
    base = yaml.safe_load(MKDOCS_BASE.read_text(encoding="utf-8"))
    site_url = _with_slash(options.site_url or base["site_url"])
    keys = freshness.evaluation_keys(content_dir, [ev.slug for ev in site.evaluations],
                                     f"{site_url} {options.as_of or datetime.date.today()}")
    return Settings(base, site_url, freshness.with_repeats(keys, site))


def _language(job: LanguageJob) -> LanguageReport:
    """A language job, in a worker: generate, then (unless nothing changed) build and finish. The
    model is dropped before MkDocs runs, so a worker never holds both at their largest."""
    seconds: dict[str, float] = {}
    clock = _cpu()
    site = pickle.loads(job.model)
    tree = _generate(site, job.lang, job.settings, job.options)
    reuse = job.reuse and job.site_dir.is_dir()
    rebuild = not reuse or tree.changed or tree.structural
    calendar = _calendar(site, job) if job.finish and rebuild else None
    del site
    gc.collect()
    seconds["generate"] = _cpu() - clock
    if not rebuild:
        return LanguageReport(job.lang, 0, False, seconds)
    clock = _cpu()
    failure = mkdocs_build.run((str(tree.config), str(job.site_dir), _epoch(job.options), reuse and not tree.structural))
    seconds["mkdocs"] = _cpu() - clock
    _release_memory()
    if calendar is not None and not failure:
        finished = _finish(job, calendar)
        seconds |= finished.seconds
        failure = finished.failure
    return LanguageReport(job.lang, len(tree.changed), True, seconds, failure)


def _finish(job: LanguageJob, calendar: bytes | None = None) -> LanguageReport:
    """What a rebuilt language's pages link to beside MkDocs' output: its calendar of due dates, and
    its search index, made again from all its pages even after a dirty build."""
    clock = _cpu()
    if calendar is None:
        calendar = _calendar(pickle.loads(job.model), job)
    write_if_changed(job.site_dir / "calendar.ics", calendar.decode("utf-8"))
    seconds = {"calendar": _cpu() - clock}
    with INDEXING:
        clock = _cpu()
        failure = search.index(job.site_dir)
        seconds["search"] = _cpu() - clock
    return LanguageReport(job.lang, 0, True, seconds, failure)


def _release_memory() -> None:
    """Give what MkDocs freed back to the system: its pages are garbage once the build returns, but
    glibc keeps the freed heap, and the worker then waits for Pagefind (the largest user) holding it."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _calendar(site: Site, job: LanguageJob) -> bytes:
    return feeds.calendar(site, job.lang, job.settings.site_url, job.options.as_of or datetime.date.today())


def _cpu() -> float:
    """CPU seconds used so far by this process and by the processes it ran and waited for (Pagefind)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _write_shared(out_dir: Path, site: Site, settings: Settings, options: BuildOptions) -> None:
    """The files all languages share: the root pages and the open data."""
    out_dir.mkdir(parents=True, exist_ok=True)  # may run before any language has made it
    _write_root(out_dir, settings.site_url)
    opendata.write(out_dir / "data", site, settings.site_url, options.as_of or datetime.date.today())


def _epoch(options: BuildOptions) -> int:
    """MkDocs stamps the sitemap (and its gzip header) with the build time: pin it to the as-of date."""
    day = options.as_of or datetime.date.today()
    return int(datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC).timestamp())


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _generate(site: Site, lang: str, settings: Settings, options: BuildOptions) -> Tree:
    """Write one language's page tree and merged config, touching only what changed. An
    evaluation's pages are rendered again only when their key (`freshness`) changed."""
    root = options.work_dir / "pages" / lang
    docs = root / "docs"
    base, site_url = settings.base, settings.site_url
    keys = {page.source: settings.evaluation_keys[page.context["ev"].slug] for page in render.site_pages(site) if "ev" in page.context}
    previous = freshness.load(root / "keys.json")
    keep = {source for source, key in keys.items() if previous.get(source) == key and (docs / source).is_file()}
    files = render.render_language(site, lang, TEMPLATES, site_url, options.as_of, keep)
    for asset in (TEMPLATES / "assets").iterdir():
        files[f"assets/{asset.name}"] = asset.read_text(encoding="utf-8")
    changed, added_or_removed = sync_tree(docs, files, keep)
    freshness.store(root / "keys.json", keys)
    config_path = root / "mkdocs.yml"
    config = mkdocs_build.language_config(site, lang, base, site_url, docs, options.live_reload)
    config_changed = write_if_changed(config_path, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return Tree(lang, config_path, tuple(changed), added_or_removed or config_changed)


def sync_tree(root: Path, files: dict[str, str], keep: Collection[str] = ()) -> tuple[list[str], bool]:
    """Make `root` hold exactly `files` and the files named in `keep` (left as they are), touching
    only files whose text changed (MkDocs and live reload then see real changes only). Returns the
    names written or removed, and whether any file was added or removed."""
    wanted = {root / name for name in [*files, *keep]}
    changed: list[str] = []
    if root.exists():
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                changed.append(str(path.relative_to(root)))
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    removed = bool(changed)
    added = False
    for name, text in files.items():
        existed = (root / name).is_file()
        if write_if_changed(root / name, text):
            changed.append(name)
            added = added or not existed
    return changed, removed or added


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` unless the file already holds it; True when it wrote. Bytes are compared, since
    reading text would turn the CRLF line ends of calendar.ics into LF and never match."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a new file, not a change to one a published site may share (`_link_tree`)
    path.write_bytes(data)
    return True


def _link_tree(published: Path, staging: Path) -> None:
    """Start a build from the published site: `staging` as hard links to its files, so that
    MkDocs' dirty build finds them with their times: 1-4 s for the 15,000 files of 100 evaluations
    here, and no disk space, where a copy also copies 225 MB. Safe because nothing in a build
    writes into an existing file: MkDocs' writes go through `mkdocs_build.run`, ours through
    `write_if_changed`, and the shared files are removed here to be written anew."""
    shutil.copytree(published, staging, dirs_exist_ok=True, copy_function=os.link)
    shutil.rmtree(staging / "data", ignore_errors=True)
    for name in ROOT_FILES:
        (staging / name).unlink(missing_ok=True)


def _write_root(staging: Path, site_url: str) -> None:
    """The language choice at `/`, a trilingual 404 page, and a sitemap index over the three builds."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "site"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    languages = []
    for code in LANGS:
        _ = i18n.translations(code).gettext
        languages.append({
            "code": code,
            "name": i18n.own_name(code),
            "site_name": _("Development cooperation evaluations"),
            "enter": _("Read the site in English"),
            "description": _("Evaluations of Belgian development cooperation programmes: recommendations, management responses "
                  "and follow-up actions, in Dutch, French and English."),
            "not_found": _("Page not found"),
            "not_found_help": _("This address does not exist. Go to the list of evaluations:"),
        })
    context = {"languages": languages, "base_url": site_url, "root": urls.site_path(site_url)}
    for name in ROOT_FILES:
        (staging / name).write_text(env.get_template(f"{name}.j2").render(context), encoding="utf-8")


def _swap(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `staging` with two renames; the old site is removed only afterwards."""
    built = staging.with_name(staging.name + "-done")
    staging.rename(built)
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        out_dir.rename(old)
    built.rename(out_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)
