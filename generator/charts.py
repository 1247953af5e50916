"""Charts drawn at build time as inline SVG: this module computes the geometry (scales, ticks,
points) from the model; `templates/pages/_chart.j2` draws it. No client-side library, no request.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .model import Indicator

WIDTH, HEIGHT = 560, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
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
    """A horizontal reference line: the baseline or a target."""

    y: float
    label: str
    kind: str  # "baseline" | "target"


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
                    number: Callable[[float], str], guide_label: Callable[[str, float], str]) -> Chart | None:
    """A line per organisation (or series) over the years, with baseline and numeric targets as guides;
    None when there are not two dated numbers to draw."""
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
    step = nice_step(top_value)
    y_max = step * math.ceil(top_value / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + plot_w * (years.index(year) / (len(years) - 1))

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / y_max)

    lines = tuple(
        Line(label, *STYLES[i % len(STYLES)], tuple(Point(x(yr), y(v), number(v)) for yr, v in points))
        for i, (label, points) in enumerate(series))
    return Chart(
        WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM,
        x_ticks=tuple((x(yr), str(yr)) for yr in years),
        y_ticks=tuple((y(v), number(v)) for v in (step * k for k in range(int(y_max / step) + 1))),
        lines=lines,
        guides=tuple(Guide(y(v), guide_label(kind, v), kind) for kind, v in guides_raw))


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str
    y: float
    width: float
    colour: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]


BAR_COLOURS = {"agree": "#1b5e20", "partially-agree": "#8d6e00", "disagree": "#b71c1c", "completed": "#1b5e20",
               "ongoing": "#0d47a1", "not-started": "#616161", "dropped": "#b71c1c", "overdue": "#b71c1c",
               "unreported": "#6d4c41", "due-soon": "#8d6e00", "on-track": "#0d47a1", "closed": "#1b5e20"}


def bar_chart(items: list[tuple[str, str, int]], number: Callable[[float], str]) -> BarChart | None:
    """Horizontal bars, one per (key, label, count); None when everything is zero."""
    if not any(count for _, _, count in items):
        return None
    label_width, bar_height, gap, width = 200, 22, 10, 520
    top = max(count for _, _, count in items)
    room = width - label_width - 60
    bars = tuple(Bar(label, number(count), i * (bar_height + gap), room * count / top, BAR_COLOURS.get(key, "#3f51b5"))
                 for i, (key, label, count) in enumerate(items))
    return BarChart(width, len(items) * (bar_height + gap), label_width, bar_height, bars)
