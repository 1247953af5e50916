"""Content → built site: the build's orchestrator, above every stage it calls.

It checks the content (`content`), makes the settings the languages share, runs each language's
steps in the worker processes (`schedule`, `jobs`: pages, engine, search index) while it writes
here what the languages share (the open data and the root pages), and publishes the result
(`publish`): a build is made in a staging folder and swapped in whole, so a failed or interrupted
build never leaves a half-written or missing site behind. `evalsite serve` uses `preview`, in place.
"""
from __future__ import annotations

import json
import pickle
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..content.load import load_site
from ..errors import Problem
from ..files import publishing_umask, write_file, write_if_changed
from ..model import LANGS, Site
from ..opendata import documents
from ..pages import root
from ..publish import staging
from ..publish.pool import signals_held, stop_workers, worker_pool
from .jobs import LanguageJob
from .schedule import STEPS, LanguageReport, Progress, run_languages
from .settings import BuildContext, BuildOptions, Settings, make_settings

SHARED = ("data", *root.FILES)  # beside the language folders, written anew by every build (not linked from the previous one)


@dataclass(frozen=True)
class Built:
    """A finished build: the model it showed, and what each language did."""

    site: Site
    languages: tuple[LanguageReport, ...]
    warnings: tuple[Problem, ...] = ()  # placeholders a draft build let through


@dataclass(frozen=True)
class Preview:
    """A preview whose pages are rebuilt; `finish_preview` then writes what the pages link to."""

    pages_changed: int
    languages: list[str]  # rebuilt
    jobs: list[LanguageJob]
    reports: list[LanguageReport]
    site: Site
    settings: Settings


def build(content_dir: Path, options: BuildOptions, progress: Progress | None = None) -> Built:
    """Check the content, then generate, build and index the three languages in parallel processes.

    The new site is made in a staging folder and swapped in whole. When the previous build made the
    site now in `out_dir` from the same work trees (a stamp in the work folder says so), the staging
    folder starts as hard links to it and only the pages whose Markdown changed are rendered again.
    `progress` hears of each phase as it ends."""
    context = BuildContext(options)
    with publishing_umask(), worker_pool() as pool:
        return _build(content_dir, context, pool, progress)


def _build(content_dir: Path, context: BuildContext, pool: ProcessPoolExecutor, progress: Progress | None = None) -> Built:
    options = context.options
    started = time.perf_counter()
    warnings: list[Problem] = []
    site = _load(content_dir, context, warnings)
    if progress:
        progress.phase(f"content checked: {len(site.evaluations)} evaluations, {sum(len(e.recommendations) for e in site.evaluations)} "
                       f"recommendations, {sum(len(e.actions) for e in site.evaluations)} actions, "
                       f"{len(site.organisations)} organisations", time.perf_counter() - started)
    settings = make_settings(site, content_dir, context)
    out_dir = options.out_dir.resolve()
    stamp = options.work_dir / "last-build.json"
    wanted = {"out": str(out_dir), "site_url": options.site_url, "as_of": str(options.as_of), "live_reload": options.live_reload,
              "engine": options.engine, "draft": options.draft}
    incremental = out_dir.is_dir() and stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == wanted
    stamp.unlink(missing_ok=True)  # the work trees are about to change: until this build lands, no increment on them
    folder = staging.new_staging(out_dir)
    old = None
    try:
        # linked before the workers start, not while they generate: linking is the kernel's work, and
        # beside three busy processes on two cores both went slower (measured)
        if incremental:
            staging.link_tree(out_dir, folder, SHARED)
        model = pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL)
        jobs = [LanguageJob(lang, model, settings, options, folder / lang, incremental) for lang in LANGS]
        reports = run_languages(pool, jobs, STEPS, meanwhile=partial(write_shared, folder, site, settings, progress, options.draft),
                               progress=progress)
        with signals_held():  # an interruption now would leave no site at all: it waits until the swap is done
            old = staging.swap(folder, out_dir)
            write_file(stamp, json.dumps(wanted))
    except BaseException:
        stop_workers(pool)  # before the staging folder goes: they may still be writing into it
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if old:
        staging.remove_tree(old, pool)
    return Built(site, tuple(reports), tuple(warnings))


def _load(content_dir: Path, context: BuildContext, warnings: list[Problem] | None = None) -> Site:
    options = context.options
    return load_site(content_dir, allow_placeholders=options.draft, as_of=options.as_of, warnings=warnings, loaded=context.loaded,
                     extensions=context.project.engine_config().extensions)


def preview(content_dir: Path, context: BuildContext, pool: ProcessPoolExecutor) -> Preview:
    """Rebuild the preview's pages in place, as little as possible: only languages whose pages
    changed, and only their changed pages (MkDocs' dirty build) unless the navigation or the set of
    pages changed. Content errors raise before anything is written. What the pages link to (open
    data, calendars) and the search index follow in `finish_preview`, so that the changed pages can
    be shown first."""
    site = _load(content_dir, context)
    settings = make_settings(site, content_dir, context)
    out_dir = context.options.out_dir.resolve()
    model = pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL)
    jobs = [LanguageJob(lang, model, settings, context.options, out_dir / lang, True) for lang in LANGS]
    reports = run_languages(pool, jobs, ("generate", "engine"))
    return Preview(sum(r.pages_changed for r in reports), [r.lang for r in reports if r.rebuilt], jobs, reports, site, settings)


def finish_preview(done: Preview, pool: ProcessPoolExecutor) -> None:
    """The second half of a preview: the calendars and search indexes of the rebuilt languages, in
    the workers; the root pages and the open data here meanwhile."""
    first = done.jobs[0]
    rebuilt = [job for job in done.jobs if job.lang in done.languages]
    run_languages(pool, rebuilt, ("finish",), meanwhile=partial(write_shared, first.site_dir.parent, done.site, done.settings, None,
                                                                first.options.draft),
                  calendars={report.lang: report.calendar for report in done.reports})


def write_shared(out_dir: Path, site: Site, settings: Settings, progress: Progress | None = None, draft: bool = False) -> None:
    """The files all languages share: the root pages and the open data."""
    started = time.perf_counter()
    render = settings.render
    out_dir.mkdir(parents=True, exist_ok=True)  # may run before any language has made it
    for name, text in root.root_pages(render.templates, render.catalogs, render.identities, render.site_url, draft).items():
        write_if_changed(out_dir / name, text)
    documents.write(out_dir / "data", site, render.site_url, render.as_of)
    if progress:
        files = sum(1 for path in (out_dir / "data").rglob("*") if path.is_file())
        progress.phase(f"open data: {files} files; root pages", time.perf_counter() - started)
