"""The search pages' cache: a page of results (its ids) and its facet counts, keyed by the search kind, the URL's
parameters (in a canonical order) and the data version, so that a cached search never outlives its data."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.http import QueryDict

CACHE_SECONDS = 3600
T = TypeVar("T")


def _key(kind: str, data: QueryDict, version: int) -> str:
    canonical = sorted((key, sorted(v for v in values if v)) for key, values in data.lists() if any(values))
    digest = hashlib.sha1(repr(canonical).encode()).hexdigest()
    return f"search:{kind}:{version}:{digest}"


def get(kind: str, data: QueryDict, version: int) -> dict | None:
    """{"total", "number", "ids", "counts"} as stored for this search at this data version, or None."""
    return cache.get(_key(kind, data, version))


def put(kind: str, data: QueryDict, version: int, *, total: int, number: int, ids: list[int], counts: dict) -> dict:
    entry = {"total": total, "number": number, "ids": ids, "counts": counts}
    cache.set(_key(kind, data, version), entry, CACHE_SECONDS)
    return entry


_made: dict[str, object] = {}  # this process's values of ``remembered``, by key


def remembered(name: str, version: int, make: Callable[[], T]) -> T:
    """What ``make`` gives at this data version (a search kind's facet labels: every council, framework and theme,
    the same on every page until the data changes), made once per version and process. The value stays in this
    process's memory, not pickled through the cache on every page; the cache holds a marker saying it is still good,
    so that whatever empties the cache (a test's new database, the cache's own culling) empties this too."""
    key = f"search:{name}:{version}"
    if cache.get(key) and key in _made:
        return _made[key]
    value = make()
    if len(_made) >= 64:
        _made.clear()
    _made[key] = value
    cache.set(key, True, CACHE_SECONDS)
    return value
