"""The headline table: medians, the ratio to Datasette, the goals of issue 16 (bench/table.py, bench/goals.py)."""

import statistics

from bench.goals import goal_for
from bench.table import add_growth_and_goals, render, render_headline, with_peer


def headline_row(case: str, samples: list[float], peer: list[float] | None, size=5000, engine="postgres") -> dict:
    made = {
        "benchmark": 1,
        "case": case,
        "label": f"label of {case}",
        "metric": "first",
        "unit": "ms",
        "size": size,
        "engine": engine,
        "config": "default",
        "n": len(samples),
        "median": statistics.median(samples),
        "p95": None,
        "samples": samples,
        "headline": True,
    }
    return with_peer(made, peer) if peer is not None else made


def test_the_ratio_is_datasettes_median_over_ours():
    made = headline_row("findings-broad", [10, 12, 30, 8], [40, 50, 10, 60])  # medians 11 and 45
    assert made["peer_median"] == 45
    assert made["ratio"] == 45 / 11


def test_no_peer_samples_no_ratio():
    made = with_peer(headline_row("findings-broad", [10, 12], None), [])
    assert made["peer_median"] is None and made["ratio"] is None


def test_at_5k_a_search_page_must_be_within_20_ms_and_twice_as_fast_as_datasette():
    rows = [
        headline_row("findings-broad", [15, 15], [40, 40]),  # 15 ms, 2.7×
        headline_row("findings-selective", [15, 15], [20, 20]),  # fast enough, but only 1.3×
        headline_row("letters-broad", [25, 25], [100, 100]),  # 4×, but over 20 ms
        headline_row("council-theme", [10, 10], [20, 20]),  # exactly 20 ms of theirs: 2×
    ]
    add_growth_and_goals(rows)
    assert [row["met"] for row in rows] == [True, False, False, True]
    assert rows[0]["goal"] == "≤ 20 ms, ≥ 2× DS"


def test_at_50k_a_search_page_must_be_within_50_ms_and_ahead():
    rows = [
        headline_row("findings-broad", [45, 45], [46, 46], size=50_000),
        headline_row("findings-selective", [45, 45], [45, 45], size=50_000),  # a tie is not ahead
        headline_row("letters-broad", [60, 60], [500, 500], size=50_000),
    ]
    add_growth_and_goals(rows)
    assert [row["met"] for row in rows] == [True, False, False]


def test_without_datasette_the_goal_is_not_judged():
    rows = [headline_row("findings-broad", [5, 5], None)]
    add_growth_and_goals(rows)
    assert rows[0]["met"] is None


def test_the_goals_apply_to_postgresql_only():
    assert goal_for(headline_row("findings-broad", [5, 5], [50, 50], engine="sqlite")) is None


def test_the_headline_table_prints_each_page_with_both_medians_the_ratio_and_the_ingest_rate():
    rows = [
        headline_row("council-theme", [41, 41], [15, 15]),
        headline_row("findings-broad", [100, 102], [238, 238]),
        {
            "benchmark": 5,
            "case": "ingest",
            "label": "ingest of the corpus",
            "metric": "letters/s",
            "unit": "letters/s",
            "size": 5000,
            "engine": "postgres",
            "config": "default",
            "n": 1,
            "median": 110.0,
            "p95": 110.0,
        },
    ]
    add_growth_and_goals(rows)
    lines = render_headline(rows).splitlines()
    assert lines[0].startswith("5k letters, postgres")
    assert "medians over 2 requests per page" in lines[0]
    table = [line for line in lines if line.startswith("| label")]
    assert table == [
        "| label of findings-broad | 101 ms | 238 ms | 2.4× | ≤ 20 ms, ≥ 2× DS | NO |",
        "| label of council-theme | 41.0 ms | 15.0 ms | 0.4× | ≤ 20 ms, ≥ 2× DS | NO |",
    ]
    assert lines[-1] == "ingest: 110 letters/s from text (ingest_letters); goal ≥ 300 letters/s: NOT met"


def test_the_detail_table_leaves_the_headline_rows_out():
    rows = [headline_row("findings-broad", [10, 10], [30, 30])]
    add_growth_and_goals(rows)
    assert "label of findings-broad" not in render(rows)
