"""The ingest benchmark says where the CPU went: the command's processes, and the rest of the machine meanwhile."""

import os

from bench.ingest import _cpu_a_letter
from bench.measure import Measured, machine_cpu_seconds


def _measured(cpu_seconds: float, machine: float | None) -> Measured:
    return Measured(
        returncode=0, seconds=10.0, peak_rss_mb=1, peak_pss_mb=1, own_max_rss_mb=1, processes=3, stdout="",
        stderr_tail=[], cpu_seconds=cpu_seconds, machine_cpu_seconds=machine,
    )  # fmt: skip


def test_the_cpu_a_letter_splits_the_command_from_the_rest_of_the_machine():
    cpu = _cpu_a_letter(_measured(6.0, 9.0), 1000)
    assert cpu["command_cpu_ms_a_letter"] == 6.0 and cpu["rest_cpu_ms_a_letter"] == 3.0
    assert cpu["cores_ms_a_letter"] == 10.0 * (os.cpu_count() or 1)
    assert "6.00 ms" in cpu["said"] and "3.00 ms" in cpu["said"]


def test_without_the_machine_s_figures_only_the_command_s_are_given():
    cpu = _cpu_a_letter(_measured(6.0, None), 1000)
    assert set(cpu) == {"command_cpu_ms_a_letter", "said"}
    assert _cpu_a_letter(_measured(6.0, 9.0), 0) == {}


def test_the_machine_s_busy_time_only_grows():
    first = machine_cpu_seconds()
    sum(range(2_000_000))
    second = machine_cpu_seconds()
    if first is not None:  # Linux
        assert second >= first
