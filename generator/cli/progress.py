"""What a build says while it runs: a line per phase with its count and time, and on a terminal a
progress bar of the phases done (tqdm's), so that a build of several minutes is never silent.

In a CI log (not a terminal) only the lines are written: no bar, no carriage returns.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Phase lines on `stream`; a bar of `total` steps below them on a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None):
        self.stream = stream or sys.stdout
        self.started = time.perf_counter()
        show = self.stream.isatty() if bar is None else bar
        self._bar = tqdm(total=total, file=sys.stderr, disable=not show, leave=False, unit="step", dynamic_ncols=True,
                         bar_format="{bar} {n_fmt}/{total_fmt} steps, {elapsed}")

    def phase(self, line: str, seconds: float | None = None, steps: int = 1) -> None:
        """Say that a phase is done (with the seconds it took), and count its steps on the bar."""
        self._bar.write(line if seconds is None else f"{line} ({seconds:.1f} s)", file=self.stream)
        self.stream.flush()
        self._bar.update(steps)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def close(self) -> None:
        self._bar.close()
