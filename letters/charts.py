"""Draw small, accessible SVG charts on the server: no JavaScript, no chart library, no database.

Each function returns ``SafeString`` markup for an inline ``<svg class="chart" role="img">`` whose ``<title>`` and
``<desc>`` (referenced by ``aria-labelledby``) carry the chart's name, its description and every number it shows.
All text is HTML-escaped. Colours meet WCAG 2.2 AA against white (bars >= 3:1, text >= 4.5:1) and stacked series
are told apart by pattern and legend label as well as by colour. Empty or all-zero data draws an empty-state
message instead of a scale. Sizes are in ``viewBox`` units, so the chart scales with its container: give
``.chart`` ``width: 100%; height: auto`` in CSS.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = [
    "BAR_COLOUR",
    "MUTED_TEXT_COLOUR",
    "SERIES_COLOURS",
    "TEXT_COLOUR",
    "bar_chart",
    "column_chart",
    "stacked_columns",
]

SVG_NS = "http://www.w3.org/2000/svg"

TEXT_COLOUR = "#0b0c0c"  # 19.6:1 on white
MUTED_TEXT_COLOUR = "#505a5f"  # 7.1:1 on white: axis labels and the axis line
GRID_COLOUR = "#d9dcdd"  # decorative gridlines only; values are also printed as text
BAR_COLOUR = "#1d70b8"  # 5.2:1 on white
# Blue, vermillion, bluish green, reddish purple (after Okabe and Ito, darkened): each >= 4.7:1 on white.
SERIES_COLOURS = ("#1d70b8", "#c25100", "#007a5e", "#a8327f")
# How each series is filled besides its colour, so no series depends on colour alone.
SERIES_PATTERNS = ("solid", "stripes", "dots", "crosshatch")

FONT_SIZE = 13
CHAR_WIDTH = 7.2  # rough average advance of a 13-unit sans-serif character, for layout estimates
EMPTY_TEXT = "No data to show."

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACE_RE = re.compile(r"\s+")


# ---------------------------------------------------------------------------------------------------------------------
# Public API


def bar_chart(
    rows: list[tuple[str, int]],
    *,
    title: str,
    description: str,
    width: int = 640,
    bar_height: int = 22,
    id_prefix: str | None = None,
    empty_text: str = EMPTY_TEXT,
) -> SafeString:
    """Horizontal bars, one per ``(label, value)`` row in the given order: label on the left, value at the bar end."""
    rows = [(_clean(label), _count(value)) for label, value in rows]
    title, description = _clean(title), _clean(description)
    prefix = _prefix(id_prefix, "bar", title, description, rows)
    desc = _join_desc(description, _summary(rows))
    if not rows or all(value == 0 for _, value in rows):
        return _empty(prefix, title, desc, width, empty_text)

    gap = max(4, round(bar_height * 0.4))
    pitch = bar_height + gap
    top = bottom = 8
    height = top + len(rows) * pitch - gap + bottom
    longest = max(len(label) for label, _ in rows)
    label_w = min(longest * CHAR_WIDTH + 12, width * 0.4)
    max_value = max(value for _, value in rows)
    value_w = len(_fmt(max_value)) * CHAR_WIDTH + 12
    plot_x = label_w
    plot_w = max(width - label_w - value_w, 10)
    max_chars = max(int((label_w - 12) // CHAR_WIDTH), 4)

    parts = [_open(prefix, title, desc, width, height, "bar")]
    parts.append(_line(plot_x, top - 4, plot_x, height - bottom + 4, MUTED_TEXT_COLOUR))
    for i, (label, value) in enumerate(rows):
        y = top + i * pitch
        mid = y + bar_height / 2
        parts.append(_text(plot_x - 8, mid, _truncate(label, max_chars), anchor="end", full=label))
        bar_w = plot_w * value / max_value
        if value:
            parts.append(_rect(plot_x, y, bar_w, bar_height, BAR_COLOUR, f"{label}: {_fmt(value)}"))
        parts.append(_text(plot_x + bar_w + 6, mid, _fmt(value)))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def column_chart(
    rows: list[tuple[str, int]],
    *,
    title: str,
    description: str,
    width: int = 640,
    height: int = 240,
    id_prefix: str | None = None,
    empty_text: str = EMPTY_TEXT,
    unit: str = "",
) -> SafeString:
    """Vertical columns, one per ``(year, value)`` row in the given order; year labels thin out when crowded.
    ``unit`` follows every number shown ("%" for shares given as whole percentages)."""
    rows = [(_clean(label), _count(value)) for label, value in rows]
    title, description = _clean(title), _clean(description)
    prefix = _prefix(id_prefix, "col", title, description, rows)
    desc = _join_desc(description, _summary(rows, unit))
    if not rows or all(value == 0 for _, value in rows):
        return _empty(prefix, title, desc, width, empty_text)

    labels = [label for label, _ in rows]
    axis = _Axis(labels, max(value for _, value in rows), width, height, top_extra=0, unit=unit)
    parts = [_open(prefix, title, desc, width, height, "column"), *axis.draw()]
    show_values = axis.fits_value_labels(max(value for _, value in rows))
    for i, (label, value) in enumerate(rows):
        x, col_w = axis.column(i)
        col_h = axis.scale(value)
        shown = _fmt(value) + unit
        if value:
            parts.append(_rect(x, axis.baseline - col_h, col_w, col_h, BAR_COLOUR, f"{label}: {shown}"))
        if show_values:
            parts.append(_text(x + col_w / 2, axis.baseline - col_h - 4, shown, anchor="middle", dy=None))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def stacked_columns(
    years: list[int],
    series: list[tuple[str, list[int]]],
    *,
    title: str,
    description: str,
    width: int = 640,
    height: int = 260,
    id_prefix: str | None = None,
    empty_text: str = EMPTY_TEXT,
) -> SafeString:
    """Columns by year, each stacked from 1-4 ``(name, values per year)`` series (first at the bottom), with a legend.

    Every series must have one value per year. Each series has its own colour and fill pattern (solid, stripes,
    dots, cross-hatch); the legend names it and gives its total, and each column is topped by its total when there
    is room.
    """
    year_labels = [_clean(year) for year in years]
    series = [(_clean(name), [_count(v) for v in values]) for name, values in series]
    if not 1 <= len(series) <= len(SERIES_COLOURS):
        raise ValueError(f"stacked_columns draws 1 to {len(SERIES_COLOURS)} series, not {len(series)}")
    for name, values in series:
        if len(values) != len(year_labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(year_labels)} years")
    title, description = _clean(title), _clean(description)
    prefix = _prefix(id_prefix, "stk", title, description, (year_labels, series))
    summary = "; ".join(
        f"{year}: " + ", ".join(f"{name} {_fmt(values[i])}" for name, values in series)
        for i, year in enumerate(year_labels)
    )
    desc = _join_desc(description, summary + "." if summary else "")
    totals = [sum(values[i] for _, values in series) for i in range(len(year_labels))]
    if not year_labels or not any(totals):
        return _empty(prefix, title, desc, width, empty_text)

    legend, legend_h = _legend(prefix, series, width)
    axis = _Axis(year_labels, max(totals), width, height, top_extra=legend_h)
    parts = [_open(prefix, title, desc, width, height, "stacked")]
    parts.append(_patterns(prefix, len(series)))
    parts.append(legend)
    parts.extend(axis.draw())
    show_totals = axis.fits_value_labels(max(totals))
    for i, year in enumerate(year_labels):
        x, col_w = axis.column(i)
        stacked = 0
        for s, (name, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            y_top = axis.baseline - axis.scale(stacked + value)
            seg_h = axis.scale(stacked + value) - axis.scale(stacked)
            parts.append(_rect(x, y_top, col_w, seg_h, _fill(prefix, s), f"{year}, {name}: {_fmt(value)}", sep=True))
            stacked += value
        if show_totals:
            parts.append(
                _text(
                    x + col_w / 2, axis.baseline - axis.scale(totals[i]) - 4, _fmt(totals[i]), anchor="middle", dy=None
                )
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# ---------------------------------------------------------------------------------------------------------------------
# Shared axes for the two column charts


class _Axis:
    """A y scale with gridlines and a row of (thinned) x labels under equal-width column slots."""

    def __init__(
        self, labels: Sequence[str], max_value: int, width: int, height: int, *, top_extra: int, unit: str = ""
    ) -> None:
        self.labels = list(labels)
        self.unit = unit
        self.step, self.top_value = _nice_scale(max_value)
        tick_w = len(_fmt(self.top_value) + unit) * CHAR_WIDTH + 10
        self.left = tick_w
        self.right = max(8, len(self.labels[-1]) * CHAR_WIDTH / 2 + 2)  # room for the last x label, centred
        self.top = 20 + top_extra  # room for the value printed above the tallest column
        self.bottom = 26
        self.plot_w = max(width - self.left - self.right, 10)
        self.plot_h = max(height - self.top - self.bottom, 10)
        self.baseline = self.top + self.plot_h
        self.slot = self.plot_w / len(self.labels)

    def scale(self, value: int) -> float:
        return self.plot_h * value / self.top_value

    def column(self, i: int) -> tuple[float, float]:
        col_w = min(self.slot * 0.7, 56)
        return self.left + self.slot * i + (self.slot - col_w) / 2, col_w

    def fits_value_labels(self, max_value: int) -> bool:
        return self.slot >= len(_fmt(max_value) + self.unit) * CHAR_WIDTH + 2

    def label_step(self) -> int:
        """Show every n-th x label so that none overlap, always keeping the last (most recent) one."""
        widest = max(len(label) for label in self.labels) * CHAR_WIDTH + 8
        per_label = max(int(self.plot_w // widest), 1)
        return max(math.ceil(len(self.labels) / per_label), 1)

    def draw(self) -> list[str]:
        parts = []
        value = 0
        while value <= self.top_value:
            y = self.baseline - self.scale(value)
            if value:
                parts.append(_line(self.left, y, self.left + self.plot_w, y, GRID_COLOUR))
            parts.append(_text(self.left - 6, y, _fmt(value) + self.unit, anchor="end", colour=MUTED_TEXT_COLOUR))
            value += self.step
        parts.append(_line(self.left, self.baseline, self.left + self.plot_w, self.baseline, MUTED_TEXT_COLOUR))
        step = self.label_step()
        last = len(self.labels) - 1
        for i, label in enumerate(self.labels):
            if (last - i) % step == 0:
                x = self.left + self.slot * (i + 0.5)
                parts.append(
                    f'<text class="chart-x-label" x="{_n(x)}" y="{_n(self.baseline + 18)}" text-anchor="middle"'
                    f' font-size="{FONT_SIZE}" fill="{MUTED_TEXT_COLOUR}">{escape(label)}</text>'
                )
        return parts


def _nice_scale(max_value: int, target_ticks: int = 4) -> tuple[int, int]:
    """A whole-number tick step of 1, 2 or 5 times a power of ten, and the axis top it reaches (>= max_value)."""
    max_value = max(max_value, 1)
    raw = max_value / target_ticks
    magnitude = 10 ** max(math.floor(math.log10(raw)), 0) if raw >= 1 else 1
    for multiple in (1, 2, 5, 10):
        step = multiple * magnitude
        if step >= raw:
            break
    return step, step * math.ceil(max_value / step)


# ---------------------------------------------------------------------------------------------------------------------
# Legend and series fills


def _fill(prefix: str, index: int) -> str:
    return SERIES_COLOURS[index] if SERIES_PATTERNS[index] == "solid" else f"url(#{prefix}-pattern-{index})"


def _patterns(prefix: str, count: int) -> str:
    defs = []
    for i in range(count):
        colour, kind = SERIES_COLOURS[i], SERIES_PATTERNS[i]
        if kind == "solid":
            continue
        base = f'<rect width="8" height="8" fill="{colour}"/>'
        if kind == "stripes":
            marks = '<line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="2.5"/>'
            transform = ' patternTransform="rotate(45)"'
        elif kind == "dots":
            marks = '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>'
            transform = ""
        else:
            marks = (
                '<line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="1.5"/>'
                '<line x1="0" y1="0" x2="8" y2="0" stroke="#ffffff" stroke-width="1.5"/>'
            )
            transform = ' patternTransform="rotate(45)"'
        defs.append(
            f'<pattern id="{prefix}-pattern-{i}" width="8" height="8" patternUnits="userSpaceOnUse"{transform}>'
            f"{base}{marks}</pattern>"
        )
    return f"<defs>{''.join(defs)}</defs>" if defs else ""


def _legend(prefix: str, series: list[tuple[str, list[int]]], width: int) -> tuple[str, int]:
    """Swatches with their series names and totals, wrapped onto as many lines as the width needs."""
    line_h, swatch = 22, 14
    x, y = 0.0, 0
    items = []
    for i, (name, values) in enumerate(series):
        label = f"{name} ({_fmt(sum(values))})"
        item_w = swatch + 6 + len(label) * CHAR_WIDTH + 18
        if x and x + item_w > width:
            x, y = 0.0, y + line_h
        items.append(
            f'<g class="chart-legend-item">'
            f'<rect class="swatch" x="{_n(x)}" y="{y + 2}" width="{swatch}" height="{swatch}" fill="{_fill(prefix, i)}"'
            f' stroke="{SERIES_COLOURS[i]}" stroke-width="1"/>'
            f'<text x="{_n(x + swatch + 6)}" y="{y + 2 + swatch / 2}" dy="0.35em" font-size="{FONT_SIZE}"'
            f' fill="{TEXT_COLOUR}">{escape(label)}</text></g>'
        )
        x += item_w
    return f'<g class="chart-legend">{"".join(items)}</g>', y + line_h + 4


# ---------------------------------------------------------------------------------------------------------------------
# SVG fragments


def _open(prefix: str, title: str, desc: str, width: int, height: int, kind: str) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" class="chart chart-{kind}" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' role="img" aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>'
    )


def _empty(prefix: str, title: str, desc: str, width: int, empty_text: str) -> SafeString:
    height = 48
    return mark_safe(
        _open(prefix, title, desc, width, height, "empty")
        + _text(width / 2, height / 2, _clean(empty_text), anchor="middle", colour=MUTED_TEXT_COLOUR)
        + "</svg>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str, *, sep: bool = False) -> str:
    stroke = ' stroke="#ffffff" stroke-width="1"' if sep else ""
    return (
        f'<rect class="bar" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"{stroke}>'
        f"<title>{escape(tip)}</title></rect>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" stroke-width="1"/>'


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    colour: str = TEXT_COLOUR,
    dy: str | None = "0.35em",
    full: str | None = None,
) -> str:
    dy_attr = f' dy="{dy}"' if dy else ""
    tip = f"<title>{escape(full)}</title>" if full is not None and full != content else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}"{dy_attr} text-anchor="{anchor}" font-size="{FONT_SIZE}" fill="{colour}">'
        f"{tip}{escape(content)}</text>"
    )


# ---------------------------------------------------------------------------------------------------------------------
# Small helpers


def _clean(value: object) -> str:
    """Text for the chart: characters XML cannot carry removed and runs of whitespace collapsed."""
    return _SPACE_RE.sub(" ", _XML_INVALID_RE.sub("", str(value))).strip()


def _count(value: object) -> int:
    number = int(value or 0)
    if number < 0:
        raise ValueError(f"charts draw counts, which cannot be negative: {number}")
    return number


def _prefix(id_prefix: str | None, kind: str, *parts: object) -> str:
    if id_prefix is not None:
        if not _ID_RE.match(id_prefix):
            raise ValueError(
                f"id_prefix must start with a letter and hold only letters, digits, - and _: {id_prefix!r}"
            )
        return id_prefix
    digest = hashlib.sha1(repr((kind, *parts)).encode(), usedforsecurity=False).hexdigest()[:10]
    return f"chart-{kind}-{digest}"


def _summary(rows: list[tuple[str, int]], unit: str = "") -> str:
    return "; ".join(f"{label}: {_fmt(value)}{unit}" for label, value in rows) + "." if rows else ""


def _join_desc(description: str, summary: str) -> str:
    if not summary:
        return description
    if description and description[-1] not in ".!?:":
        description += "."
    return f"{description} {summary}".strip()


def _truncate(label: str, max_chars: int) -> str:
    return label if len(label) <= max_chars else label[: max_chars - 1].rstrip() + "…"


def _fmt(value: int) -> str:
    return f"{value:,}"


def _n(value: float) -> str:
    """A coordinate with at most one decimal place and no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
