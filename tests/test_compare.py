"""/compare/: two to eleven councils side by side (judgement timelines, themes as findings per letter)."""

import pytest
from django.urls import reverse

from letters.models import Authority, Finding, Inspection, Judgement, Theme
from letters.services.judgements import refresh_judgement_summaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(archive):
    wolverhampton = Inspection.objects.get(authority__slug="wolverhampton")
    Judgement.objects.create(inspection=wolverhampton, area="overall_effectiveness", grade="good")
    refresh_judgement_summaries()


def url(*slugs):
    return reverse("letters:compare") + "?" + "&".join(f"council={slug}" for slug in slugs)


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        ((), "Choose between 2 and 11"),
        (("stoke-on-trent",), "Choose between 2 and 11"),
        (("stoke-on-trent", "stoke-on-trent"), "Choose between 2 and 11"),  # the same council twice is one
        (("stoke-on-trent", "atlantis"), "No council is known by &#x27;atlantis&#x27;"),
    ],
)
def test_a_wrong_choice_of_councils_is_a_clear_400_page(client, archive, slugs, message):
    response = client.get(url(*slugs))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_twelve_councils_are_too_many(client, archive):
    slugs = list(Authority.objects.filter(abolished__isnull=True).values_list("slug", flat=True)[:12])
    response = client.get(url(*slugs))
    assert response.status_code == 400 and "Choose between 2 and 11" in response.content.decode()


def test_compare_shows_timelines_and_themes_as_findings_per_letter_with_links(client, archive):
    response = client.get(url("stoke-on-trent", "wolverhampton"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="compare-timeline-1-title"' in html and 'id="compare-timeline-2-title"' in html
    assert "latest overall judgement Good" in html and "latest overall judgement Inadequate" in html
    rates = response.context["rates"]
    assert rates.letter_counts == [2, 1]
    stoke = Authority.objects.get(slug="stoke-on-trent")
    for row in rates.rows:
        cell = row["cells"][0]
        theme = row["theme"]
        expected = Finding.objects.filter(authority=stoke, theme_links__theme=theme).count()
        assert cell["count"] == expected
        assert cell["rate"] == round(expected / 2, 2)  # a rate per letter, not the count
        assert cell["url"] == f"/findings/?council=stoke-on-trent&theme={theme.slug}"
        assert cell["url"].replace("&", "&amp;") in html
    assert any(row["cells"][0]["count"] for row in rates.rows)


def test_compare_is_reachable_from_a_councils_page(client, archive):
    html = client.get(reverse("letters:council", args=["wolverhampton"])).content.decode()
    assert reverse("letters:compare") + "?council=wolverhampton&amp;council=" in html


def test_compare_reads_a_fixed_number_of_queries_whatever_the_number_of_councils(client, archive):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        client.get(url("stoke-on-trent", "wolverhampton"))
    eleven = list(Authority.objects.filter(abolished__isnull=True).values_list("slug", flat=True)[:9])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("stoke-on-trent", "wolverhampton", *eleven))
    assert response.status_code == 200
    assert len(many.captured_queries) == len(two.captured_queries) <= 5


def test_a_theme_no_council_has_is_left_out(client, archive):
    unused = Theme.objects.exclude(finding_links__finding__authority__slug__in=["stoke-on-trent", "wolverhampton"])
    response = client.get(url("stoke-on-trent", "wolverhampton"))
    shown = {row["theme"].pk for row in response.context["rates"].rows}
    assert not shown & set(unused.values_list("pk", flat=True))
