"""The search pages' layout contract for phones: the filters sit, folded, between the search box and the results."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/findings/", "/letters/"])
def test_filters_are_a_folded_panel_between_the_search_box_and_the_results(client, archive, url):
    html = client.get(url).content.decode()
    assert (
        html.index('id="q"')
        < html.index('id="show-filters"')
        < html.index('class="facet"')
        < html.index('class="hits"')
    )
    toggle = html[html.index('<input type="checkbox" id="show-filters"') :].split(">", 1)[0]
    assert "name=" not in toggle and "checked" not in toggle  # never sent with the search; folded at first


def test_a_search_with_unreadable_filters_opens_the_panel(client, archive):
    html = client.get("/findings/", {"year_from": "soon"}).content.decode()
    assert '<input type="checkbox" id="show-filters" class="filters-toggle" checked>' in html


def test_search_pages_link_to_the_same_search_in_the_api(client, archive):
    html = client.get("/findings/", {"q": "domestic"}).content.decode()
    assert 'id="api-link" href="/api/findings/?q=domestic"' in html
