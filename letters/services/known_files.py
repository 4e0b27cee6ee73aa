"""What the archive already holds, by file name and by content hash, for the files an ingest is about to handle.

Asked of the database for a window of files at a time (one query per window), never loaded whole: an ingest's
memory stays flat however many letters the archive holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from letters.models import Inspection


class KnownFiles:
    def __init__(self) -> None:
        self._by_name: dict[str, tuple[str, str]] = {}  # source name -> (sha256, parser version)
        self._by_hash: dict[str, str] = {}  # sha256 -> source name

    def prefetch(self, names: Iterable[str], digests: Iterable[str]) -> None:
        """Forget the last window and read what the database holds for these names and hashes."""
        names, digests = list(dict.fromkeys(names)), list(dict.fromkeys(digests))
        self._by_name.clear()
        self._by_hash.clear()
        if not names and not digests:
            return
        rows = Inspection.objects.filter(Q(source_name__in=names) | Q(sha256__in=digests)).values_list(
            "source_name", "sha256", "parser_version"
        )
        for name, digest, version in rows:
            self.remember(name, digest, version)

    def remember(self, name: str, digest: str, version: str) -> None:
        self._by_name[name] = (digest, version)
        self._by_hash[digest] = name

    def remember_twin(self, digest: str, name: str) -> None:
        self._by_hash[digest] = name

    def mark_existing(self, name: str) -> None:
        """A letter of this name is in the database (another ingest wrote it), its hash not yet known here."""
        self._by_name.setdefault(name, ("", ""))

    def get(self, name: str) -> tuple[str, str] | None:
        return self._by_name.get(name)

    def twin(self, digest: str) -> str | None:
        return self._by_hash.get(digest)

    def __contains__(self, name: str) -> bool:
        return name in self._by_name
