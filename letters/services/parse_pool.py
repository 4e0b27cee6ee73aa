"""Parse letters in worker processes while the main process writes to the database.

Workers import only the pure parser (no Django, no database connection), get the reference data once when
they start, and are fed a bounded batch at a time so that memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import multiprocessing

from letters.parsing import ParsedLetter, parse
from letters.parsing.authorities import AuthorityIndex, AuthorityRecord
from letters.parsing.compiled_store import FolderStore
from letters.parsing.themes import ThemeMatcher, rules_from_dicts

_authorities: AuthorityIndex | None = None
_themes: ThemeMatcher | None = None


def _start(records: list[AuthorityRecord], theme_dicts: list[dict], rules_folder: str | None) -> None:
    global _authorities, _themes
    _authorities = AuthorityIndex(records)
    store = FolderStore(rules_folder) if rules_folder else None
    _themes = ThemeMatcher(rules_from_dicts(theme_dicts), prefilter_store=store)


def _parse(raw: bytes) -> ParsedLetter:
    return parse(raw, authorities=_authorities, themes=_themes)


class ParsePool:
    """``parse_many(raws)`` in ``workers`` processes (``workers <= 1``: in this process). ``rules_folder``: where the
    theme prefilter is kept between runs (parsing/compiled_store.py), or None."""

    def __init__(
        self, workers: int, records: list[AuthorityRecord], theme_dicts: list[dict], rules_folder: str | None = None
    ):
        self.workers = workers
        self._pool = None
        if workers > 1:
            context = multiprocessing.get_context("spawn")  # no inherited database sockets
            self._pool = context.Pool(workers, initializer=_start, initargs=(records, theme_dicts, rules_folder))
        else:
            _start(records, theme_dicts, rules_folder)

    def submit(self, raws: list[bytes]):
        """Start parsing ``raws``; ``.get()`` on the result waits for the ParsedLetters, in order."""
        if self._pool is None:
            return _Done([_parse(raw) for raw in raws])
        return self._pool.map_async(_parse, raws, chunksize=max(1, len(raws) // (4 * self.workers)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()


class _Done:
    def __init__(self, value: list[ParsedLetter]):
        self.value = value

    def get(self) -> list[ParsedLetter]:
        return self.value
