"""The benchmark's databases: one fresh database per (engine, size) — PostgreSQL `bench_<size>`, SQLite
`var/bench/bench_<size>.sqlite3` — migrated by `manage.py migrate` in a child process, as a deployment would."""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.measure import run_measured

REPO = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
ENGINES = ("postgres", "sqlite")


@dataclass(frozen=True)
class BenchDatabase:
    engine: str  # "postgres" or "sqlite"
    size: int
    var: Path

    @property
    def name(self) -> str:
        return f"bench_{self.size}"

    @property
    def sqlite_path(self) -> Path:
        return self.var / f"{self.name}.sqlite3"

    @property
    def url(self) -> str:
        if self.engine == "postgres":
            return f"{PG_SERVER}/{self.name}"
        return f"sqlite:///{self.sqlite_path}"

    def exists(self) -> bool:
        if self.engine == "sqlite":
            return self.sqlite_path.exists()
        with _admin() as admin:
            return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone() is not None


def _admin() -> psycopg.Connection:
    return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)


def django_env(var: Path, database_url: str) -> dict[str, str]:
    """The environment of every Django child process: this database, and var/ folders of the benchmark's own."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="ofsted_archive.settings",
        OFSTED_VAR_DIR=str(var / "app-var"),
        LOGIN_THROTTLE_DIR=str(var / "app-var" / "login-throttle"),
        PYTHONPATH=str(REPO),
        DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    env.pop("PRODUCTION", None)
    return env


def recreate(db: BenchDatabase) -> None:
    """Drop and create the database (never anything but bench_*)."""
    assert db.name.startswith("bench_")
    if db.engine == "sqlite":
        db.var.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db.sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{db.name}"')


def migrate(db: BenchDatabase) -> None:
    result = run_measured(
        [sys.executable, "manage.py", "migrate", "--noinput"], django_env(db.var, db.url), cwd=str(REPO)
    )
    if result.returncode != 0:
        raise RuntimeError(f"migrate failed on {db.url}: {' | '.join(result.stderr_tail[-8:])}")


def settle(db: BenchDatabase) -> None:
    """PostgreSQL: VACUUM ANALYZE, which autovacuum would do within minutes of a bulk ingest anyway; done here so
    that the figures do not depend on whether it had run yet (it also merges GIN pending lists). SQLite: nothing,
    as nothing in a deployment would run ANALYZE either."""
    if db.engine != "postgres":
        return
    with psycopg.connect(db.url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


def sizes(db: BenchDatabase) -> dict:
    """On-disk sizes in MB: the whole database, and the findings and letters tables with their indexes."""
    if db.engine == "sqlite":
        with sqlite3.connect(db.sqlite_path) as connection:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        return {"database_mb": round(pages * page_size / 2**20, 1)}
    with psycopg.connect(db.url) as connection:
        row = connection.execute(
            """SELECT pg_database_size(current_database()),
                      pg_table_size('letters_finding'), pg_indexes_size('letters_finding'),
                      pg_table_size('letters_findingtheme') + pg_indexes_size('letters_findingtheme'),
                      pg_table_size('letters_inspection'), pg_indexes_size('letters_inspection')"""
        ).fetchone()
    names = ("database", "findings_table", "findings_indexes", "finding_themes", "letters_table", "letters_indexes")
    return {f"{name}_mb": round(value / 2**20, 1) for name, value in zip(names, row, strict=True)}
