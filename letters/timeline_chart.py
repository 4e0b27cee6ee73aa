"""Draw a council's overall effectiveness judgements over time as an accessible SVG (the conventions of charts.py:
``<title>``/``<desc>`` carrying every point, presentation attributes only, no inline style or script).

Grades are rows (outstanding at the top), time runs left to right. A report's judgement is a filled circle; a grade
only stated in a letter is a hollow diamond, so the two differ by shape as well as fill, and the legend says so.
"""

from __future__ import annotations

from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from letters.charts import MUTED_TEXT_COLOUR, TEXT_COLOUR, _clean, _empty, _line, _n, _open, _prefix, _text
from letters.models.judgement import GRADE_ORDER

POINT_COLOUR = "#1d70b8"  # 5.2:1 on white
GRID_COLOUR = "#d9dcdd"
LABEL_WIDTH = 160


def _x(day: date, first: int, last: int, left: float, width: float) -> float:
    span = (date(last + 1, 1, 1) - date(first, 1, 1)).days
    return left + width * (day - date(first, 1, 1)).days / span


def timeline_chart(
    entries,
    *,
    title: str,
    description: str,
    years: tuple[int, int] | None = None,
    width: int = 640,
    id_prefix: str | None = None,
) -> SafeString:
    """``entries`` have ``when``, ``grade``, ``grade_label`` and ``stated_in_letter``; ``years`` fixes the axis
    (first, last) so that charts set side by side share it."""
    points = [entry for entry in entries if entry.grade in GRADE_ORDER]
    title, description = _clean(title), _clean(description)
    summary = "; ".join(
        f"{entry.when:%B %Y}: {entry.grade_label}{' (stated in a letter)' if entry.stated_in_letter else ''}"
        for entry in points
    )
    desc = f"{description} {summary}." if summary else description
    prefix = _prefix(id_prefix, "timeline", title, desc)
    if not points:
        return _empty(prefix, title, desc, width, "No judgements on record.")
    first, last = years or (min(p.when.year for p in points), max(p.when.year for p in points))
    if last - first < 2:  # a year either side, so that a lone judgement does not sit on the axis's edge
        first, last = first - 1, last + 1
    row_h, top, legend_h, axis_h = 30, 10, 28, 24
    height = top + row_h * len(GRADE_ORDER) + axis_h + legend_h
    left, right = LABEL_WIDTH, 16
    plot_w = width - left - right
    baseline = top + row_h * len(GRADE_ORDER)

    parts = [_open(prefix, title, desc, width, height, "timeline")]
    for index, grade in enumerate(GRADE_ORDER):
        y = top + row_h * index + row_h / 2
        parts.append(_line(left, y, left + plot_w, y, GRID_COLOUR))
        parts.append(_text(left - 8, y, grade.label, anchor="end"))
    parts.append(_line(left, baseline, left + plot_w, baseline, MUTED_TEXT_COLOUR))
    step = max(1, (last - first + 1) // 8)
    for year in range(first, last + 1, step):
        x = _x(date(year, 1, 1), first, last, left, plot_w)
        parts.append(_line(x, baseline, x, baseline + 4, MUTED_TEXT_COLOUR))
        parts.append(_text(x, baseline + 16, str(year), anchor="start", colour=MUTED_TEXT_COLOUR))

    rows = {grade: index for index, grade in enumerate(GRADE_ORDER)}
    coords = []
    for entry in points:
        x = _x(min(max(entry.when, date(first, 1, 1)), date(last, 12, 31)), first, last, left, plot_w)
        y = top + row_h * rows[entry.grade] + row_h / 2
        coords.append((x, y, entry))
    if len(coords) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{_n(x)} {_n(y)}" for i, (x, y, _) in enumerate(coords))
        parts.append(f'<path d="{path}" fill="none" stroke="{MUTED_TEXT_COLOUR}" stroke-width="1.5"/>')
    for x, y, entry in coords:
        tip = escape(
            f"{entry.when:%B %Y}: {entry.grade_label}" + (" (stated in a letter)" if entry.stated_in_letter else "")
        )
        parts.append(_marker(x, y, entry.stated_in_letter, tip))
    legend_y = baseline + axis_h + 12
    parts.append(_marker(left + 6, legend_y, False, "Judgement in a report", legend=True))
    parts.append(_text(left + 16, legend_y, "Report", colour=TEXT_COLOUR))
    parts.append(_marker(left + 96, legend_y, True, "Grade stated in a letter", legend=True))
    parts.append(_text(left + 106, legend_y, "Stated in a letter", colour=TEXT_COLOUR))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _marker(x: float, y: float, hollow: bool, tip: str, *, legend: bool = False) -> str:
    kind = "legend-marker" if legend else "point"
    if hollow:
        d = f"M{_n(x)} {_n(y - 7)} L{_n(x + 7)} {_n(y)} L{_n(x)} {_n(y + 7)} L{_n(x - 7)} {_n(y)} Z"
        return (
            f'<path class="{kind} {kind}-letter" d="{d}" fill="#ffffff" stroke="{POINT_COLOUR}" stroke-width="2">'
            f"<title>{tip}</title></path>"
        )
    return (
        f'<circle class="{kind} {kind}-report" cx="{_n(x)}" cy="{_n(y)}" r="6" fill="{POINT_COLOUR}"'
        f' stroke="{POINT_COLOUR}" stroke-width="1"><title>{tip}</title></circle>'
    )
