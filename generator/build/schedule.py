"""The language jobs' steps across the worker pool: each language's steps in order, the languages side
by side, at most two search indexes written at once (Pagefind holds the part of a language it
indexes in memory: two parts bound its memory, not three languages). The main process hears of each
step as it ends and passes it on to the progress lines; nothing is shared between the workers."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol

from . import jobs
from .jobs import LanguageJob, StepReport
from .settings import BuildError

STEPS = ("generate", "engine", "finish")
SEARCHES_AT_ONCE = 2  # languages indexed at once: one at a time left a core idle while the last two waited
# for each other at the end of a build (Pagefind runs on one core); a third would add its memory for nothing on two cores


class Progress(Protocol):
    """Who hears of each step as it ends (the command's progress lines)."""

    def phase(self, line: str, seconds: float | None = None, steps: int = 1) -> None: ...


@dataclass
class LanguageReport:
    """What a language's steps did: pages changed, whether it was rebuilt, and CPU seconds by kind of work."""

    lang: str
    pages_changed: int = 0
    rebuilt: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    calendar: bytes | None = None
    spans: list[tuple[str, float, float]] = field(default_factory=list)  # (step, began, ended) in seconds since the epoch


def run_languages(pool: ProcessPoolExecutor, languages: list[LanguageJob], steps: tuple[str, ...] = STEPS,
                  meanwhile: Callable[[], None] | None = None, progress: Progress | None = None,
                  calendars: dict[str, bytes | None] | None = None) -> list[LanguageReport]:
    """Run `steps` of each language job, and `meanwhile` here while they run; raises BuildError with
    every failure once the others are done. `calendars` carries a calendar made by `generate` to a
    later `finish` (a preview finishes after it has shown the pages)."""
    reports = {job.lang: LanguageReport(job.lang) for job in languages}
    running: dict[Future, tuple[LanguageJob, str]] = {}
    searches: deque[tuple[LanguageJob, bytes | None]] = deque()
    failures: list[str] = []

    def submit(job: LanguageJob, step: str, argument: object) -> None:
        task = {"generate": jobs.generate, "engine": jobs.build_pages, "finish": jobs.finish}[step]
        running[pool.submit(task, job, argument)] = (job, step)

    def next_search() -> None:
        while searches and sum(step == "finish" for _, step in running.values()) < SEARCHES_AT_ONCE:
            job, calendar = searches.popleft()
            submit(job, "finish", calendar)

    first = steps[0]
    for job in languages:
        if first == "finish":
            searches.append((job, (calendars or {}).get(job.lang)))
        else:
            submit(job, first, "finish" in steps)
    next_search()
    if meanwhile:
        meanwhile()
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            job, step = running.pop(future)
            try:
                report: StepReport = future.result()
            except Exception as exc:  # a worker's own error (a template's bug, a file it could not write), not a content error
                failures.append(f"{job.lang}: {type(exc).__name__}: {exc}")
                continue
            _record(reports[job.lang], report, progress, len(steps) - steps.index(step) if not report.rebuild else 1)
            if report.failure:
                failures.append(report.failure)
            elif step == "generate" and report.rebuild and "engine" in steps:
                submit(job, "engine", report.dirty)
            elif step in ("generate", "engine") and "finish" in steps and reports[job.lang].rebuilt:
                searches.append((job, reports[job.lang].calendar))
        next_search()
    if failures:
        raise BuildError("\n".join(failures))
    return [reports[job.lang] for job in languages]


def _record(report: LanguageReport, step: StepReport, progress: Progress | None, steps: int) -> None:
    if step.step == "generate":
        report.pages_changed, report.rebuilt, report.calendar = step.pages_changed, step.rebuild, step.calendar
    report.spans.append((step.step, step.started, step.started + step.wall))
    for kind, seconds in step.work.items():
        report.seconds[kind] = report.seconds.get(kind, 0.0) + seconds
    if progress:
        progress.phase(f"{step.lang}: {step.line}", step.wall, steps)
