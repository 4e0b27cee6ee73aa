"""An embedded search engine (tantivy) holding the archive's findings and letters, for the search pages.

The index is a snapshot of the database at one data version (freshness/), in a folder that every process of the
machine opens: a page uses the engine only when the snapshot was built at the version the page reads, so it is never
stale; until then (just after a write) the page is answered by SQL as before, while the next snapshot is built in the
background (or ahead, by ``manage.py build_search_index``).

- ``schema.py``: the documents' fields and the text analyser (the same words as SQLite's FTS5 porter tokenizer);
- ``build.py``: one consistent read of the database into a new index (a ``Snapshot``);
- ``query.py``: the search box's clauses (search/query.py) and the URL's filters as engine queries;
- ``counting.py``: the disjunctive facet counts, the total and one page of ids, and the whole relevance order;
- ``registry.py``: where the snapshots live, which one a page may use, and building them (once per version).
"""

from letters.search_engine.registry import build_now, snapshot_for

__all__ = ["build_now", "snapshot_for"]
