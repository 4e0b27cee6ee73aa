"""The engine answers a search page exactly as the SQL statement does: the same facet counts, the same number of
results and, in date order, the same page of ids, over generated letters and selections drawn from them."""

import random

import pytest
from django.core.management import call_command

from letters.browse import statement
from letters.browse.counting import split_masks
from letters.browse.paging import FINDING_ORDER as FINDING_PAGE_ORDER
from letters.browse.paging import LETTER_ORDER as LETTER_PAGE_ORDER
from letters.browse.paging import PageWanted
from letters.browse.registry import FINDING_FACETS, LETTER_FACETS
from letters.browse.selection import Selection
from letters.freshness import data_version
from letters.models import Authority, Finding, Framework, Theme
from letters.parsing.focus import FOCUS_BITS
from letters.search_engine import counting, query, registry
from letters.synthetic import generate_corpus

pytestmark = pytest.mark.django_db

WORDS = ["children", "social", "assessment", "domestic", "plans", "leaders", "-children", "children OR leaders"]


@pytest.fixture
def generated(tmp_path, settings):
    settings.SEARCH_ENGINE_BUILD = "sync"
    for letter in generate_corpus(30, seed=5):
        (tmp_path / letter.filename).write_bytes(letter.raw)
    call_command("ingest_letters", str(tmp_path), "--quiet", stdout=open("/dev/null", "w"))
    registry.forget("default")
    yield


def _snapshot():
    return registry.snapshot_for("default", data_version.current())


def _selections(rng: random.Random, *, findings: bool):
    councils = list(Authority.objects.filter(inspections__isnull=False).values_list("id", flat=True).distinct())
    regions = sorted({r for r in Authority.objects.values_list("region", flat=True) if r})
    years = sorted(set(Finding.objects.values_list("year", flat=True)) - {None})
    frameworks = list(Framework.objects.values_list("id", flat=True))
    sections = sorted(set(Finding.objects.values_list("section", flat=True)))
    grades = sorted({g for g in Authority.objects.values_list("latest_overall_grade", flat=True) if g})
    visit_types = sorted(set(Finding.objects.values_list("visit_type", flat=True)))
    theme_bits = list(Theme.objects.exclude(bit=None).values_list("bit", flat=True))
    yield Selection()
    for _ in range(60):
        values = {}
        if rng.random() < 0.4:
            values["council"] = rng.sample(councils, k=min(len(councils), rng.randint(1, 3)))
        if rng.random() < 0.3 and regions:
            values["region"] = rng.sample(regions, k=1)
        if rng.random() < 0.3:
            values["year"] = rng.sample(years, k=min(len(years), rng.randint(1, 2)))
        if rng.random() < 0.2 and frameworks:
            values["framework"] = rng.sample(frameworks, k=1)
        if rng.random() < 0.2 and grades:
            values["judgement"] = rng.sample(grades, k=1)
        if rng.random() < 0.2:
            values["visit_type"] = rng.sample(visit_types, k=1)
        if rng.random() < 0.2:
            values["focus"] = rng.sample(sorted(FOCUS_BITS), k=1)
        if findings and rng.random() < 0.3:
            values["section"] = rng.sample(sections, k=1)
        mask = 0
        if findings and rng.random() < 0.4:
            for bit in rng.sample(theme_bits, k=rng.randint(1, 2)):
                mask |= 1 << bit
        yield Selection(
            text=rng.choice(WORDS) if rng.random() < 0.6 else "",
            year_from=rng.choice(years) if rng.random() < 0.2 else None,
            values=values,
            theme_mask=mask,
            theme_all=rng.random() < 0.5,
        )


@pytest.mark.parametrize(
    "grouped_from", [0, 10**9], ids=["themes and focus through their groups", "through their bits"]
)
@pytest.mark.parametrize(
    "terms_unioned", [query.TERMS_UNIONED, 0], ids=["filters as unions of terms", "filters as term sets"]
)
@pytest.mark.parametrize("kind", ["findings", "letters"])
def test_engine_counts_and_pages_as_the_sql_statement_does(generated, kind, grouped_from, terms_unioned, monkeypatch):
    from letters.models import Inspection

    monkeypatch.setattr(counting, "GROUPED_FROM", grouped_from)
    monkeypatch.setattr(query, "TERMS_UNIONED", terms_unioned)
    findings = kind == "findings"
    model, facets = (Finding, FINDING_FACETS) if findings else (Inspection, LETTER_FACETS)
    ordering = FINDING_PAGE_ORDER if findings else LETTER_PAGE_ORDER
    snapshot = _snapshot()
    assert snapshot is not None and snapshot.findings.count == Finding.objects.count() > 200
    rng = random.Random(2)
    compared = 0
    for selection in _selections(rng, findings=findings):
        order = rng.choice(["newest", "oldest"])
        terms = tuple(f"{t[1:]} DESC" if t.startswith("-") else t for t in ordering.terms("", order))
        page = PageWanted(order=terms, columns=ordering.columns, limit=20, offset=rng.choice([0, 0, 20]))
        sql_counts, sql_ids = statement.run(model.objects.all(), selection, facets, page)
        sql_counts = split_masks(sql_counts, facets)
        found = counting.search(snapshot, kind, selection, order=order, offset=page.offset, limit=page.limit)
        expected = {param: values for param, values in sql_counts.items() if values}
        assert {param: values for param, values in found.counts.items() if values} == expected, selection
        assert found.page_ids == sql_ids, selection
        compared += bool(found.page_ids)
    assert compared > 10  # most selections have results to compare


def test_relevance_pages_are_drawn_from_the_same_matches_as_sql(generated):
    from letters import search

    snapshot = _snapshot()
    for word in ["children", "assessment", "domestic abuse", "-children"]:
        found = counting.search(
            snapshot, "findings", Selection(text=word), order="relevance", offset=0, limit=20,
        )  # fmt: skip
        matching = set(search.match(Finding.objects.all(), word).values_list("id", flat=True))
        assert found.total == len(matching) > 20, word
        assert len(found.page_ids) == 20 and set(found.page_ids) <= matching, word


def test_a_word_used_twice_ranks_above_a_word_used_once(generated):
    from letters.models import Inspection

    letter = Inspection.objects.first()
    once = Finding.objects.create(
        inspection=letter,
        authority=letter.authority,
        section="strength",
        position=900,
        year=letter.year,
        text="Zebracrossing once among many other words of the text.",
    )
    twice = Finding.objects.create(
        inspection=letter,
        authority=letter.authority,
        section="strength",
        position=901,
        year=letter.year,
        text="Zebracrossing twice: zebracrossing.",
    )
    data_version.changed()
    found = counting.search(
        _snapshot(), "findings", Selection(text="zebracrossing"), order="relevance",
        offset=0, limit=20,
    )  # fmt: skip
    assert found.page_ids == [twice.pk, once.pk]


@pytest.mark.parametrize("word", ["children", "children OR leaders", "assessment"])
def test_every_relevance_page_is_a_slice_of_the_whole_relevance_order(generated, word):
    """The page and the export list the same hits in the same order, ties included (equal scores newest first)."""
    snapshot = _snapshot()
    whole = counting.ranked_ids(snapshot, "findings", Selection(text=word))
    assert whole and len(whole) == len(set(whole)) > 60
    for offset in (0, 20, 40):
        found = counting.search(snapshot, "findings", Selection(text=word), order="relevance", offset=offset, limit=20)
        assert found.page_ids == whole[offset : offset + 20]
    assert counting.ranked_ids(snapshot, "findings", Selection(text="-children")) is None


def test_equal_scores_are_ordered_newest_first_across_pages(generated):
    from letters.models import Inspection

    made = []
    for letter in Inspection.objects.order_by("id")[:3]:
        for position in range(900, 915):
            made.append(
                Finding.objects.create(
                    inspection=letter,
                    authority=letter.authority,
                    section="strength",
                    position=position,
                    year=letter.year,
                    text="Quokkas everywhere.",
                )  # fmt: skip
            )
    data_version.changed()
    newest_first = sorted(made, key=lambda f: (-(f.year or 0), -f.inspection_id, f.position))
    pages = [
        counting.search(
            _snapshot(), "findings", Selection(text="quokkas"), order="relevance",
            offset=offset, limit=20,
        ).page_ids
        for offset in (0, 20, 40)
    ]  # fmt: skip
    assert pages[0] + pages[1] + pages[2] == [f.pk for f in newest_first]
