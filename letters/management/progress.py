"""Progress lines for long commands: count, share, rate and time left, at most once a second."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO, total: int | None, label: str = "letters", every_seconds: float = 1.0):
        self.stream, self.total, self.label, self.every = stream, total, label, every_seconds
        self.started = self.last = time.monotonic()
        self.done = 0

    def step(self, note: str = "") -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last >= self.every or self.done == self.total:
            self.last = now
            self.stream.write(self.line(now, note) + "\n")
            self.stream.flush()

    def line(self, now: float, note: str = "") -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            left = (self.total - self.done) / rate if rate else 0
            head = f"[{self.done}/{self.total} {100 * self.done / self.total:.0f}%]"
            tail = f"{rate:.0f} {self.label}/s, about {left:.0f}s left"
        else:
            head, tail = f"[{self.done}]", f"{rate:.0f} {self.label}/s"
        return f"{head} {tail}{' ' + note if note else ''}"

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started
