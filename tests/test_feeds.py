"""Atom feeds: new letters overall and per council, and any search's letters (the same URL parameters)."""

import pytest

pytestmark = pytest.mark.django_db


def test_feeds_are_atom_and_follow_a_search(client, archive):
    response = client.get("/feeds/findings/search/", {"q": "domestic", "council": "wolverhampton"})
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 1 and "Wolverhampton" in body
    assert client.get("/feeds/councils/stoke-on-trent/").content.decode().count("<entry>") == 2
    assert client.get("/feeds/letters/").content.decode().count("<entry>") == 5


def test_a_search_feed_names_its_search_in_its_title(client, archive):
    body = client.get(
        "/feeds/findings/search/", {"q": "domestic", "council": "wolverhampton", "theme": "domestic-abuse"}
    ).content.decode()
    assert "letters with findings matching “domestic”; council: Wolverhampton; theme: Domestic abuse" in body
    body = client.get("/feeds/letters/search/", {"theme_match": "all", "region": "West Midlands"}).content.decode()
    assert "letters matching region: West Midlands</title>" in body
