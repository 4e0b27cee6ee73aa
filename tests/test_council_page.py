"""A council's page shows the sections its letters have (no always-empty columns), rows that add up to each
theme's findings, a profile by kind of section that adds up to each year's findings, and the prior judgement where
letters are listed."""

from collections import Counter

import pytest

from letters import selectors
from letters.models import Authority, Finding, Inspection, Section
from letters.templatetags.archive_tags import year_month

pytestmark = pytest.mark.django_db


def busiest_council() -> Authority:
    counts = Counter(Finding.objects.values_list("authority_id", flat=True))
    return Authority.objects.get(pk=counts.most_common(1)[0][0])


def test_the_theme_table_has_a_column_for_each_section_the_council_has_and_rows_that_add_up(archive):
    authority = busiest_council()
    table = selectors.council_theme_table(selectors.council_findings_by_theme(authority))
    sections_had = set(
        Finding.objects.filter(authority=authority).exclude(themes=None).values_list("section", flat=True)
    )
    assert [value for value, _ in table["columns"]] == [v for v, _ in Section.choices if v in sections_had]
    assert table["rows"]
    for row in table["rows"]:
        findings = Finding.objects.filter(authority=authority, themes__slug=row["slug"])
        assert row["total"] == findings.count() == sum(n for _, n in row["cells"])
        assert dict(row["cells"]) == {value: findings.filter(section=value).count() for value, _ in table["columns"]}


def test_a_council_with_only_modern_letters_has_no_strengths_column():
    themes = [{"name": "Neglect", "slug": "neglect", "sections": {"narrative": 3, "area_for_improvement": 1}}]
    table = selectors.council_theme_table(themes)
    assert [value for value, _ in table["columns"]] == ["area_for_improvement", "narrative"]
    assert table["rows"][0]["total"] == 4


def test_the_profile_shows_only_the_kinds_of_section_the_council_has_and_adds_up_each_year(archive):
    authority = busiest_council()
    years, series = selectors.council_profile_by_year(authority)
    assert all(any(values) for _, values in series)
    for index, year in enumerate(years):
        assert (
            sum(values[index] for _, values in series) == Finding.objects.filter(authority=authority, year=year).count()
        )
    assert selectors.council_profile_by_year(authority, tables_current=True) == (years, series)


def test_the_council_page_lists_letters_with_their_prior_judgement(client, archive):
    authority = busiest_council()
    Inspection.objects.filter(authority=authority).update(prior_grade="requires improvement", prior_month="2022-10")
    html = client.get(authority.get_absolute_url()).content.decode()
    assert "Requires improvement" in html and "Oct 2022" in html
    assert 'id="council-themes"' in html and "All sections" in html


def test_year_month_reads_a_stored_month_and_leaves_anything_else():
    assert year_month("2019-03") == "Mar 2019"
    assert year_month("2019") == "2019" and year_month("") == ""


def test_the_profile_table_gives_letters_and_findings_per_letter_each_year(client, archive):
    authority = busiest_council()
    years, series = selectors.council_profile_by_year(authority)
    letters = list(Inspection.objects.filter(authority=authority))
    rows = dict(selectors.letters_and_findings_per_letter(years, series, letters))
    for index, year in enumerate(years):
        count = sum(1 for letter in letters if letter.year == year)
        assert rows["Letters"][index] == count
        findings = Finding.objects.filter(authority=authority, year=year).count()
        assert rows["Findings per letter"][index] == (round(findings / count, 1) if count else "—")
    assert selectors.letters_and_findings_per_letter(years, series, None) is None
    assert "Findings per letter" in client.get(authority.get_absolute_url()).content.decode()
