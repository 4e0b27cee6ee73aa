"""One command, two tables: the archive's speed at 5k and 50k synthetic letters, on PostgreSQL and SQLite, with
Datasette serving the same data as the peer.

    .venv/bin/python -m bench [--sizes 5000,50000] [--databases postgres,sqlite] [--rounds 1] [--repeat 20]
                              [--skip-ingest] [--only NAMES] [--pg-config default,tuned] [--explain]

The headline (bench/headline.py): four kinds of search page, the archive under gunicorn (one worker) and Datasette
over HTTP side by side, words and (council, theme) pairs drawn from the corpus (bench/draw.py), every request a
first one; medians over bench.words.PER_KIND items per round. The detail: the other pages through Django's test
client ("first" right after every Django cache is cleared, "repeated" the same URL again), the CSV export and
the ingest.

Everything it makes lives in var/bench/: the corpora (corpus-<size>-<seed>/), the SQLite databases, Datasette's
virtualenv and files, the servers' logs, EXPLAIN output, and results-<timestamp>.json (every row with every
sample, and the words drawn). PostgreSQL databases are named bench_<size>. Progress goes to stderr, the tables to
stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import cases as page_cases_module
from bench import databases, headline, pg_settings
from bench.app_server import serving_app
from bench.corpus import ensure_corpus
from bench.databases import REPO, BenchDatabase, django_env
from bench.datasette.server import serving
from bench.datasette.timing import time_urls
from bench.datasette.venv import ensure_datasette
from bench.ingest import ingest
from bench.measure import own_peak_rss_mb, run_measured
from bench.stats import summary
from bench.table import add_growth_and_goals, render, render_headline, with_peer

PAGE_NAMES = ["browse", "letter-page", "council-page"]
OTHER_NAMES = ["headline", "ingest", "reingest", "export", "datasette"]
BY_NUMBER = {
    "1": ["headline"],
    "2": ["browse"],
    "4": ["letter-page", "council-page"],
    "5": ["ingest", "reingest"],
    "6": ["export"],
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000", help="letters per corpus, comma-separated (default 5000)")
    parser.add_argument("--databases", default="postgres,sqlite", help="postgres and/or sqlite")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="headline rounds, each with words and pairs of its own, so that every request stays a first one",
    )
    parser.add_argument("--word-seed", type=int, default=1, help="the seed of the headline's draw (default 1)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per detail page and metric (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus seed (default 1)")
    parser.add_argument("--skip-ingest", action="store_true", help="reuse the databases a previous run filled")
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated: benchmark numbers 1, 2, 4-6 or names ({', '.join(PAGE_NAMES + OTHER_NAMES)})",
    )
    parser.add_argument("--no-datasette", action="store_true", help="leave the peer out")
    parser.add_argument(
        "--datasette-repeat", type=int, default=10, help="timed requests per Datasette page (detail table)"
    )
    parser.add_argument(
        "--page-budget", type=float, default=120, help="seconds of requests per page and metric before sampling stops"
    )
    parser.add_argument("--reingest-repeat", type=int, default=3)
    parser.add_argument("--export-repeat", type=int, default=3)
    parser.add_argument(
        "--pg-config",
        default="default",
        help="default and/or tuned: 'tuned' restarts PostgreSQL with bench/pg_settings.py's settings for the page "
        "and export benchmarks, then restores the server's own",
    )
    parser.add_argument("--pg-restart-wait", type=float, default=300, help="seconds to wait for a quiet server")
    parser.add_argument("--explain", action="store_true", help="write each page's query plans to var/bench/")
    parser.add_argument("--var", type=Path, default=REPO / "var" / "bench")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.databases = [d for d in args.databases.split(",") if d]
    args.pg_config = [c for c in args.pg_config.split(",") if c]
    unknown = set(args.databases) - set(databases.ENGINES) or set(args.pg_config) - {"default", "tuned"}
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    wanted: set[str] = set()
    for item in filter(None, args.only.split(",")):
        if item not in BY_NUMBER and item not in PAGE_NAMES + OTHER_NAMES:
            parser.error(f"--only: unknown benchmark {item!r}")
        wanted.update(BY_NUMBER.get(item, [item]))
    args.wanted = wanted or set(PAGE_NAMES + OTHER_NAMES)
    if "headline" in args.wanted:  # the headline is a comparison: its peer comes with it
        args.wanted.add("datasette")
    if args.no_datasette:
        args.wanted.discard("datasette")
    if args.skip_ingest and not wanted:
        args.wanted -= {"ingest", "reingest"}
    return args


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def django_json(db: BenchDatabase, module: str, *arguments: str, stdin: str | None = None) -> dict:
    """Run one of bench's Django-side modules in a child process against ``db``; it prints JSON."""
    result = subprocess.run(
        [sys.executable, "-m", module, *arguments],
        env=django_env(db.var, db.url),
        cwd=str(REPO),
        input=stdin,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{module} failed on {db.url}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def row(
    case: str,
    benchmark: int,
    label: str,
    metric: str,
    unit: str,
    db: BenchDatabase,
    config: str,
    samples: list[float],
    **extra,
) -> dict:
    stats = summary(samples)
    return {
        "benchmark": benchmark,
        "case": case,
        "label": label,
        "metric": metric,
        "unit": unit,
        "size": db.size,
        "engine": db.engine,
        "config": config,
        "n": stats["n"],
        "median": stats["median"],
        "p95": stats["p95"],
        "samples": samples,
        **extra,
    }


def rate_row(case, benchmark, label, metric, unit, db, config, count: int, seconds: list[float], **extra) -> dict:
    """A throughput: median of count/seconds; p95 is the slow end (the rate at the 95th-percentile time)."""
    made = row(case, benchmark, label, metric, unit, db, config, [count / s for s in seconds], **extra)
    made["p95"] = count / summary(seconds)["p95"] if seconds else None
    return made


def ingest_rows(db: BenchDatabase, corpus: Path, picks_after) -> list[dict]:
    first = ingest(db, corpus, "ingest")
    databases.migrate(db)
    findings = picks_after()["findings"]
    label, seconds = "ingest of the corpus", [first["seconds"]]
    return [
        rate_row("ingest", 5, label, "letters/s", "letters/s", db, "default", first["files"], seconds, detail=first),
        rate_row("ingest", 5, label, "findings/s", "findings/s", db, "default", findings, seconds),
        row("ingest", 5, label, "peak RSS", "MB", db, "default", [first["peak_rss_mb"]]),
    ]


def reingest_rows(db: BenchDatabase, corpus: Path, repeat: int) -> list[dict]:
    again = [ingest(db, corpus, "re-ingest") for _ in range(repeat)]
    label, seconds = "re-ingest, unchanged", [r["seconds"] for r in again]
    return [
        rate_row(
            "reingest", 5, label, "letters/s", "letters/s", db, "default", again[0]["files"], seconds, detail=again
        ),
        row("reingest", 5, label, "peak RSS", "MB", db, "default", [r["peak_rss_mb"] for r in again]),
    ]


def page_rows(db: BenchDatabase, config: str, chosen: list, args) -> list[dict]:
    spec = {
        "cases": [{"name": c.name, "urls": list(c.ours), "expect_mark": c.expect_mark} for c in chosen],
        "repeat": args.repeat,
        "budget_s": args.page_budget,
    }
    log(f"pages: {db.engine} {db.size} ({config})")
    timed = django_json(db, "bench.pages", stdin=json.dumps(spec))
    rows = []
    for case in chosen:
        result = timed[case.name]
        for metric in ("first", "repeated"):
            rows.append(
                row(
                    case.name,
                    case.benchmark,
                    case.label,
                    metric,
                    "ms",
                    db,
                    config,
                    result[f"{metric}_ms"],
                    url=case.ours[0],
                    problems=result["problems"],
                    queries=result["queries"],
                    bytes=result["bytes"],
                )
            )
        if args.explain:
            explain_to_file(db, config, case, args.var)
    return rows


def explain_to_file(db: BenchDatabase, config: str, case, var: Path) -> None:
    out = var / f"explain-{db.engine}-{db.size}-{config}-{case.name}.txt"
    result = subprocess.run(
        [sys.executable, "-m", "bench.explain", case.ours[0]],
        env=django_env(db.var, db.url),
        cwd=str(REPO),
        capture_output=True,
        text=True,
    )
    out.write_text(result.stdout + result.stderr[-3000:])
    log(f"  explain: {out}")


def export_rows(db: BenchDatabase, config: str, args) -> list[dict]:
    log(f"export: {db.engine} {db.size} ({config}) × {args.export_repeat}")
    runs = []
    for _ in range(args.export_repeat):
        measured = run_measured([sys.executable, "-m", "bench.export"], django_env(db.var, db.url), cwd=str(REPO))
        if measured.returncode != 0:
            raise RuntimeError(f"export failed: {' | '.join(measured.stderr_tail[-6:])}")
        result = json.loads(measured.stdout)
        result.update(peak_rss_mb=measured.peak_rss_mb, peak_pss_mb=measured.peak_pss_mb)
        runs.append(result)
        log(f"  export: {result['rows']} rows in {result['seconds']:.1f}s, peak RSS {measured.peak_rss_mb:.0f} MB")
    rows_per_run = runs[0]["rows"]
    return [
        rate_row(
            "export",
            6,
            "CSV export, all findings",
            "rows/s",
            "rows/s",
            db,
            config,
            rows_per_run,
            [r["seconds"] for r in runs],
            detail=runs,
        ),
        row("export", 6, "CSV export, all findings", "peak RSS", "MB", db, config, [r["peak_rss_mb"] for r in runs]),
    ]


@contextlib.contextmanager
def peer_serving(source: BenchDatabase, args, rebuilt: bool):
    """Datasette serving the letters of ``source`` (loaded into its own SQLite file when ``source`` was refilled)."""
    executable = ensure_datasette(args.var)
    folder = args.var / f"datasette-{source.size}"
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "archive.db"
    if rebuilt or not database.exists():
        log(f"datasette: loading {source.engine} {source.size} into {database}")
        started = time.perf_counter()
        counts = django_json(source, "bench.datasette.load", str(database))
        log(f"  datasette: loaded {counts} in {time.perf_counter() - started:.0f}s")
    with serving(executable, database, folder / "datasette.log") as base:
        log(f"datasette: serving {database} at {base}")
        yield base


def datasette_times(base: str, chosen: list, args) -> dict[str, dict]:
    times = {}
    for case in chosen:
        if case.peer:
            log(f"    datasette {case.name} …")
            times[case.name] = time_urls(base, case.peer, args.datasette_repeat)
            times[case.name]["url"] = case.peer[0]
    return times


def attach_peer(rows: list[dict], size: int, peer: dict[str, dict]) -> None:
    for made in rows:
        found = peer.get(made["case"]) if made["size"] == size and made["unit"] == "ms" else None
        if found and not made.get("headline"):
            with_peer(made, found["ms"], peer_url=found["url"], peer_problems=found["problems"])


def headline_rows(db: BenchDatabase, drawn: dict, peer: str | None, args, *, built: float | None = None) -> list[dict]:
    """The four headline kinds on the archive (gunicorn, one worker, serving ``db``) and on Datasette at ``peer``,
    round after round; one row per kind, its samples every round's. ``built``: the seconds the engine's snapshot took,
    when it was built already (else it is built here)."""
    if not drawn["rounds"]:
        raise RuntimeError(f"the draw found too few words or pairs for one round: {drawn['candidates']}")
    if built is None:
        built = build_search_index(db)
    with serving_app(db, args.var / f"gunicorn-{db.engine}-{db.size}.log") as app:
        log(f"headline: {db.engine} {db.size}: the archive at {app}, Datasette at {peer or '(not run)'}")
        headline.warm_up(app, peer, drawn["warmup"])
        rounds = []
        for number, chosen in enumerate(drawn["rounds"], 1):
            log(f"  round {number} of {len(drawn['rounds'])}")
            rounds.append(headline.time_round(app, peer, chosen, log=log))
    made = []
    for kind in headline.KINDS:
        results = [r[kind.name] for r in rounds]

        def every(key: str, results=results) -> list:
            return [value for result in results for value in result[key]]

        found = row(
            kind.name,
            1,
            kind.label,
            "first",
            "ms",
            db,
            "default",
            every("ms"),
            headline=True,
            items=every("items"),
            peer_matches=every("peer_matches"),
            problems=sorted(set(every("problems"))),
        )
        made.append(with_peer(found, every("peer_ms")) if peer else found)
    made.append(row("search-index", 5, "search engine snapshot built", "seconds", "s", db, "default", [built]))
    return made


def build_search_index(db: BenchDatabase) -> float:
    """The engine's snapshot of the database as the ingest left it, built before the server starts (as a deployment
    does after an ingest), so that the pages timed are the engine's, not the SQL fallback's while it builds."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "build_search_index"],
        env=django_env(db.var, db.url),
        cwd=str(REPO),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    log(f"search index of {db.engine} {db.size} built in {seconds:.1f} s")
    return seconds


def drawn_text(drawn: dict) -> str:
    """The words and pairs the headline requested, with each word's share of findings."""
    share = drawn["share"]
    lines = [f"drawn from {drawn['findings_read']:,} findings (seed {drawn['seed']}), {drawn['candidates']}:"]
    for number, chosen in enumerate(drawn["rounds"], 1):
        for kind in ("broad", "selective"):
            words = ", ".join(f"{word} {share[word] * 100:.1f}%" for word in chosen[kind])
            lines.append(f"  round {number}, {kind}: {words}")
        lines.append(f"  round {number}, council + theme: {', '.join('/'.join(pair) for pair in chosen['pairs'])}")
    return "\n".join(lines)


def machine() -> dict:
    def git(*words: str) -> str:
        return subprocess.run(["git", *words], cwd=REPO, capture_output=True, text=True).stdout.strip()

    return {
        "git_head": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain")),
        "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(),
        "python": sys.version.split()[0],
    }


def tuned_rows(args, picks_by_db: dict, pages_wanted: list[str], rows: list[dict], meta: dict) -> list[dict]:
    """Pages and export again on PostgreSQL with bench/pg_settings.py's settings (a server restart each way)."""
    made = []
    with pg_settings.tuned(args.var, args.pg_restart_wait) as in_force:
        meta["pg_tuned"] = in_force
        for size in args.sizes:
            db = BenchDatabase("postgres", size, args.var)
            chosen = [
                c for c in page_cases_module.page_cases(picks_by_db[f"postgres-{size}"]) if c.name in pages_wanted
            ]
            if chosen:
                made += page_rows(db, "tuned", chosen, args)
            if "export" in args.wanted:
                made += export_rows(db, "tuned", args)
    for size in args.sizes:
        peer = {
            r["case"]: {"ms": r["peer_samples"], "url": r["peer_url"], "problems": r["peer_problems"]}
            for r in rows
            if r["size"] == size and r.get("peer_samples") and not r.get("headline")
        }
        attach_peer(made, size, peer)
    return made


def save(out: Path, meta: dict, picks: dict, sizes: dict, rows: list[dict], problems: list[str]) -> None:
    add_growth_and_goals(rows)
    meta.update(
        finished=datetime.datetime.now().isoformat(timespec="seconds"),
        loadavg_end=os.getloadavg(),
        harness_peak_rss_mb=own_peak_rss_mb(),
        pg_in_force=pg_settings.current(list(pg_settings.TUNED)),
        problems=sorted(set(problems) | {p for r in rows for p in r.get("problems", []) + r.get("peer_problems", [])}),
    )
    document = {"meta": meta, "picks": picks, "database_sizes": sizes, "rows": rows}
    out.write_text(json.dumps(document, indent=1, default=str))


def _size_words(size: int) -> str:
    return f"{size:,} letters: words"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.var.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now()
    meta = {"started": started.isoformat(timespec="seconds"), "argv": sys.argv[1:], **machine()}
    rows: list[dict] = []
    problems: list[str] = []
    picks_by_db: dict[str, dict] = {}
    sizes_by_db: dict[str, dict] = {}
    built_by_db: dict[str, float] = {}  # seconds to build each database's search engine snapshot
    pages_wanted = [name for name in PAGE_NAMES if name in args.wanted]
    for size in args.sizes:
        corpus = ensure_corpus(args.var, size, args.seed, django_env(args.var, "sqlite://:memory:"))
        rebuilt = False
        chosen: list = []
        for engine in args.databases:
            db = BenchDatabase(engine, size, args.var)

            def picks_now(db=db) -> dict:
                return django_json(db, "bench.pick")

            fresh = not args.skip_ingest or not db.exists()
            if fresh:
                log(f"database: creating {db.url}")
                databases.recreate(db)
            databases.migrate(db)
            if fresh and "ingest" in args.wanted:
                rows += ingest_rows(db, corpus, picks_now)
            elif fresh:
                ingest(db, corpus, "ingest (untimed)")
            rebuilt = rebuilt or (fresh and engine == args.databases[0])
            if "reingest" in args.wanted:
                stored = picks_now()
                if stored["stored_parser_versions"] == [stored["parser_version"]]:
                    rows += reingest_rows(db, corpus, args.reingest_repeat)
                else:
                    problems.append(
                        f"re-ingest {engine} {size} not timed: the parser is now {stored['parser_version']}, the "
                        f"letters were stored by {', '.join(stored['stored_parser_versions'])} (the code changed)"
                    )
                    log(f"! {problems[-1]}")
            databases.migrate(db)  # the app's code may have gained a migration while the ingest ran
            databases.settle(db)
            picks = picks_by_db[f"{engine}-{size}"] = picks_now()
            sizes_by_db[f"{engine}-{size}"] = databases.sizes(db)
            log(
                f"database: {db.url}: {picks['letters']} letters, {picks['findings']} findings, "
                f"{sizes_by_db[f'{engine}-{size}']}"
            )
            chosen = [c for c in page_cases_module.page_cases(picks) if c.name in pages_wanted]
            if chosen or {"export", "headline"} & set(args.wanted):
                # As a deployment does after an ingest, and before anything is timed: a page or an export asked for
                # before the snapshot exists starts building it in the background, in the process being measured.
                built_by_db[f"{engine}-{size}"] = build_search_index(db)
            if engine != "postgres" or "default" in args.pg_config:
                if chosen:
                    rows += page_rows(db, "default", chosen, args)
                if "export" in args.wanted:
                    rows += export_rows(db, "default", args)
        source = BenchDatabase(args.databases[0], size, args.var)
        source_picks = picks_by_db[f"{source.engine}-{size}"]
        peer_cases = [c for c in page_cases_module.page_cases(source_picks) if c.name in pages_wanted]
        drawn = None
        if "headline" in args.wanted:
            log(f"draw: words and pairs from {source.url}")
            drawn = django_json(source, "bench.draw", "--seed", str(args.word_seed), "--rounds", str(args.rounds))
            picks_by_db[f"draw-{size}"] = drawn
            log(drawn_text(drawn))
        with contextlib.ExitStack() as stack:
            peer = None
            if "datasette" in args.wanted and (drawn or peer_cases):
                peer = stack.enter_context(peer_serving(source, args, rebuilt))
                meta[f"datasette_{size}"] = {"source": source.url}
            if drawn:
                for engine in args.databases:
                    built = built_by_db.get(f"{engine}-{size}")
                    rows += headline_rows(BenchDatabase(engine, size, args.var), drawn, peer, args, built=built)
            if peer and peer_cases:
                attach_peer(rows, size, datasette_times(peer, peer_cases, args))
    out = args.var / f"results-{started:%Y%m%d-%H%M%S}.json"
    save(out, meta, picks_by_db, sizes_by_db, rows, problems)  # kept even if the tuned phase fails
    if "tuned" in args.pg_config and "postgres" in args.databases:
        try:
            rows += tuned_rows(args, picks_by_db, pages_wanted, rows, meta)
        except pg_settings.Busy as busy:
            problems.append(str(busy))
    save(out, meta, picks_by_db, sizes_by_db, rows, problems)
    if any(r.get("headline") for r in rows):
        print(render_headline(rows))
        for size in args.sizes:
            if f"draw-{size}" in picks_by_db:
                print(f"\n{_size_words(size)} {drawn_text(picks_by_db[f'draw-{size}'])}")
        print()
    print(render(rows))
    for problem in meta["problems"]:
        print(f"! {problem}")
    print(
        f"\n(ratio = Datasette's median ÷ ours: above 1 we are faster; growth = this size ÷ the smallest size; "
        f"machine load average {meta['loadavg_start'][0]:.1f} at the start, {meta['loadavg_end'][0]:.1f} at the end; "
        f"JSON with every sample: {out.relative_to(REPO) if out.is_relative_to(REPO) else out})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
