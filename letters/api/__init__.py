"""The read-only JSON API: the search pages' results, facets and pagination under the same URL parameters, and
councils and letters by their stable URLs, described by an OpenAPI schema (drf-spectacular) served at /api/schema/."""
