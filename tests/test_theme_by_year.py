"""A theme's page compares years by the share of letters with a finding on the theme (letters a year vary
sevenfold), with the raw counts in the table; charts can print a unit after their numbers."""

import pytest

from letters import charts, selectors
from letters.models import Finding, Inspection, Theme


@pytest.mark.django_db
def test_each_year_has_its_letters_the_share_with_the_theme_and_the_raw_counts(archive):
    theme = Theme.objects.get(slug="domestic-abuse")
    rows = selectors.theme_by_year(theme)
    assert {row["year"] for row in rows} == set(Inspection.objects.exclude(year=None).values_list("year", flat=True))
    for row in rows:
        letters = Inspection.objects.filter(year=row["year"])
        findings = Finding.objects.filter(year=row["year"], themes=theme)
        with_theme = letters.filter(findings__themes=theme).distinct().count()
        assert row["letters"] == letters.count()
        assert row["findings"] == findings.count()
        assert row["letters_with_theme"] == with_theme
        assert row["share"] == round(100 * with_theme / letters.count())
        assert row["per_letter"] == round(findings.count() / letters.count(), 1)
    assert any(row["findings"] for row in rows)


@pytest.mark.django_db
def test_the_theme_page_charts_shares_and_tables_the_counts(client, archive):
    html = client.get(Theme.objects.get(slug="domestic-abuse").get_absolute_url()).content.decode()
    assert "Share of letters with a finding on domestic abuse" in html
    assert 'id="theme-by-year"' in html and "Findings per letter" in html


def test_a_column_chart_prints_its_unit_after_every_number():
    svg = str(charts.column_chart([("2020", 25), ("2021", 50)], title="Share", description="Shares.", unit="%"))
    assert "2020: 25%" in svg and "2021: 50%" in svg
    assert ">50%<" in svg  # the value over the tallest column
