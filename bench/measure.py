"""Run a command as a child process and measure its wall time and peak memory.

Two figures, because the ingest may fork parser workers:
- ``peak_rss_mb``: the peak over time of the summed RSS of the child and all its descendants, sampled every
  0.1 s from /proc (RSS counts pages forked workers share with their parent once per process, so this is an upper
  bound); never less than the kernel's high-water mark of the child itself (``ru_maxrss`` from ``os.wait4``, which
  misses nothing between samples);
- ``peak_pss_mb``: the same sum of PSS (shared pages divided among the processes sharing them), the memory the
  process tree really took from the machine.
Linux folds the parent's RSS at fork/exec into ``ru_maxrss``, so the parent (this harness) stays small; its own
peak is in the results for comparison.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SAMPLE_EVERY_S = 0.1


@dataclass
class Measured:
    returncode: int
    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    own_max_rss_mb: float  # ru_maxrss of the child process alone
    processes: int  # the most processes seen in the tree at once
    stdout: str
    stderr_tail: list[str]
    cpu_seconds: float = 0.0  # the child's CPU time and its waited-for children's (an ingest's parser processes)
    machine_cpu_seconds: float | None = None  # every process's on the machine meanwhile (Linux), the database's too


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _tree(pid: int) -> list[int]:
    children, found, todo = _children_map(), [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; (0, 0) once it has gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


class _TreeSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stopped = pid, threading.Event()
        self.peak_rss_kb = self.peak_pss_kb = self.processes = 0

    def run(self) -> None:
        while not self.stopped.is_set():
            pids = _tree(self.pid)
            sizes = [_memory_kb(pid) for pid in pids]
            self.peak_rss_kb = max(self.peak_rss_kb, sum(rss for rss, _ in sizes))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss for _, pss in sizes))
            self.processes = max(self.processes, sum(1 for rss, _ in sizes if rss))
            self.stopped.wait(SAMPLE_EVERY_S)


def run_measured(
    command: list[str],
    env: dict[str, str],
    *,
    on_stderr_line: Callable[[str], None] | None = None,
    cwd: str | None = None,
) -> Measured:
    """Run ``command``; stderr lines go to ``on_stderr_line`` as they come (progress), stdout is returned."""
    tail: list[str] = []

    def pump(stream) -> None:
        for line in stream:
            line = line.rstrip("\n")
            tail.append(line)
            del tail[:-40]
            if on_stderr_line is not None:
                on_stderr_line(line)

    machine_before = machine_cpu_seconds()
    started = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )
    sampler = _TreeSampler(child.pid)
    sampler.start()
    reader = threading.Thread(target=pump, args=(child.stderr,), daemon=True)
    reader.start()
    stdout = child.stdout.read()
    reader.join()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    machine_after = machine_cpu_seconds()
    sampler.stopped.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    own = usage.ru_maxrss / 1024
    return Measured(
        returncode=child.returncode,
        seconds=seconds,
        peak_rss_mb=max(own, sampler.peak_rss_kb / 1024),
        peak_pss_mb=sampler.peak_pss_kb / 1024,
        own_max_rss_mb=own,
        processes=sampler.processes,
        stdout=stdout,
        stderr_tail=tail,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        machine_cpu_seconds=(
            machine_after - machine_before if machine_before is not None and machine_after is not None else None
        ),
    )


def machine_cpu_seconds() -> float | None:
    """The CPU time every core of the machine has spent busy since it started (Linux's /proc/stat), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    if len(fields) < 5:
        return None
    busy = sum(fields[:8]) - fields[3] - fields[4]  # all but idle and waiting for I/O (guests are counted in user)
    return busy / os.sysconf("SC_CLK_TCK")


def own_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def progress_printer(prefix: str, keep: Callable[[str], bool] = lambda line: True) -> Callable[[str], None]:
    def show(line: str) -> None:
        if keep(line):
            print(f"{prefix}{line}", file=sys.stderr, flush=True)

    return show
