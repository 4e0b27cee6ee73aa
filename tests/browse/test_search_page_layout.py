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


def test_facet_checkboxes_escape_every_label_and_value_and_tick_the_chosen():
    from letters.browse.facet_rows import Facet, FacetOption
    from letters.templatetags.archive_tags import facet_options

    facet = Facet(
        "council",
        "Council",
        [
            FacetOption('a"b', "<script>alert(1)</script> & co", 1234, True),
            FacetOption("plain", "Plain", 5, False),
        ],
    )
    html = str(facet_options(facet))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert 'value="a&quot;b" id="f-council-1" checked>' in html
    assert '<label for="f-council-2">Plain <span class="facet-count">5</span>' in html
    assert '<span class="facet-count">1,234</span>' in html
    assert "checked" not in html.split("\n")[1]
    assert str(facet_options(Facet("council", "Council", []))) == '<p class="note">None in these results.</p>'


@pytest.mark.parametrize("every_theme_has_a_bit", [True, False], ids=["from the bitmask", "from the links"])
def test_each_hit_lists_its_themes_in_the_taxonomys_order_linked_to_their_pages(client, archive, every_theme_has_a_bit):
    from django.http import QueryDict

    from letters.browse.search_page import search_findings
    from letters.models import Finding, Theme

    if not every_theme_has_a_bit:  # a taxonomy of more themes than the mask has bits: the links say
        Theme.objects.filter(pk=Theme.objects.order_by("-position").first().pk).update(bit=None)
    results = search_findings(QueryDict("q=the"), "/findings/")
    hits = list(results.page)
    assert any(len(hit.theme_tags) > 1 for hit in hits)
    for hit in hits:
        links = Finding.objects.get(pk=hit.pk).theme_links.select_related("theme").order_by("theme__position")
        assert [(tag.slug, tag.name, tag.url) for tag in hit.theme_tags] == [
            (link.theme.slug, link.theme.name, link.theme.get_absolute_url()) for link in links
        ]
    html = client.get("/findings/", {"q": "the"}).content.decode()
    tag = hits[0].theme_tags[0]
    assert f'<li><a href="{tag.url}">{tag.name}</a></li>' in html


def test_a_hit_escapes_every_value_and_prints_snippets_as_given(archive):
    from letters.browse.search_page import ThemeTag
    from letters.models import Finding, Inspection
    from letters.templatetags.search_hits import finding_hit, letter_hit

    finding = Finding.objects.select_related("inspection__authority", "inspection__framework").first()
    letter = finding.inspection
    letter.authority.short_name = "<b>Town</b>"
    letter.visit_type = "focused visit & more"
    finding.text = "<script>alert(1)</script>"
    finding.theme_tags = [ThemeTag("x", 'Say "hi" <now>', "/themes/x/")]
    html = str(finding_hit(finding, {}))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Town&lt;/b&gt;, " in html and "· Focused visit &amp; more" in html
    assert f'href="{letter.get_absolute_url()}#finding-{finding.position}"' in html
    assert '<li><a href="/themes/x/">Say &quot;hi&quot; &lt;now&gt;</a></li>' in html
    assert str(finding_hit(finding, {finding.pk: "<mark>as given</mark>"})).count("<mark>as given</mark>") == 1

    letter = Inspection.objects.select_related("authority", "framework").exclude(prior_grade="").first()
    letter.title = "A & B"
    html = str(letter_hit(letter, {}))
    assert '<p class="hit-text">A &amp; B</p>' in html and "· prior judgement: " in html
    letter.letter_date = None
    assert "undated</a>" in str(letter_hit(letter, {}))
