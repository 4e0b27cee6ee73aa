"""The tables the benchmark prints — the headline (the issue's four search pages beside Datasette's, with the ratio
and the goal) and the detail of every other figure — and the columns derived from the samples: medians, the ratio
(Datasette's median ÷ ours) and the growth (a figure at this size ÷ the same at the smallest)."""

from __future__ import annotations

from bench.goals import goal_for
from bench.stats import summary

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
    "findings-broad",
    "findings-selective",
    "letters-broad",
    "council-theme",
    "browse",
    "letter-page",
    "council-page",
    "export",
]
METRIC_ORDER = ["letters/s", "findings/s", "first", "repeated", "rows/s", "peak RSS"]


def with_peer(row: dict, peer_samples: list[float], **extra) -> dict:
    """``row`` with Datasette's samples, their median and the ratio (Datasette's median ÷ ours: above 1 we are
    faster)."""
    peer = summary(peer_samples)["median"]
    row.update(peer_samples=peer_samples, peer_median=peer, **extra)
    row["ratio"] = peer / row["median"] if peer is not None and row["median"] else None
    return row


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


def render_headline(rows: list[dict]) -> str:
    """One Markdown table per size, engine and settings that has headline rows, the ingest rate beside it."""
    blocks = []
    groups = sorted({(r["size"], r["engine"], r["config"]) for r in rows if r.get("headline")})
    for size, engine, config in groups:
        mine = sorted(
            (r for r in rows if r.get("headline") and (r["size"], r["engine"], r["config"]) == (size, engine, config)),
            key=sort_key,
        )
        counts = sorted({r["n"] for r in mine})
        lines = [
            f"{_size(size)} letters, {engine}{f' ({config} settings)' if engine == 'postgres' else ''}: the archive "
            f"(gunicorn, 1 worker) and Datasette, HTML pages, medians over {'/'.join(map(str, counts))} requests "
            "per page, each a first request",
            "",
            "| page | app | Datasette | ratio | goal | met |",
            "|---|---|---|---|---|---|",
        ]
        for row in mine:
            met = {True: "yes", False: "NO", None: ""}[row["met"]]
            lines.append(
                f"| {row['label']} | {_number(row['median'], 'ms')} | {_number(row.get('peer_median'), 'ms')} | "
                f"{_ratio(row.get('ratio'))} | {row['goal']} | {met}{' !' if row.get('problems') else ''} |"
            )
        ingest = [
            r for r in rows if (r["case"], r["metric"], r["size"], r["engine"]) == ("ingest", "letters/s", size, engine)
        ]
        if ingest:
            met = {True: "met", False: "NOT met", None: ""}[ingest[0]["met"]]
            goal = f"; goal {ingest[0]['goal']}: {met}" if ingest[0]["goal"] else ""
            lines += ["", f"ingest: {_number(ingest[0]['median'], 'letters/s')} from text (ingest_letters){goal}"]
        else:
            lines += ["", "ingest: not timed in this run"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _ratio(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.1f}×"


def render(rows: list[dict]) -> str:
    """The detail table: every row but the headline's."""
    lines = []
    for row in sorted((r for r in rows if not r.get("headline")), key=sort_key):
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
                _ratio(row["ratio"]) if row.get("ratio") is not None else "",
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
