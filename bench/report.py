"""Print the tables from one or more results files, as if they were one run (so that the growth column can
compare a 5k run with a separate 50k run). Rows of the same benchmark, size, engine and settings in a later file
replace those of an earlier one.

    python -m bench.report var/bench/results-A.json var/bench/results-B.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.table import add_growth_and_goals, render, render_headline


def merged_rows(paths: list[Path]) -> list[dict]:
    rows: dict[tuple, dict] = {}
    for path in paths:
        for row in json.loads(path.read_text())["rows"]:
            rows[row["case"], row["metric"], row["size"], row["engine"], row["config"]] = row
    return list(rows.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", type=Path)
    args = parser.parse_args()
    rows = merged_rows(args.results)
    add_growth_and_goals(rows)
    if any(row.get("headline") for row in rows):
        print(render_headline(rows) + "\n")
    print(render(rows))
    for path in args.results:
        meta = json.loads(path.read_text())["meta"]
        print(
            f"{path.name}: git {meta.get('git_head')}{' (uncommitted changes)' if meta.get('git_dirty') else ''}, "
            f"started {meta.get('started')}, load average {meta.get('loadavg_start', ['?'])[0]:.1f} → "
            f"{meta.get('loadavg_end', ['?'])[0]:.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
