"""Median and 95th percentile of a list of samples (nearest rank: with n < 20 the p95 is the largest sample)."""

from __future__ import annotations

import math
import statistics


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summary(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0, "median": None, "p95": None, "min": None, "max": None}
    return {
        "n": len(samples),
        "median": statistics.median(samples),
        "p95": p95(samples),
        "min": min(samples),
        "max": max(samples),
    }
