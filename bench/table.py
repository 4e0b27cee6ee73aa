"""The one table the benchmark prints, and the growth column (a figure at this size ÷ the same at the smallest)."""

from __future__ import annotations

from bench.goals import goal_for

COLUMNS = [
    "#",
    "benchmark",
    "metric",
    "size",
    "db",
    "pg",
    "n",
    "median",
    "p95",
    "Datasette",
    "ratio",
    "growth",
    "goal",
    "met",
]
CASE_ORDER = [
    "ingest",
    "reingest",
    "findings-word",
    "findings-selective",
    "browse",
    "browse-selected",
    "letters-word",
    "letter-page",
    "council-page",
    "export",
]
METRIC_ORDER = ["letters/s", "findings/s", "first", "repeated", "rows/s", "peak RSS"]


def add_growth_and_goals(rows: list[dict]) -> None:
    smallest: dict[tuple, dict] = {}
    for row in sorted(rows, key=lambda r: (r["size"], r["config"] != "default")):
        key = (row["case"], row["metric"], row["engine"], row["config"])
        # a tuned row with no smaller tuned run is compared with the smallest run on the default settings
        base = smallest.setdefault(key, smallest.get((*key[:3], "default"), row))
        if base["size"] == row["size"]:
            base = row
        ok = base is not row and base["median"] and row["median"] is not None
        row["growth"] = row["median"] / base["median"] if ok else None
        goal = goal_for(row)
        row["goal"] = goal.text if goal else ""
        row["met"] = goal.check(row) if goal else None


def sort_key(row: dict) -> tuple:
    return (
        row["benchmark"],
        CASE_ORDER.index(row["case"]) if row["case"] in CASE_ORDER else 99,
        METRIC_ORDER.index(row["metric"]) if row["metric"] in METRIC_ORDER else 99,
        row["size"],
        row["engine"],
        row["config"],
    )


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:,.0f} {unit}"


def _size(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def render(rows: list[dict]) -> str:
    lines = []
    for row in sorted(rows, key=sort_key):
        met = {True: "yes", False: "NO", None: ""}[row["met"]]
        lines.append(
            [
                str(row["benchmark"]),
                row["label"],
                row["metric"],
                _size(row["size"]),
                row["engine"],
                row["config"] if row["engine"] == "postgres" else "",
                str(row["n"]),
                _number(row["median"], row["unit"]),
                _number(row["p95"], row["unit"]),
                _number(row.get("peer_median"), row["unit"]) if row.get("peer_median") is not None else "",
                f"{row['ratio']:.1f}×" if row.get("ratio") is not None else "",
                f"×{row['growth']:.2f}" if row.get("growth") is not None else "",
                row["goal"],
                met + (" !" if row.get("problems") else ""),
            ]
        )
    widths = [max(len(c), *(len(line[i]) for line in lines)) if lines else len(c) for i, c in enumerate(COLUMNS)]
    right = {"n", "median", "p95", "Datasette", "ratio", "growth"}

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(width) if column in right else cell.ljust(width)
            for cell, width, column in zip(cells, widths, COLUMNS, strict=True)
        ).rstrip()

    out = [fmt(COLUMNS), fmt(["-" * w for w in widths])]
    out += [fmt(line) for line in lines]
    return "\n".join(out)
