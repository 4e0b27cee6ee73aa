import pytest
from django.urls import reverse

from letters.models import Authority, Inspection, Inspector, Theme

pytestmark = pytest.mark.django_db


def test_home_page_counts_and_lists(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("letters:home"))
    assert response.status_code == 200
    assert b"5 letters to 4 councils" in response.content
    assert b"Stoke-on-Trent" in response.content


def test_council_page_lists_its_letters_in_a_fixed_number_of_queries(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("letters:council", args=["stoke-on-trent"]))
    assert response.status_code == 200
    assert response.content.count(b"/councils/stoke-on-trent/letters/") >= 2


def test_letter_page_shows_findings_by_section_with_themes(client, archive, django_assert_max_num_queries):
    letter = Inspection.objects.get(authority__slug="stoke-on-trent", letter_date="2022-01-31")
    assert letter.get_absolute_url() == "/councils/stoke-on-trent/letters/2022-01-31/"
    with django_assert_max_num_queries(8):
        response = client.get(letter.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Headline findings" in html and "Andrew Waugh" in html and "(lead)" in html
    assert "Domestic abuse" in html
    assert "Previous letter: 1 Jul 2010" in html


def test_raw_text_is_served_verbatim(client, archive):
    letter = Inspection.objects.get(authority__slug="wolverhampton")
    response = client.get(reverse("letters:letter-raw", args=["wolverhampton", letter.url_key]))
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == letter.raw_text


def test_query_counts_do_not_grow_with_the_number_of_rows(client, archive, django_assert_max_num_queries):
    theme = (
        Theme.objects.get(slug="assessment-quality")
        if Theme.objects.filter(slug="assessment-quality").exists()
        else Theme.objects.first()
    )
    for url in (
        reverse("letters:theme", args=[theme.slug]),
        reverse("letters:framework", args=["cra"]),
        reverse("letters:inspector", args=[Inspector.objects.first().slug]),
        reverse("letters:councils"),
    ):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_unknown_pages_are_404(client, archive):
    assert client.get("/councils/atlantis/").status_code == 404
    assert client.get("/councils/stoke-on-trent/letters/1999-01-01/").status_code == 404
    assert Authority.objects.filter(slug="stoke-on-trent").exists()


def test_council_page_pages_its_letters_without_a_count_query(client, archive, django_assert_max_num_queries):
    from letters import views

    authority = Authority.objects.get(slug="stoke-on-trent")
    letters = list(Inspection.objects.filter(authority=authority).order_by("-letter_date", "id"))
    assert len(letters) >= 2
    original = views.PAGE_SIZE
    views.PAGE_SIZE = 1
    try:
        with django_assert_max_num_queries(6):
            first = client.get(reverse("letters:council", args=["stoke-on-trent"])).content.decode()
        last = client.get(reverse("letters:council", args=["stoke-on-trent"]), {"page": len(letters)}).content.decode()
        past = client.get(reverse("letters:council", args=["stoke-on-trent"]), {"page": 99}).content.decode()
    finally:
        views.PAGE_SIZE = original
    assert letters[0].get_absolute_url() in first and letters[-1].get_absolute_url() not in first
    assert f"Page 1 of {len(letters)}" in first
    assert letters[-1].get_absolute_url() in last and f"Page {len(letters)} of {len(letters)}" in last
    assert past == last  # past the end: the last page


def test_home_and_councils_from_stored_counts_match_live_counts(client, archive):
    """The home page and the councils list read the stored unfiltered counts while they are current; those must
    say what counting the rows says (themes: the stored counts come from the findings' bitmask, live from links)."""
    from letters import selectors
    from letters.freshness import data_version
    from letters.services.count_tables import rebuild_facet_counts

    rebuild_facet_counts()
    stored = selectors.stored_counts(data_version.state()[1])
    assert stored is not None
    assert selectors.archive_counts(stored) == selectors.archive_counts()

    def pairs(objects, attribute):
        return [(obj.pk, getattr(obj, attribute)) for obj in objects]

    assert pairs(selectors.councils_with_counts(stored), "letter_count") == pairs(
        selectors.councils_with_counts(), "letter_count"
    )
    assert pairs(selectors.themes_with_counts(stored), "finding_count") == pairs(
        selectors.themes_with_counts(), "finding_count"
    )
    assert pairs(selectors.frameworks_with_counts(stored), "letter_count") == pairs(
        selectors.frameworks_with_counts(), "letter_count"
    )
    assert any(n for _, n in pairs(selectors.themes_with_counts(stored), "finding_count"))
    data_version.changed()  # any write raises the version (services/changes.py): the stored counts are not used
    assert selectors.stored_counts(data_version.state()[1]) is None


def test_council_profile_from_the_count_tables_matches_the_findings(archive):
    from letters import selectors
    from letters.services.count_tables import rebuild_facet_counts

    rebuild_facet_counts()
    for authority in Authority.objects.filter(inspections__isnull=False).distinct():
        live = selectors.council_profile_by_year(authority)
        assert selectors.council_profile_by_year(authority, tables_current=True) == live
        themes = selectors.council_findings_by_theme(authority)
        assert selectors.council_findings_by_theme(authority, tables_current=True) == themes
        assert live[0] and themes
