"""The issue's targets, and whether a result row meets them. Rows are the dicts that bench/run.py builds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LARGE = 50_000  # the page targets are for 50k letters on PostgreSQL; SQLite's for 5k
SMALL = 5_000
RSS_LIMIT_MB = 300
FLAT = 1.2  # "within 20%" of the smallest size's figure

# (case, metric) -> PostgreSQL median target in ms at 50k letters (PostgreSQL 15's default settings)
PG_PAGE_MS = {
    ("findings-word", "first"): 250,
    ("findings-word", "repeated"): 30,
    ("findings-selective", "first"): 60,
    ("findings-selective", "repeated"): 60,
    ("browse", "first"): 50,
    ("browse", "repeated"): 50,
    ("browse-selected", "first"): 100,
    ("browse-selected", "repeated"): 100,
    ("letters-word", "first"): 50,
    ("letters-word", "repeated"): 50,
    ("letter-page", "first"): 50,
    ("letter-page", "repeated"): 50,
    ("council-page", "first"): 50,
    ("council-page", "repeated"): 50,
}
SQLITE_PAGE_MS = 100
PEER_FACTOR = 7  # the findings page's first request at least 7× as fast as Datasette's


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


def goal_for(row: dict) -> Goal | None:
    case, metric, engine, size = row["case"], row["metric"], row["engine"], row["size"]
    if row["unit"] == "ms":
        if engine == "sqlite" and size <= SMALL:
            return Goal(f"≤ {SQLITE_PAGE_MS} ms", _at_most(SQLITE_PAGE_MS))
        if engine == "postgres" and size >= LARGE and (case, metric) in PG_PAGE_MS:
            limit = PG_PAGE_MS[case, metric]
            if (case, metric) == ("findings-word", "first"):

                def check(row: dict) -> bool | None:
                    fast = _at_most(limit)(row)
                    return fast if row.get("ratio") is None or fast is None else fast and row["ratio"] >= PEER_FACTOR

                return Goal(f"≤ {limit} ms, ≥ {PEER_FACTOR}× DS", check)
            return Goal(f"≤ {limit} ms", _at_most(limit))
        return None
    if case == "ingest" and metric == "letters/s" and engine == "postgres":
        return Goal("≥ 300 letters/s", _at_least(300))
    if case == "reingest" and metric == "letters/s":
        return Goal("≥ 2000 letters/s", _at_least(2000))
    if case == "ingest" and metric == "peak RSS":
        return Goal(f"< {RSS_LIMIT_MB} MB, ≤ {FLAT}× 5k", lambda row: _flat_rss(row, RSS_LIMIT_MB))
    if case == "export" and metric == "peak RSS" and size > SMALL:
        return Goal(f"≤ {FLAT}× 5k (flat)", lambda row: _flat_rss(row, None))
    return None
