"""The worker processes a build runs its language jobs in, and what ends them cleanly.

Workers are forked (POSIX only: evalsite runs on Linux and macOS; on Windows, use WSL), one per
language, before the model is loaded: forked later, each would inherit the main process's copy of
it. Each leads its own process group, so that an interruption ends the programs it runs (Pagefind,
Zensical) with it, and it dies with the main process even when that one is killed outright.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from ..model import LANGS

FORK = multiprocessing.get_context("fork")


@contextlib.contextmanager
def worker_pool() -> Iterator[ProcessPoolExecutor]:
    """One worker process per language, started now. Leaving the block by an exception (an
    interruption among them) ends the workers at once, with whatever they are running
    (`stop_workers`); leaving it normally waits for them to finish."""
    import mkdocs.commands.build  # noqa: F401 — imported once here, so that every worker starts with it

    pool = ProcessPoolExecutor(max_workers=len(LANGS), mp_context=FORK, initializer=_worker_started)
    try:
        pool.submit(int).result()  # with fork, the first task starts all the workers
        yield pool
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()


def _worker_started() -> None:
    """Each worker leads its own process group, so that `stop_workers` ends the programs it runs
    with it and a terminal's Ctrl+C reaches only the main process, which ends them; and it dies with
    the main process, even when that one is killed outright."""
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


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM until the block is done; they are then delivered as usual."""
    held = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
