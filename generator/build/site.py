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
import signal
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .. import i18n, urls
from ..cli.progress import Progress
from ..content.load import load_site
from ..content.project import Identity, Project, default_project, with_slash
from ..engines import mkdocs as mkdocs_build
from ..engines import pagefind as search
from ..engines import zensical as zensical_build
from ..errors import Problem
from ..files import write_bytes_if_changed, write_if_changed
from ..model import LANGS, Site
from ..opendata import documents as opendata
from ..opendata import feeds
from ..pages import freshness, render
from ..paths import MKDOCS_BASE, TEMPLATES

FORK = multiprocessing.get_context("fork")
INDEXING = FORK.Lock()  # one Pagefind run at a time, shared by the forked workers: Pagefind holds
# the part of a language it indexes in memory (`search`), so the largest part bounds its memory
EVENTS = FORK.SimpleQueue()  # each step a worker finishes, for the progress lines (put synchronously: none is late)
ROOT_FILES = ("index.html", "404.html", "sitemap.xml", "robots.txt")  # beside the language folders (`_write_root`)
ENGINES = ("mkdocs", "zensical")
STEPS = ("generate", "engine", "search")
LOGO = "logo"  # the project's logo, copied into each language's assets/ under this name  # a language job's steps, as the progress counts them


class BuildError(Exception):
    """MkDocs refused a generated tree; carries its messages (a bug in a template, not in content)."""


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    site_url: str | None = None  # the public address; None: none configured, absolute addresses are left out
    live_reload: bool = False
    work_dir: Path = Path("build")
    as_of: datetime.date | None = None  # the date due dates are judged against; None: today
    draft: bool = False  # allow placeholders left from `evalsite new` (a preview, `build --draft`)
    project: Project | None = None  # names, logo and overrides (evalsite.yml); None: the tool's defaults
    engine: str = "mkdocs"  # or "zensical" (`ENGINES`)


@dataclass(frozen=True)
class Tree:
    """One language's generated tree after a generation: what changed since the previous one."""

    lang: str
    config: Path
    changed: tuple[str, ...]  # source files written or removed
    structural: bool  # files added or removed, or the config (navigation, theme) or the theme overrides changed
    pages: int = 0  # pages in the tree
    pages_written: int = 0


@dataclass(frozen=True)
class Settings:
    """What every language's generation shares: the base config, the public address, the key of
    each evaluation's pages (`freshness`), and what the site project says: the site's name per
    language, where templates are looked up (the project's own first), its catalog overrides."""

    base: dict[str, Any]
    site_url: str | None
    evaluation_keys: dict[str, str]
    identities: dict[str, Identity]
    templates: tuple[Path, ...]
    locales: Path | None = None
    logo: Path | None = None
    theme_key: str = ""  # a digest of the merged theme overrides: when a tree was built with another, every page is built again


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
    warnings: tuple[Problem, ...] = ()  # placeholders a draft build let through


@dataclass(frozen=True)
class Preview:
    """A preview whose pages are rebuilt; `finish_preview` then writes what the pages link to."""

    pages_changed: int
    languages: list[str]  # rebuilt
    jobs: list[LanguageJob]
    site: Site


@contextlib.contextmanager
def worker_pool() -> Iterator[ProcessPoolExecutor]:
    """One worker process per language, started now: forked after the model is loaded, each would
    inherit the main process's copy, and copy it for good when its garbage collector walks it.
    Leaving the block by an exception (an interruption among them) ends the workers at once, with
    whatever they are running (`stop_workers`); leaving it normally waits for them to finish."""
    import mkdocs.commands.build  # noqa: F401 — imported once here, so that every worker starts with it

    pool = ProcessPoolExecutor(max_workers=len(LANGS), mp_context=FORK, initializer=_worker_started)  # shares INDEXING
    try:
        pool.submit(int).result()  # with fork, the first task starts all the workers
        yield pool
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()


def _worker_started() -> None:
    """Each worker leads its own process group, so that `stop_workers` ends the programs it runs
    (Pagefind) with it and a terminal's Ctrl+C reaches only the main process, which ends them;
    and it dies with the main process, even when that one is killed outright."""
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: only the other measures apply
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers and every program they run now, without waiting for their tasks."""
    for process in list((pool._processes or {}).values()):  # the executor has no public way before Python 3.14
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    pool.shutdown(wait=True, cancel_futures=True)


def build(content_dir: Path, options: BuildOptions, progress: Progress | None = None) -> Built:
    """Check the content, then generate, build and index the three languages in parallel processes.

    The new site is made in a staging folder and swapped in whole. When the previous build made the
    site now in `out_dir` from the same work trees (a stamp in the work folder says so), the staging
    folder starts as hard links to it (`_link_tree`) and only the pages whose Markdown changed are
    rendered again. `progress` hears of each phase as it ends."""
    with worker_pool() as pool:
        return _build(content_dir, options, pool, progress)


def _build(content_dir: Path, options: BuildOptions, pool: ProcessPoolExecutor, progress: Progress | None = None) -> Built:
    started = time.perf_counter()
    warnings: list[Problem] = []
    site = load_site(content_dir, allow_placeholders=options.draft, as_of=options.as_of, warnings=warnings,
                     cache_dir=options.work_dir / "loaded")
    if progress:
        progress.phase(f"content checked: {len(site.evaluations)} evaluations, {sum(len(e.recommendations) for e in site.evaluations)} "
                       f"recommendations, {sum(len(e.actions) for e in site.evaluations)} actions, "
                       f"{len(site.organisations)} organisations", time.perf_counter() - started)
    settings = _settings(site, content_dir, options)
    out_dir = options.out_dir.resolve()
    stamp = options.work_dir / "last-build.json"
    wanted = {"out": str(out_dir), "site_url": options.site_url, "as_of": str(options.as_of), "live_reload": options.live_reload,
              "engine": options.engine}
    incremental = out_dir.is_dir() and stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == wanted
    stamp.unlink(missing_ok=True)  # the work trees are about to change: until this build lands, no increment on them
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-{os.getpid()}-", dir=out_dir.parent))
    old = None
    try:
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private (0700): a web server running as another user could not read it
        # Linked before the workers start, not while they generate: linking is the kernel's work, and
        # beside three busy processes on two cores both went slower (measured)
        if incremental:
            _link_tree(out_dir, staging)
        model = pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL)
        jobs = [LanguageJob(lang, model, settings, options, staging / lang, incremental, True) for lang in LANGS]
        reports = run_languages(pool, _language, jobs, meanwhile=partial(_write_shared, staging, site, settings, options, progress),
                                progress=progress)
        with _signals_held():  # an interruption now would leave no site at all: it waits until the swap is done
            old = _swap(staging, out_dir)
            stamp.write_text(json.dumps(wanted), encoding="utf-8")
    except BaseException:
        stop_workers(pool)  # before the staging folder goes: they may still be writing into it
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if old:
        _remove_tree(old, pool)
    return Built(site, tuple(reports), tuple(warnings))


def _remove_tree(folder: Path, pool: ProcessPoolExecutor) -> None:
    """Remove a replaced site, its large folders in the idle workers at once (unlinking tens of
    thousands of files is the kernel's work, which two processes do in half the time)."""
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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM until the block is done; they are then delivered as usual."""
    held = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def preview(content_dir: Path, options: BuildOptions, pool: ProcessPoolExecutor) -> Preview:
    """Rebuild the preview's pages in place, as little as possible: only languages whose pages
    changed, and only their changed pages (MkDocs' dirty build) unless the navigation or the set of
    pages changed. Content errors raise before anything is written. What the pages link to (open
    data, calendars) and the search index follow in `finish_preview`, so that the changed pages can
    be shown first."""
    site = load_site(content_dir, allow_placeholders=options.draft, as_of=options.as_of, cache_dir=options.work_dir / "loaded")
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
                  meanwhile: Callable[[], None] | None = None, progress: Progress | None = None) -> list[LanguageReport]:
    """Run `task` on the language jobs across the pool, and `meanwhile` here while they run; raises
    BuildError with every failure. The steps the workers finish go to `progress` as they come."""
    futures = [pool.submit(task, job) for job in jobs]
    if meanwhile:
        meanwhile()
    pending = set(futures)
    while pending:
        _, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        _tell(progress)
    _tell(progress)
    reports = []
    for job, future in zip(jobs, futures, strict=True):
        try:
            reports.append(future.result())
        except Exception as exc:  # a worker's own error (a template's bug, a file it could not write), not a content error
            raise BuildError(f"{job.lang}: {type(exc).__name__}: {exc}") from exc
    failures = [report.failure for report in reports if report.failure]
    if failures:
        raise BuildError("\n".join(failures))
    return reports


def _tell(progress: Progress | None) -> None:
    """Pass on the steps the workers reported (and drop them when nobody listens)."""
    while not EVENTS.empty():
        lang, line, seconds, steps = EVENTS.get()
        if progress:
            progress.phase(f"{lang}: {line}", seconds, steps)


def _step_done(lang: str, line: str, started: float, steps: int = 1) -> None:
    """In a worker: say that a step ended (`_tell` passes it on in the main process)."""
    EVENTS.put((lang, line, time.perf_counter() - started, steps))


def _settings(site: Site, content_dir: Path, options: BuildOptions) -> Settings:
    """What the languages share; also merges the theme overrides into the work folder, and lets
    the project's catalogs speak (`i18n.use_project_locales`) in this process."""
    project = options.project or default_project()
    i18n.use_project_locales(project.locales)
    base = yaml.safe_load(MKDOCS_BASE.read_text(encoding="utf-8"))
    site_url = with_slash(options.site_url) if options.site_url else None
    templates = tuple(folder for folder in (project.templates, TEMPLATES) if folder)
    overrides = [path for path in (project.templates, project.locales, project.config, project.logo) if path]
    keys = freshness.evaluation_keys(content_dir, [ev.slug for ev in site.evaluations],
                                     f"{site_url} {options.as_of or datetime.date.today()} {options.engine}", overrides)
    theme = options.work_dir / "theme"
    _sync_theme(theme, templates)
    return Settings(base, site_url, freshness.with_repeats(keys, site), {lang: project.identity(lang) for lang in LANGS}, templates,
                    project.locales, project.logo, freshness.digest([theme]))


def _sync_theme(folder: Path, templates: tuple[Path, ...]) -> None:
    """The theme overrides MkDocs reads (its `custom_dir`): the tool's `theme/` with the project's
    files of the same name put over it, as Material's own custom_dir goes over the theme."""
    files: dict[str, str] = {}
    for top in reversed(templates):
        theme = top / "theme"
        files |= {str(path.relative_to(theme)): path.read_text(encoding="utf-8") for path in theme.rglob("*") if path.is_file()}
    sync_tree(folder, files)


def _language(job: LanguageJob) -> LanguageReport:
    """A language job, in a worker: generate, then (unless nothing changed) build and finish. The
    model is dropped before MkDocs runs, so a worker never holds both at their largest."""
    i18n.use_project_locales(job.settings.locales)
    seconds: dict[str, float] = {}
    clock, started = _cpu(), time.perf_counter()
    site = pickle.loads(job.model)
    tree = _generate(site, job.lang, job.settings, job.options)
    reuse = job.reuse and job.site_dir.is_dir()
    rebuild = not reuse or tree.changed or tree.structural
    calendar = _calendar(site, job) if job.finish and rebuild else None
    del site
    gc.collect()
    seconds["generate"] = _cpu() - clock
    if not rebuild:
        _step_done(job.lang, "no page changed", started, len(STEPS))
        return LanguageReport(job.lang, 0, False, seconds)
    _step_done(job.lang, f"{tree.pages_written} of {tree.pages} pages generated", started)
    clock, started = _cpu(), time.perf_counter()
    if job.options.engine == "zensical":
        failure = zensical_build.run(tree.config, job.site_dir, _epoch(job.options))
    else:
        failure = mkdocs_build.run((str(tree.config), str(job.site_dir), _epoch(job.options), reuse and not tree.structural))
    seconds["mkdocs"] = _cpu() - clock
    _step_done(job.lang, f"pages built with {'Zensical' if job.options.engine == 'zensical' else 'MkDocs'}", started)
    _release_memory()
    if calendar is not None and not failure:
        finished = _finish(job, calendar)
        seconds |= finished.seconds
        failure = finished.failure
    return LanguageReport(job.lang, len(tree.changed), True, seconds, failure)


def _finish(job: LanguageJob, calendar: bytes | None = None) -> LanguageReport:
    """What a rebuilt language's pages link to beside MkDocs' output: its calendar of due dates, and
    its search index, whose parts with changed pages are indexed again (`search`), even after a dirty build."""
    clock, started = _cpu(), time.perf_counter()
    if calendar is None:
        i18n.use_project_locales(job.settings.locales)
        calendar = _calendar(pickle.loads(job.model), job)
    write_if_changed(job.site_dir / "calendar.ics", calendar.decode("utf-8"))
    seconds = {"calendar": _cpu() - clock}
    clock = _cpu()
    failure = search.index(job.site_dir, INDEXING)
    seconds["search"] = _cpu() - clock
    _step_done(job.lang, "calendar and search index written", started)
    return LanguageReport(job.lang, 0, True, seconds, failure)


def _release_memory() -> None:
    """Give what MkDocs freed back to the system: its pages are garbage once the build returns, but
    glibc keeps the freed heap, and the worker then waits for Pagefind (the largest user) holding it."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _calendar(site: Site, job: LanguageJob) -> bytes:
    return feeds.calendar(site, job.lang, job.settings.site_url, job.options.as_of or datetime.date.today(),
                          job.settings.identities[job.lang].short_name)


def _cpu() -> float:
    """CPU seconds used so far by this process and by the processes it ran and waited for (Pagefind)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _write_shared(out_dir: Path, site: Site, settings: Settings, options: BuildOptions, progress: Progress | None = None) -> None:
    """The files all languages share: the root pages and the open data."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)  # may run before any language has made it
    _write_root(out_dir, settings)
    opendata.write(out_dir / "data", site, settings.site_url, options.as_of or datetime.date.today())
    if progress:
        files = sum(1 for path in (out_dir / "data").rglob("*") if path.is_file())
        progress.phase(f"open data: {files} files; root pages", time.perf_counter() - started)


def _epoch(options: BuildOptions) -> int:
    """MkDocs stamps the sitemap (and its gzip header) with the build time: pin it to the as-of date."""
    day = options.as_of or datetime.date.today()
    return int(datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC).timestamp())


def _generate(site: Site, lang: str, settings: Settings, options: BuildOptions) -> Tree:
    """Write one language's page tree and merged config, touching only what changed. An
    evaluation's pages are rendered again only when their key (`freshness`) changed."""
    root = options.work_dir / "pages" / lang
    docs = root / mkdocs_build.DOCS
    keys = {page.source: settings.evaluation_keys[page.context["ev"].slug] for page in render.site_pages(site) if "ev" in page.context}
    previous = freshness.load(root / "keys.json")
    keep = {source for source, key in keys.items() if previous.get(source) == key and (docs / source).is_file()}
    pieces = render.Pieces(settings.evaluation_keys, _read_pickle(root / "pieces.pickle") or {})
    files = render.render_language(site, lang, settings.templates, settings.site_url, options.as_of, keep,
                                   identity=settings.identities[lang], pieces=pieces)
    sources, pages = set(files), len(files) + len(keep)
    for top in reversed(settings.templates):  # the project's assets over the tool's
        files |= {f"assets/{asset.name}": asset.read_text(encoding="utf-8") for asset in (top / "assets").glob("*") if asset.is_file()}
    logo = f"assets/{LOGO}{settings.logo.suffix.lower()}" if settings.logo else None
    changed, added_or_removed = sync_tree(docs, files, keep | ({logo} if logo else set()))  # the logo, an image, is written below
    if settings.logo and logo and write_bytes_if_changed(docs / logo, settings.logo.read_bytes()):
        changed.append(logo)
    freshness.store(root / "keys.json", keys)
    (root / "pieces.pickle").write_bytes(pickle.dumps(pieces.used, protocol=pickle.HIGHEST_PROTOCOL))
    config_path = root / "mkdocs.yml"
    config = mkdocs_build.language_config(site, lang, settings.base, settings.site_url, settings.identities[lang], options.live_reload, logo)
    config_changed = write_if_changed(config_path, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    theme_changed = write_if_changed(root / "theme.key", settings.theme_key)  # every page shows the theme: no dirty build
    structural = added_or_removed or config_changed or theme_changed
    return Tree(lang, config_path, tuple(changed), structural, pages, len(sources.intersection(changed)))


def _read_pickle(path: Path) -> Any:
    """What an earlier build kept in the work folder; None when there is nothing readable."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


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
            with open(path, "xb") as new:
                new.write(data)
            added = True
        changed.append(name)
    return changed, removed or added


def _link_tree(published: Path, staging: Path) -> None:
    """Start a build from the published site: `staging` as hard links to its files, so that
    MkDocs' dirty build finds them with their times: 1-3 s for the 25,000 files of 100 evaluations
    here (the kernel's work: it does not go faster in parallel), and no disk space, where a copy
    also copies 400 MB. Safe because nothing in a build writes into an existing file: MkDocs' writes
    go through `mkdocs_build.run`, ours through `write_if_changed`; the shared files (open data, root
    pages) are not linked, since they are written anew."""
    top, shared = str(published), {"data", *ROOT_FILES}
    shutil.copytree(published, staging, dirs_exist_ok=True, copy_function=os.link,
                    ignore=lambda folder, names: shared.intersection(names) if folder == top else ())


def _write_root(staging: Path, settings: Settings) -> None:
    """The language choice at `/`, a trilingual 404 page, and (with a site URL) a sitemap index
    over the three builds. Links are relative, so that the site works under any path; the 404 page,
    which a server shows at any depth, links from the site URL's path when there is one."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([top / "site" for top in settings.templates]), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    languages = []
    for code in LANGS:
        _ = i18n.translations(code).gettext
        identity = settings.identities[code]
        languages.append({
            "code": code,
            "name": i18n.own_name(code),
            "site_name": identity.name,
            "enter": _("Read the site in English"),
            "description": identity.description,
            "not_found": _("Page not found"),
            "not_found_help": _("This address does not exist. Go to the list of evaluations:"),
        })
    site_url = settings.site_url
    context = {"languages": languages, "base_url": site_url, "root": urls.site_path(site_url) if site_url else ""}
    for name in ROOT_FILES:
        if name != "sitemap.xml" or site_url:
            (staging / name).write_text(env.get_template(f"{name}.j2").render(context), encoding="utf-8")


def _swap(staging: Path, out_dir: Path) -> Path | None:
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
