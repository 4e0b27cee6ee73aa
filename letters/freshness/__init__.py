"""Freshness: the archive's data version and every cache keyed by it. Nothing else invalidates anything.

- ``changed(using=None)``: the data changed; call it inside the transaction that writes (services do), so a reader
  sees the new version exactly when it sees the new data. Every cached page and search result made before is then
  never served again (their keys hold the old version).
- ``state()`` / ``state_for(request)``: (data version, whether the facet count tables were built at it).
- ``page_cache.cached_by_data_version``: whole public pages; ``search_cache``: a search page's ids and facet counts.
Every write goes through a service (letters/services/changes.py), which calls ``changed`` in its transaction: there
are no model signals. A write made around the services (a shell, ``loaddata``) must call ``changed()`` itself.
"""

from letters.freshness.data_version import changed, current, state, state_for

__all__ = ["changed", "current", "state", "state_for"]
