"""Serve a SQLite file with Datasette on a free loopback port for the length of a `with` block."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from bench.serve import free_port
from bench.serve import serving as serving_command

# Facets and queries may take as long as they need (Datasette's defaults stop them at 0.2 s and 1 s); no suggested
# facets, so that each page computes exactly the facets asked for, as the archive's pages do.
SETTINGS = {"facet_time_limit_ms": "60000", "sql_time_limit_ms": "60000", "suggest_facets": "off"}


@contextlib.contextmanager
def serving(datasette: Path, database: Path, log: Path) -> Iterator[str]:
    """Yield the base URL ("http://127.0.0.1:PORT") of a Datasette serving ``database`` read-only (immutable)."""
    port = free_port()
    command = [str(datasette), "serve", "-i", str(database), "-h", "127.0.0.1", "-p", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    with serving_command(command, port, "/-/versions.json", log) as base:
        yield base
