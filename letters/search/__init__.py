"""One small search interface over two backends, chosen by the database connection; views never branch.

- ``match(qs, text)``: the rows of a Finding or Inspection queryset that the query matches;
- ``rank(qs, text)``: the same queryset annotated with ``rank`` (higher is better);
- ``snippets(qs, ids, text, column, whole=…)``: {pk: safe HTML with <mark>ed hits} for one page of results;
- ``match_sql(qs, alias, text)``: the match and its rank as raw SQL, for the one-pass facet counts and page;
- ``also_searched(text)``: the synonyms of the field's vocabulary every backend searched as well (to show the user).
"""

from __future__ import annotations

from types import ModuleType

from django.db import connections
from django.db.models import QuerySet

from letters.search import postgres, sqlite_fts5
from letters.search.match_sql import MatchSQL
from letters.search.query import searched_clauses


def backend(queryset: QuerySet) -> ModuleType:
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        return postgres
    if vendor == "sqlite":
        return sqlite_fts5
    raise NotImplementedError(f"no full-text search backend for {vendor}")


def match(queryset: QuerySet, text: str) -> QuerySet:
    return backend(queryset).match(queryset, text)


def rank(queryset: QuerySet, text: str) -> QuerySet:
    return backend(queryset).rank(queryset, text)


def match_sql(queryset: QuerySet, alias: str, text: str) -> MatchSQL:
    """SQL for "row ``alias`` of the queryset's table matches ``text``", and how well (higher is better)."""
    return backend(queryset).match_sql(queryset.model._meta.db_table, alias, text)


def snippets(queryset: QuerySet, ids: list[int], text: str, column: str, *, whole: bool) -> dict[int, str]:
    if not ids:
        return {}
    return backend(queryset).snippets(queryset, ids, text, column, whole=whole)


def also_searched(text: str) -> list[str]:
    """The synonyms searched besides what was typed ("care leavers" -> ["care-experienced", "leaving care"])."""
    return searched_clauses(text)[1] if text else []
