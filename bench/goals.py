"""The issues' targets, and whether a result row meets them. Rows are the dicts that bench/run.py builds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LARGE = 50_000  # the stress case
SMALL = 5_000  # the archive's real size: what users feel every day
RSS_LIMIT_MB = 300
FLAT = 1.2  # "within 20%" of the smallest size's figure
INGEST_RATE = 300  # letters/s from text, ingest_letters on 2 cores

# The headline's search pages (issue 16), first requests, PostgreSQL: (ms at most, times as fast as Datasette at
# least; a ratio of exactly 1 is a tie, not ahead).
HEADLINE_CASES = {"findings-broad", "findings-selective", "letters-broad", "council-theme"}
HEADLINE_SMALL = (20, 2.0)
HEADLINE_LARGE = (50, 1.0)

# The other pages (test client), PostgreSQL at 50k: (case, metric) -> median target in ms
PG_PAGE_MS = {
    ("browse", "first"): 50,
    ("browse", "repeated"): 50,
    ("letter-page", "first"): 50,
    ("letter-page", "repeated"): 50,
    ("council-page", "first"): 50,
    ("council-page", "repeated"): 50,
}
SQLITE_PAGE_MS = 100


@dataclass(frozen=True)
class Goal:
    text: str
    check: Callable[[dict], bool | None]


def _at_most(limit: float) -> Callable[[dict], bool | None]:
    return lambda row: None if row["median"] is None else row["median"] <= limit


def _at_least(limit: float) -> Callable[[dict], bool | None]:
    return lambda row: None if row["median"] is None else row["median"] >= limit


def _flat_rss(row: dict, cap: float | None) -> bool | None:
    if row["median"] is None:
        return None
    if cap is not None and row["median"] >= cap:
        return False
    if row.get("growth") is None:
        return True if cap is not None else None
    return row["growth"] <= FLAT


def _fast_and_ahead(limit: float, factor: float) -> Callable[[dict], bool | None]:
    def check(row: dict) -> bool | None:
        if row["median"] is None or row.get("ratio") is None:
            return None
        ahead = row["ratio"] >= factor if factor > 1 else row["ratio"] > 1
        return row["median"] <= limit and ahead

    return check


def headline_goal(size: int) -> Goal | None:
    """The issue's goal for a headline search page at ``size`` letters: at 5k ≤ 20 ms and ≥ 2× Datasette, at 50k
    ≤ 50 ms and ahead of Datasette; none between."""
    if size == SMALL:
        limit, factor = HEADLINE_SMALL
        return Goal(f"≤ {limit} ms, ≥ {factor:g}× DS", _fast_and_ahead(limit, factor))
    if size == LARGE:
        limit, factor = HEADLINE_LARGE
        return Goal(f"≤ {limit} ms, ahead of DS", _fast_and_ahead(limit, factor))
    return None


def goal_for(row: dict) -> Goal | None:
    case, metric, engine, size = row["case"], row["metric"], row["engine"], row["size"]
    if row["unit"] == "ms":
        if case in HEADLINE_CASES:
            return headline_goal(size) if engine == "postgres" else None
        if engine == "sqlite" and size <= SMALL:
            return Goal(f"≤ {SQLITE_PAGE_MS} ms", _at_most(SQLITE_PAGE_MS))
        if engine == "postgres" and size >= LARGE and (case, metric) in PG_PAGE_MS:
            return Goal(f"≤ {PG_PAGE_MS[case, metric]} ms", _at_most(PG_PAGE_MS[case, metric]))
        return None
    if case == "ingest" and metric == "letters/s" and engine == "postgres":
        return Goal(f"≥ {INGEST_RATE} letters/s", _at_least(INGEST_RATE))
    if case == "reingest" and metric == "letters/s":
        return Goal("≥ 2000 letters/s", _at_least(2000))
    if case == "ingest" and metric == "peak RSS":
        return Goal(f"< {RSS_LIMIT_MB} MB, ≤ {FLAT}× 5k", lambda row: _flat_rss(row, RSS_LIMIT_MB))
    if case == "export" and metric == "peak RSS" and size > SMALL:
        return Goal(f"≤ {FLAT}× 5k (flat)", lambda row: _flat_rss(row, None))
    return None
