"""The PostgreSQL settings the README recommends for a deployment, applied to this machine's server only when
asked (`python -m bench --pg-config default,tuned`), and restored afterwards.

shared_buffers needs a restart, so this runs ALTER SYSTEM and restarts the cluster, but only once no other client
is in a statement or transaction on a non-bench database (it waits, then gives up without changing anything); then
it puts back exactly what postgresql.auto.conf held before (saved to var/bench/pg-settings-saved.json until
restored) and restarts again under the same condition. After a crash: `python -m bench.pg_settings --restore`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

from bench.databases import PG_SERVER

# For the 50k-letter archive on a 2-core, 24 GB machine; reasons in README.md, "Benchmarks".
TUNED = {
    "shared_buffers": "4GB",
    "effective_cache_size": "16GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "512MB",
    "random_page_cost": "1.1",
    "effective_io_concurrency": "200",
    "jit": "off",
    "max_wal_size": "4GB",
}
CLUSTER = ("15", "main")
SAVED = "pg-settings-saved.json"


def _connect() -> psycopg.Connection:
    return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)


def current(names: list[str]) -> dict[str, str]:
    with _connect() as connection:
        rows = connection.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s)", [names])
        return dict(rows.fetchall())


def _auto_conf_values(names: list[str]) -> dict[str, str]:
    """What ALTER SYSTEM had set before us (postgresql.auto.conf), so that restoring puts exactly that back."""
    with _connect() as connection:
        rows = connection.execute(
            "SELECT name, setting FROM pg_file_settings WHERE sourcefile LIKE '%%postgresql.auto.conf' "
            "AND name = ANY(%s) ORDER BY seqno",
            [names],
        )
        return dict(rows.fetchall())


def _others_busy() -> list[str]:
    with _connect() as connection:
        rows = connection.execute(
            "SELECT datname, application_name, state FROM pg_stat_activity WHERE backend_type = 'client backend' "
            "AND pid <> pg_backend_pid() AND datname NOT LIKE 'bench\\_%%' AND state <> 'idle'"
        )
        return [f"{db} ({app or '?'}, {state})" for db, app, state in rows.fetchall()]


def _wait_quiet(wait_quiet_s: float) -> bool:
    """Wait until no other client is in a statement or transaction on a database that is not bench_*."""
    deadline = time.monotonic() + wait_quiet_s
    while busy := _others_busy():
        if time.monotonic() >= deadline:
            print(f"pg: not restarting, these sessions stayed busy: {', '.join(busy)}", file=sys.stderr)
            return False
        print(f"pg: waiting for other sessions before restarting: {', '.join(busy)}", file=sys.stderr)
        time.sleep(5)
    return True


def _restart() -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, "restart"], check=True)
    for _ in range(120):
        with contextlib.suppress(psycopg.OperationalError):
            _connect().close()
            return
        time.sleep(0.5)
    raise RuntimeError("PostgreSQL did not come back after the restart")


def _set(values: dict[str, str | None]) -> None:
    """ALTER SYSTEM takes no bind parameters: values go in as quoted literals, names are checked against TUNED."""
    with _connect() as connection:
        for name, value in values.items():
            assert name in TUNED
            if value is None:
                connection.execute(sql.SQL("ALTER SYSTEM RESET {}").format(sql.Identifier(name)))
            else:
                connection.execute(
                    sql.SQL("ALTER SYSTEM SET {} = {}").format(sql.Identifier(name), sql.Literal(str(value)))
                )
        connection.execute("SELECT pg_reload_conf()")


def _restart_pending() -> bool:
    with _connect() as connection:
        return connection.execute("SELECT count(*) FROM pg_settings WHERE pending_restart").fetchone()[0] > 0


def restore(var: Path, wait_quiet_s: float = 600) -> None:
    """Put back what postgresql.auto.conf held. Settings that need no restart take effect at once (reload); a
    restart (for shared_buffers) happens only when no one else is busy, else at the server's next restart."""
    saved = var / SAVED
    if not saved.exists():
        print("pg: nothing to restore", file=sys.stderr)
        return
    before = json.loads(saved.read_text())
    _set({name: before.get(name) for name in TUNED})
    saved.unlink()
    if _restart_pending():
        if _wait_quiet(wait_quiet_s):
            _restart()
        else:
            print("pg: the restored settings take full effect at the server's next restart", file=sys.stderr)
    print(f"pg: settings restored: {current(list(TUNED))}", file=sys.stderr)


class Busy(RuntimeError):
    """Other sessions were busy: the server was not restarted, and nothing was changed."""


@contextlib.contextmanager
def tuned(var: Path, wait_quiet_s: float) -> Iterator[dict[str, str]]:
    """The recommended settings in force for the block; the server's own afterwards, whatever happens. Raises
    Busy, having changed nothing, if other sessions stay busy for ``wait_quiet_s`` seconds."""
    if not _wait_quiet(wait_quiet_s):
        raise Busy("other sessions were busy: PostgreSQL was not restarted with the tuned settings")
    saved = var / SAVED
    if not saved.exists():  # a saved file left by a crash holds the true originals: keep it
        var.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(_auto_conf_values(list(TUNED))))
    try:
        _set(dict(TUNED))
        if _restart_pending():
            _restart()
        in_force = current(list(TUNED))
        print(f"pg: tuned settings in force: {in_force}", file=sys.stderr)
        yield in_force
    finally:
        restore(var, wait_quiet_s)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--restore", action="store_true", help="put back the settings saved before tuning")
    parser.add_argument("--show", action="store_true", help="print the settings in force")
    parser.add_argument("--var", type=Path, default=Path(__file__).resolve().parent.parent / "var" / "bench")
    args = parser.parse_args()
    if args.restore:
        restore(args.var)
    print(json.dumps(current(list(TUNED)), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
