"""Freshness: a repeated search or page is served from the cache until the data changes; every write raises the
data version (``freshness.changed``), after which no cached page, search or count table is used."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from letters import freshness
from letters.browse.search_page import search_findings
from letters.models import Finding
from letters.services.count_tables import counts_are_current, rebuild_facet_counts

pytestmark = pytest.mark.django_db


def test_a_repeated_search_is_served_from_the_cache_until_the_data_changes(client, archive):
    from letters.services.curation import record_finding_edit

    url = "/findings/?q=domestic&council=stoke-on-trent&council=wolverhampton"
    with CaptureQueriesContext(connection) as first:
        body = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).content.decode() == body
    assert len(again.captured_queries) < len(first.captured_queries)
    finding = Finding.objects.filter(authority__slug="wolverhampton", text__icontains="domestic").first()
    finding.text = "Domestic abuse notifications are now checked within a day."
    finding.save()
    record_finding_edit(finding, ["text"])
    changed = client.get(url).content.decode()
    assert "now checked within a day" in changed and changed != body


def test_the_search_cache_is_keyed_by_the_data_version(archive, django_assert_num_queries):
    data = QueryDict("q=domestic")
    state = freshness.state()
    first = search_findings(data, "/findings/", state)
    # From the cache: the page's rows (their themes read from the rows' theme masks) and their snippets; the facets'
    # labels (councils, frameworks, themes) are cached too; nothing matched, counted or ordered.
    with django_assert_num_queries(2):
        again = search_findings(data, "/findings/", state)
    assert [f.pk for f in again.page] == [f.pk for f in first.page] and again.facets == first.facets
    freshness.changed()
    assert freshness.state()[0] == state[0] + 1
    with CaptureQueriesContext(connection) as after:
        search_findings(data, "/findings/", freshness.state())
    assert len(after.captured_queries) > 6  # matched and counted again


def test_count_tables_are_not_used_once_the_data_has_changed(archive):
    rebuild_facet_counts()
    assert counts_are_current() and freshness.state()[1]
    freshness.changed()
    assert not counts_are_current() and not freshness.state()[1]


def test_a_remembered_value_is_made_once_per_version_and_again_once_the_cache_is_emptied():
    from django.core.cache import cache

    from letters.freshness import search_cache

    made = []

    def make():
        made.append(1)
        return len(made)

    assert search_cache.remembered("test-value", 7, make) == 1
    assert search_cache.remembered("test-value", 7, make) == 1  # from this process's memory
    assert search_cache.remembered("test-value", 8, make) == 2  # a new data version
    cache.clear()  # a test's new database, or the cache's culling
    assert search_cache.remembered("test-value", 8, make) == 3
