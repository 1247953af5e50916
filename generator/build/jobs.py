"""A language's work, in three steps run in the worker processes: generate its page tree, build it with
the engine, and write what the pages link to beside the engine's output (its calendar and search index).

Each step is a task of its own, so that the main process hears of each as it ends (`schedule`) and a
worker holds at most one step's memory: the model is dropped when the tree is written, before an
engine runs. A step's report says what it did and the CPU seconds it took, in the worker and in the
programs it ran (Pagefind, Zensical): the work, which the languages sharing two cores do not inflate.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime
import gc
import pickle
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..engines import config as engine_config
from ..engines import mkdocs, pagefind, zensical
from ..files import write_if_changed
from ..model import Site
from ..opendata import feeds
from ..pages import freshness
from ..pages.kinds import Page, site_pages
from ..pages.pieces import Pieces
from ..pages.render import navigation, render_language
from ..publish.tree import sync_tree
from .settings import BuildOptions, Settings


@dataclass(frozen=True)
class LanguageJob:
    """One language's work: the model (pickled once for all jobs), the shared settings, where its site
    goes, whether that folder holds its previous build (`reuse`: keep it or rebuild only changed pages)."""

    lang: str
    model: bytes
    settings: Settings
    options: BuildOptions
    site_dir: Path
    reuse: bool


@dataclass(frozen=True)
class Tree:
    """One language's generated tree after a generation: what changed since the previous one."""

    changed: tuple[str, ...]  # files written or removed
    structural: bool  # files added or removed, or the config (navigation, theme) or the theme overrides changed
    pages: int  # pages in the tree
    written: int  # pages rendered and written


@dataclass(frozen=True)
class StepReport:
    """What one step of a language did: a line for the progress, its CPU seconds, whether the engine
    must run (after `generate`), a failure message, and the calendar it made (for `finish`)."""

    lang: str
    step: str
    line: str
    wall: float  # seconds, as the progress lines say
    pages_changed: int = 0
    rebuild: bool = True
    dirty: bool = False  # the engine may build only the changed pages
    calendar: bytes | None = None
    failure: str | None = None
    work: dict[str, float] = field(default_factory=dict)  # CPU seconds by kind of work, for the benchmark
    started: float = 0.0  # when the step began, in seconds since the epoch (comparable across the workers): the benchmark's phases


def generate(job: LanguageJob, calendar: bool) -> StepReport:
    """Write the language's page tree and its engine config, touching only what changed; with
    `calendar`, also make its calendar (from the model, which the next steps no longer have)."""
    clock, started, began = _cpu(), time.perf_counter(), time.time()
    site: Site = pickle.loads(job.model)
    tree = write_tree(site, job)
    reuse = job.reuse and job.site_dir.is_dir()
    rebuild = not reuse or bool(tree.changed) or tree.structural
    made = _calendar(site, job) if calendar and rebuild else None
    del site
    gc.collect()
    seconds = _cpu() - clock
    line = f"{tree.written} of {tree.pages} pages generated" if rebuild else "no page changed"
    return StepReport(job.lang, "generate", line, time.perf_counter() - started, len(tree.changed), rebuild, reuse and not tree.structural, made,
                      work={"generate": seconds}, started=began)


def build_pages(job: LanguageJob, dirty: bool) -> StepReport:
    """Build the language's tree with the engine into its site folder (only the changed pages when `dirty`)."""
    clock, started, began = _cpu(), time.perf_counter(), time.time()
    config = _tree_root(job) / "mkdocs.yml"
    epoch = _epoch(job.options.day)
    if job.options.engine == "zensical":
        failure = zensical.run(config, job.site_dir, epoch)
    else:
        failure = mkdocs.run(config, job.site_dir, epoch, dirty)
    _release_memory()
    seconds = _cpu() - clock
    return StepReport(job.lang, "engine", f"pages built with {'Zensical' if job.options.engine == 'zensical' else 'MkDocs'}",
                      time.perf_counter() - started,
                      failure=failure, work={"mkdocs": seconds}, started=began)


def finish(job: LanguageJob, calendar: bytes | None) -> StepReport:
    """What a rebuilt language's pages link to beside the engine's output: its calendar of due dates,
    and its search index, whose parts with changed pages are indexed again, even after a dirty build."""
    clock, started, began = _cpu(), time.perf_counter(), time.time()
    if calendar is None:
        calendar = _calendar(pickle.loads(job.model), job)
    write_if_changed(job.site_dir / "calendar.ics", calendar)
    calendar_seconds = _cpu() - clock
    failure = pagefind.index(job.site_dir)
    seconds = _cpu() - clock
    return StepReport(job.lang, "finish", "calendar and search index written", time.perf_counter() - started, failure=failure,
                      work={"calendar": calendar_seconds, "search": seconds - calendar_seconds}, started=began)


def _tree_root(job: LanguageJob) -> Path:
    return job.options.work_dir / "pages" / job.lang


def write_tree(site: Site, job: LanguageJob) -> Tree:
    """Write one language's page tree and merged config, touching only what changed. An evaluation's
    pages are rendered again only when their key (`pages.freshness`) changed."""
    settings, lang = job.settings, job.lang
    root = _tree_root(job)
    docs = root / engine_config.DOCS
    keys = {page.source: settings.evaluation_keys[page.evaluation.slug] for page in _evaluation_pages(site)}
    previous = freshness.load(root / "keys.json")
    keep = {source for source, key in keys.items() if previous.get(source) == key and (docs / source).is_file()}
    pieces = Pieces(settings.evaluation_keys, _read_pickle(root / "pieces.pickle") or {})
    files = render_language(site, lang, settings.render, keep, pieces)
    sources, pages = set(files), len(files) + len(keep)
    for top in reversed(settings.render.templates):  # the project's assets over the tool's
        files |= {f"assets/{asset.name}": asset.read_bytes() for asset in (top / "assets").glob("*") if asset.is_file()}
    files |= {f"{engine_config.PROJECT_ASSETS}/{name}": path.read_bytes() for name, path in settings.site_config.files.items()}
    changed, added_or_removed = sync_tree(docs, files, keep)
    freshness.store(root / "keys.json", keys)
    write_if_changed(root / "pieces.pickle", pickle.dumps(pieces.used, protocol=pickle.HIGHEST_PROTOCOL))
    identity = settings.render.identities[lang]
    config = engine_config.language_config(settings.site_config, lang, settings.render.catalogs, navigation(lang, settings.render.catalogs),
                                           settings.render.site_url, identity, job.options.live_reload, draft=job.options.draft,
                                           looking_back=job.options.looking_back)
    config_changed = write_if_changed(root / "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    theme_changed = write_if_changed(root / "theme.key", settings.theme_key)  # every page shows the theme: no dirty build
    return Tree(tuple(changed), added_or_removed or config_changed or theme_changed, pages, len(sources.intersection(changed)))


def _evaluation_pages(site: Site) -> list[Page]:
    return [page for page in site_pages(site) if page.evaluation is not None]


def _calendar(site: Site, job: LanguageJob) -> bytes:
    render = job.settings.render
    return feeds.calendar(site, job.lang, render.catalogs, render.site_url, job.options.day, render.identities[job.lang].short_name)


def _release_memory() -> None:
    """Give what the engine freed back to the system: its pages are garbage once the build returns, but
    glibc keeps the freed heap, and the worker then waits for Pagefind (the largest user) holding it."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _cpu() -> float:
    """CPU seconds used so far by this process and by the processes it ran and waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _epoch(day: datetime.date) -> int:
    """The engines stamp the sitemap (and its gzip header) with the build time: pin it to the as-of date."""
    return int(datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC).timestamp())


def _read_pickle(path: Path) -> Any:
    """What an earlier build kept in the work folder; None when there is nothing readable."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
