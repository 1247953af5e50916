"""Charts drawn at build time as inline SVG: this module computes the geometry (scales, ticks,
points) from the model; `templates/pages/_chart.j2` draws it. No client-side library, no request.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Indicator


@dataclass(frozen=True)
class Frame:
    """A chart's size and margins in SVG units. Pages draw each chart twice, wide and narrow, and show
    the one that fits the screen: a viewBox scaled down to a phone's width would shrink its words
    below a readable size, while one drawn for that width keeps 12-unit text at 12 CSS pixels or more
    (the narrow one is drawn for 300 px: a 360 px phone's column, less the margins of a folded part)."""

    width: int
    height: int
    left: int
    right: int = 16
    top: int = 16
    bottom: int = 40
    ticks: int = 5  # about how many steps on the value axis


WIDE = Frame(560, 280, 64)
NARROW = Frame(300, 240, 50, right=12, ticks=4)
# Colour-blind-safe palette (Okabe-Ito) with a marker shape each, so lines differ by more than colour.
STYLES = [("#0072B2", "circle"), ("#D55E00", "square"), ("#009E73", "triangle"), ("#CC79A7", "diamond"),
          ("#56B4E9", "circle"), ("#E69F00", "square")]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    marker: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


@dataclass(frozen=True)
class Guide:
    """A horizontal reference line: the baseline or a target, and where its label's baseline is (above its line,
    or moved down below the label above it when two lines lie close: labels never overlap)."""

    y: float
    label: str
    kind: str  # "baseline" | "target"
    label_y: float = 0.0


LABEL_HEIGHT = 13  # SVG units of a 12-unit label line, with a little air


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    lines: tuple[Line, ...]
    guides: tuple[Guide, ...]


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over `span`."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def indicator_chart(indicator: Indicator, row_label: Callable[[str, str | None], str],
                    number: Callable[[float], str], guide_label: Callable[[str, float], str], frame: Frame = WIDE) -> Chart | None:
    """A line per organisation (or series) over the years, with baseline and numeric targets as guides,
    drawn in `frame`; None when there are not two dated numbers to draw."""
    years = indicator.years()
    series = []
    for who, part in indicator.rows():
        points = [(o.year, o.value) for y in years if (o := indicator.value(who, part, y)) and o.value is not None]
        if points:
            series.append((row_label(who, part), points))
    if len(years) < 2 or not any(len(points) > 1 for _, points in series):
        return None
    guides_raw = ([("baseline", indicator.baseline)] if indicator.baseline is not None else []) + [
        ("target", t.value) for t in indicator.targets if t.value is not None]
    top_value = max([v for _, points in series for _, v in points] + [v for _, v in guides_raw] + [1])
    step = nice_step(top_value, frame.ticks)
    y_max = step * math.ceil(top_value / step)
    plot_w, plot_h = frame.width - frame.left - frame.right, frame.height - frame.top - frame.bottom

    def x(year: int) -> float:
        return frame.left + plot_w * (years.index(year) / (len(years) - 1))

    def y(value: float) -> float:
        return frame.top + plot_h * (1 - value / y_max)

    lines = tuple(
        Line(label, *STYLES[i % len(STYLES)], tuple(Point(x(yr), y(v), number(v)) for yr, v in points))
        for i, (label, points) in enumerate(series))
    return Chart(
        frame.width, frame.height, frame.left, frame.right, frame.top, frame.bottom,
        x_ticks=tuple((x(yr), str(yr)) for yr in years),
        y_ticks=tuple((y(v), number(v)) for v in (step * k for k in range(int(y_max / step) + 1))),
        lines=lines,
        guides=_spaced(tuple(Guide(y(v), guide_label(kind, v), kind) for kind, v in guides_raw)))


def _spaced(guides: tuple[Guide, ...]) -> tuple[Guide, ...]:
    """The guides with their labels placed top to bottom, each at least a line below the one above."""
    placed: list[Guide] = []
    for guide in sorted(guides, key=lambda g: g.y):
        at = guide.y - 4
        if placed and at < placed[-1].label_y + LABEL_HEIGHT:
            at = placed[-1].label_y + LABEL_HEIGHT
        placed.append(Guide(guide.y, guide.label, guide.kind, at))
    return tuple(placed)
