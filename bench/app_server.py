"""The archive as a deployment serves it: gunicorn from the app's virtualenv, one sync worker, on a free loopback
port, against a benchmark database, for the length of a `with` block."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.databases import REPO, BenchDatabase, django_env
from bench.serve import free_port, serving

WORKERS = 1


@contextlib.contextmanager
def serving_app(db: BenchDatabase, log: Path) -> Iterator[str]:
    port = free_port()
    env = {**django_env(db.var, db.url), "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "ofsted_archive.wsgi:application",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "300",
        "--log-level",
        "warning",
    ]
    with serving(command, port, "/healthz", log, env=env, cwd=str(REPO)) as base:
        yield base
