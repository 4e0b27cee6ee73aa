"""Load test: many concurrent users for a bounded time against the archive on 127.0.0.1, driven by wrk.

    .venv/bin/python bench/load/run_load.py --prepare [--letters 3000]   # make ofsted_load: migrate, generate, ingest
    .venv/bin/python bench/load/run_load.py [--users 50] [--duration 60] [--workers 4] [--threads 4]
    .venv/bin/python bench/load/run_load.py --url http://127.0.0.1:8000  # a server you started yourself

The archive is served by gunicorn from .venv (when gunicorn is missing: `manage.py runserver --noreload`, and the
report says so: the development server is no measure of production). URLs come from the database: findings
searches (words, phrases, OR, negation, with and without facets), facet filters alone, letter searches, letter
pages, council pages and CSV/JSON exports of a council's findings, in fixed proportions, shuffled with a fixed seed.
wrk (Debian's `apt-get install -y wrk`) has every connection walk that list through bench/load/rotate.lua.

Bounded and local: the server binds 127.0.0.1, --url must be loopback, the run lasts --duration seconds (at most
600) after a short warm-up, with at most 500 connections. The database is a separate one (ofsted_load by default);
test databases (test_*) are refused. Prints requests served, throughput, latency percentiles and errors.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LUA = Path(__file__).with_name("rotate.lua")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ofsted_load"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SERVER_LOG = ROOT / "var" / "load-server.log"

# Words people search the archive for; the query syntax (phrases, OR, -) is part of the mix.
QUERIES = [
    "supervision",
    "domestic abuse",
    '"strategy discussions"',
    "caseloads OR morale",
    "assessment -police",
    "timely",
    "care leavers",
    "MASH",
    "thresholds",
    "neglect",
    "management oversight",
    '"child protection" plans',
    "exploitation OR missing",
    "recruitment",
    "early help",
    "disabled children",
]
# category -> share of requests
MIX = {
    "findings_search": 30,
    "findings_facets": 20,
    "letters_search": 10,
    "letter_page": 25,
    "council_page": 8,
    "export": 7,
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def env_for(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
    }


def check_database(database_url: str) -> str:
    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    if parsed.scheme not in ("postgres", "postgresql"):
        raise SystemExit("the load test runs on PostgreSQL: give a postgres:// --database-url")
    if parsed.hostname not in LOOPBACK:
        raise SystemExit(f"the database must be on this machine, not {parsed.hostname}")
    if name.startswith("test_") or name == "ofsted_archive":
        raise SystemExit(f"refusing to load-test {name!r}: use a database of its own (default ofsted_load)")
    return name


def manage(database_url: str, *args: str, timeout: int = 3600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env_for(database_url), timeout=timeout, check=False
    )


# --- preparing the database ----------------------------------------------------------------------------------------


def prepare(database_url: str, letters: int, corpus: Path) -> None:
    import psycopg

    name = check_database(database_url)
    admin = urlparse(database_url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            log(f"created database {name}")
    if manage(database_url, "migrate", "--noinput", "-v0").returncode:
        raise SystemExit("migrate failed")
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) < letters:
        log(f"generating {letters} synthetic letters in {corpus}")
        made = subprocess.run(
            [str(PYTHON), "-m", "letters.synthetic", str(corpus), "--count", str(letters), "--seed", "1"],
            cwd=ROOT,
            timeout=1800,
            check=False,
        )
        if made.returncode:
            raise SystemExit("the synthetic generator failed")
    sources = [str(corpus), str(ROOT / "sample_data")]
    real = ROOT.parent / "shared" / "real-letters"
    if real.is_dir():
        sources.append(str(real))
    log(f"ingesting {', '.join(sources)}")
    started = time.monotonic()
    done = manage(database_url, "ingest_letters", *sources, "--quiet")
    log(f"ingest finished in {time.monotonic() - started:.0f}s (exit status {done.returncode}: 1 means some rejected)")


# --- the URLs ------------------------------------------------------------------------------------------------------


def build_urls(database_url: str, count: int, seed: int) -> list[tuple[str, str]]:
    """(category, path) pairs in the MIX proportions, from what the database holds."""
    os.environ.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="ofsted_archive.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from letters.models import Authority, Inspection, Theme

    letters = list(Inspection.objects.select_related("authority").order_by("pk"))
    if not letters:
        raise SystemExit("the database holds no letters: run with --prepare first")
    rng = random.Random(seed)
    councils = sorted(Authority.objects.filter(inspections__isnull=False).values_list("slug", flat=True).distinct())
    themes = list(Theme.objects.values_list("slug", flat=True))
    years = sorted({letter.year for letter in letters if letter.year})
    pages = [letter.get_absolute_url() for letter in rng.sample(letters, min(500, len(letters)))]

    def facets() -> dict:
        chosen = {}
        for name, values in (("council", councils), ("theme", themes), ("year", years)):
            if values and rng.random() < 0.5:
                chosen[name] = rng.choice(values)
        return chosen or {"theme": rng.choice(themes)}

    makers = {
        "findings_search": lambda: (
            "/findings/?" + urlencode({"q": rng.choice(QUERIES), **(facets() if rng.random() < 0.4 else {})})
        ),
        "findings_facets": lambda: "/findings/?" + urlencode(facets()),
        "letters_search": lambda: "/letters/?" + urlencode({"q": rng.choice(QUERIES)}),
        "letter_page": lambda: rng.choice(pages),
        "council_page": lambda: f"/councils/{rng.choice(councils)}/",
        "export": lambda: (
            f"/findings/export.{rng.choice(['csv', 'json'])}?"
            + urlencode({"council": rng.choice(councils), "q": rng.choice(QUERIES)})
        ),
    }
    categories = [category for category, share in MIX.items() for _ in range(share)]
    return [(category, makers[category]()) for category in (rng.choice(categories) for _ in range(count))]


# --- the server ----------------------------------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database_url: str, workers: int, threads: int) -> tuple[subprocess.Popen, str, str]:
    port = free_port()
    if GUNICORN.exists():
        command = [
            str(GUNICORN),
            "ofsted_archive.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
        label = f"gunicorn, {workers} workers x {threads} threads"
    else:
        command = [str(PYTHON), "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
        label = "manage.py runserver --noreload (DEVELOPMENT SERVER: not representative of production)"
    SERVER_LOG.parent.mkdir(exist_ok=True)
    with SERVER_LOG.open("w") as server_log:
        server = subprocess.Popen(command, cwd=ROOT, env=env_for(database_url), stdout=server_log, stderr=server_log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as answer:
                if answer.status == 200:
                    return server, url, label
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    server.terminate()
    raise SystemExit(f"the server did not answer on {url} within 60 s: see {SERVER_LOG}")


# --- the run -------------------------------------------------------------------------------------------------------


def run_wrk(url: str, urls_file: Path, users: int, duration: int, threads: int) -> dict:
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={users}",
        f"--duration={duration}s",
        "--timeout=30s",
        f"--script={LUA}",
        url,
    ]
    done = subprocess.run(
        command,
        env={**os.environ, "LOAD_URLS": str(urls_file)},
        capture_output=True,
        text=True,
        timeout=duration + 120,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("LOADJSON "):
            return json.loads(line.removeprefix("LOADJSON "))
    raise SystemExit(f"wrk gave no result (exit {done.returncode}): {done.stderr or done.stdout}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--prepare", action="store_true", help="create, migrate and fill the database, then stop")
    parser.add_argument("--letters", type=int, default=3000, help="synthetic letters for --prepare")
    parser.add_argument("--corpus", type=Path, default=ROOT / "var" / "load-corpus")
    parser.add_argument("--url", help="load-test this server (loopback only) instead of starting one")
    parser.add_argument("--users", type=int, default=50, help="concurrent connections (at most 500)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of measured load (at most 600)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of unmeasured load first")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--urls", type=int, default=3000, help="distinct URLs to rotate through")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--per-category", type=int, default=0, metavar="SECONDS", help="then load each category alone this long"
    )
    args = parser.parse_args(argv)

    if args.prepare:
        prepare(args.database_url, args.letters, args.corpus)
        return 0
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    if not (0 < args.users <= 500 and 0 < args.duration <= 600):
        raise SystemExit("--users must be 1-500 and --duration 1-600 seconds")
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        raise SystemExit(f"refusing to load-test {args.url}: loopback addresses only")
    check_database(args.database_url)

    urls = build_urls(args.database_url, args.urls, args.seed)
    server = None
    try:
        if args.url:
            url, label = args.url.rstrip("/"), f"the server at {args.url}"
        else:
            server, url, label = start_server(args.database_url, args.workers, args.threads)
        with tempfile.TemporaryDirectory() as folder:
            urls_file = Path(folder) / "urls.tsv"
            urls_file.write_text("".join(f"{category}\t{path}\n" for category, path in urls), encoding="utf-8")
            log(f"{label} on {url}; {len(urls)} URLs; warming up for {args.warmup}s")
            if args.warmup:
                run_wrk(url, urls_file, min(args.users, 10), args.warmup, 1)
            log(f"{args.users} users for {args.duration}s")
            result = run_wrk(url, urls_file, args.users, args.duration, args.wrk_threads)
            alone = {}
            for category in MIX if args.per_category else ():
                only = Path(folder) / f"{category}.tsv"
                only.write_text("".join(f"{c}\t{p}\n" for c, p in urls if c == category), encoding="utf-8")
                log(f"{category} alone for {args.per_category}s")
                alone[category] = run_wrk(url, only, args.users, min(args.per_category, 120), args.wrk_threads)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    seconds = result["duration_us"] / 1e6
    errors = result["errors"]
    latency = {key: value / 1000 for key, value in result["latency_us"].items()}
    print(f"server: {label}")
    print(f"load: {args.users} concurrent connections for {seconds:.0f}s over {len(urls)} URLs {dict(MIX)}")
    print(f"requests served: {result['requests']} ({result['requests'] / seconds:.1f}/s)")
    print(
        "latency ms: "
        + ", ".join(f"{key} {latency[key]:.0f}" for key in ("p50", "p90", "p95", "p99", "max"))
        + f" (mean {latency['mean']:.0f})"
    )
    print(
        f"errors: {sum(errors.values())} ({', '.join(f'{k} {v}' for k, v in errors.items())}); "
        f"non-2xx by category: {result['non_2xx_by_category'] or 'none'}"
    )
    print(f"served by category: {result['served_by_category']}")
    for category, figures in alone.items():
        ms = {key: value / 1000 for key, value in figures["latency_us"].items()}
        rate = figures["requests"] / (figures["duration_us"] / 1e6)
        print(
            f"  {category:16} alone: {rate:6.1f}/s, p50 {ms['p50']:.0f} ms, p95 {ms['p95']:.0f} ms, "
            f"p99 {ms['p99']:.0f} ms, errors {sum(figures['errors'].values())}"
        )
    print("LOADRESULT " + json.dumps({"server": label, "users": args.users, **result, "alone": alone}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
