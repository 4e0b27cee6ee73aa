"""How a service writes: in a transaction that raises the data version when it changed something (every cache is
keyed by it) and leaves the facet count tables current for what it touched.

    with change() as touched:          # one transaction
        ...write...
        touched.councils(letter.authority_id)

A run of many transactions (an ingest, a re-parse of the archive) opens each with ``run.transaction()`` and calls
``run.finish()`` once at the end: the count tables are recounted once per run, not once per letter.

The tables can be brought up to date by recounting only the councils touched when they were current before the
write and nothing else wrote meanwhile; the data version row is locked from the start of each transaction, so that
"meanwhile" is known. Otherwise they are left behind the data version (readers then count the rows themselves,
correctly but slower) until a run that heals them, or rebuilt whole when the run touched most of the archive anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from letters.freshness import data_version
from letters.services.count_tables import rebuild_councils, rebuild_facet_counts

# Above this many councils, one rebuild of the whole tables costs less than recounting council by council.
MAX_COUNCILS = 40


@dataclass
class Touched:
    """What a write changed, as far as the count tables care: the councils whose rows change (their letters or
    findings, their region or latest grade), or everything (a theme gone). ``changed`` is False for a write that
    found nothing to change: the data version then stays where it was, and so do the caches."""

    council_ids: set[int] = field(default_factory=set)
    everything: bool = False
    changed: bool = True

    def councils(self, *authority_ids: int | None) -> None:
        self.council_ids.update(pk for pk in authority_ids if pk is not None)

    def add(self, other: Touched) -> None:
        self.council_ids |= other.council_ids
        self.everything |= other.everything

    @property
    def many(self) -> bool:
        return self.everything or len(self.council_ids) > MAX_COUNCILS


def _lock() -> tuple[int, int]:
    """Take the data version row for this transaction (a no-op write: the lock on both databases) and read it."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE letters_dataversion SET version = version WHERE id = 1")
        cursor.execute("SELECT version, counts_version FROM letters_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, -1)


def _refresh(touched: Touched) -> None:
    if touched.many:
        rebuild_facet_counts()
    else:
        rebuild_councils(touched.council_ids)


@contextmanager
def change() -> Iterator[Touched]:
    """One write in one transaction: the data version raised at its end (if it changed anything), and the count
    tables recounted for what it touched, in the same transaction."""
    run = Run()
    with transaction.atomic():
        with run.transaction() as touched:
            yield touched
        run.finish()


class Run:
    """Writes in many transactions whose count tables are brought up to date once, by ``finish``. With ``heal``,
    tables found behind the data version (a run killed before its end, say) are rebuilt even if nothing changed."""

    def __init__(self, *, heal: bool = False) -> None:
        self.heal = heal
        self.touched = Touched(changed=False)
        self._tables_were_current: bool | None = None  # at the start of the run's first write
        self._version: int | None = None  # after the run's last write
        self._disturbed = False  # another process wrote between two of the run's writes

    @contextmanager
    def transaction(self) -> Iterator[Touched]:
        with transaction.atomic():
            version, counts_version = _lock()
            touched = Touched()
            yield touched
            if touched.changed:
                data_version.bump()
            end = data_version.current()
        # Committed (or part of a caller's transaction that will be).
        if self._version is None:
            self._tables_were_current = counts_version == version
        elif version != self._version:
            self._disturbed = True
        self._version = end
        if touched.changed:
            self.touched.add(touched)
            self.touched.changed = True

    def finish(self) -> None:
        """Bring the count tables up to date after the run's last write."""
        with transaction.atomic():
            version, counts_version = _lock()
            if counts_version == version:
                return  # nothing was written, or someone else already counted
            undisturbed = (
                self._tables_were_current and not self._disturbed and self._version == version and self.touched.changed
            )
            if undisturbed:
                _refresh(self.touched)
            elif self.heal or self.touched.many:
                rebuild_facet_counts()


def councils_of(pairs: Iterable[tuple[int | None, int | None]]) -> set[int]:
    """The councils of (before, after) pairs of a letter's council, both sides."""
    return {pk for pair in pairs for pk in pair if pk is not None}
