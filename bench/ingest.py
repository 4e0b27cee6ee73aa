"""Benchmark 5: `manage.py ingest_letters --workers 2` over the whole corpus in a child process (wall time, peak
RSS), then the same command again over the unchanged corpus. Two parser processes: the issue's goal is a rate on 2
cores, whatever the machine has."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from bench.databases import REPO, BenchDatabase, django_env
from bench.measure import progress_printer, run_measured

INGEST_WORKERS = 2
_SUMMARY = re.compile(
    r"(?P<files>\d+) files in .*?(?P<added>\d+) added, (?P<updated>\d+) updated, "
    r"(?P<unchanged>\d+) unchanged, (?P<rejected>\d+) rejected"
)


def _progress_filter(every_s: float = 15.0):
    """Keep rejections, and a progress line at most every ``every_s`` seconds (the command prints one a second)."""
    last = [0.0]

    def keep(line: str) -> bool:
        if line.startswith("rejected"):
            return True
        if line.startswith("[") and (time.monotonic() - last[0] >= every_s or "100%]" in line):
            last[0] = time.monotonic()
            return True
        return False

    return keep


def ingest(db: BenchDatabase, corpus: Path, label: str) -> dict:
    """One run of the ingest command; a file rejected makes it exit 1, which is reported, not fatal."""
    print(f"{label}: {db.engine} {db.size} …", file=sys.stderr, flush=True)
    result = run_measured(
        [sys.executable, "manage.py", "ingest_letters", str(corpus), "--workers", str(INGEST_WORKERS)],
        django_env(db.var, db.url),
        cwd=str(REPO),
        on_stderr_line=progress_printer(f"  {label} {db.engine} {db.size}: ", _progress_filter()),
    )
    match = _SUMMARY.search(result.stdout)
    counts = {key: int(value) for key, value in match.groupdict().items()} if match else {}
    if result.returncode not in (0, 1) or not match:
        raise RuntimeError(
            f"{label} failed ({result.returncode}): {result.stdout.strip()} | {' | '.join(result.stderr_tail[-6:])}"
        )
    files = counts["files"]
    cpu = _cpu_a_letter(result, files)
    print(
        f"  {label} {db.engine} {db.size}: {result.stdout.strip()} — wall {result.seconds:.1f}s, "
        f"{files / result.seconds:.0f} letters/s, peak RSS {result.peak_rss_mb:.0f} MB "
        f"(PSS {result.peak_pss_mb:.0f} MB, {result.processes} processes)" + (f"; {cpu['said']}" if cpu else ""),
        file=sys.stderr,
        flush=True,
    )
    return {
        "seconds": result.seconds,
        "letters_per_s": files / result.seconds,
        "peak_rss_mb": result.peak_rss_mb,
        "peak_pss_mb": result.peak_pss_mb,
        "own_max_rss_mb": result.own_max_rss_mb,
        "processes": result.processes,
        "exit_status": result.returncode,
        "summary": result.stdout.strip(),
        **{key: value for key, value in cpu.items() if key != "said"},
        **counts,
    }


def _cpu_a_letter(result, files: int) -> dict:
    """Where the CPU went, in ms a letter: the command's processes (the parsers and the writing process), and the
    rest of the machine meanwhile (the database server, mostly); beside it, what the cores could have given (cores x
    wall). Busy cores throughout mean the rate is bound by CPU, not by waiting."""
    if not files:
        return {}
    command_ms = 1000 * result.cpu_seconds / files
    cpu = {"command_cpu_ms_a_letter": command_ms}
    said = f"CPU a letter: the command's processes {command_ms:.2f} ms"
    if result.machine_cpu_seconds is not None:
        rest_ms = max(0.0, 1000 * result.machine_cpu_seconds / files - command_ms)
        cores_ms = 1000 * (os.cpu_count() or 1) * result.seconds / files
        cpu.update(rest_cpu_ms_a_letter=rest_ms, cores_ms_a_letter=cores_ms)
        said += f", the rest of the machine (the database) {rest_ms:.2f} ms, of {cores_ms:.2f} ms the cores had"
    cpu["said"] = said
    return cpu
