"""QuerySet methods of the searchable models: ``.search(q)`` is the one entry to full-text search
(``Finding.objects.search("domestic abuse")``), ``.ranked(q)`` orders by how well rows match. Both go through the
backend interface in letters/search/ (PostgreSQL tsvectors or SQLite FTS5, chosen by the connection)."""

from __future__ import annotations

from django.db import models

from letters import search


class SearchableQuerySet(models.QuerySet):
    def search(self, text: str):
        """The rows the search words match (every row when there are no words)."""
        text = " ".join((text or "").split())
        return search.match(self, text) if text else self

    def ranked(self, text: str):
        """The rows annotated with ``rank`` for the search words (higher is better)."""
        return search.rank(self, text)


class FindingQuerySet(SearchableQuerySet):
    pass


class InspectionQuerySet(SearchableQuerySet):
    pass
