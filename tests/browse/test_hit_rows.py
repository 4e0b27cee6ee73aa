"""A page of hits read by its ids: the same rows, values and related rows as the ORM's select_related().only() gives,
in the order of the ids, in one query; a column not read stays deferred and loads when asked for."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from letters.browse import hit_rows
from letters.browse.search_page import FINDING_HITS, LETTER_HITS, _load
from letters.models import Finding, Inspection

pytestmark = pytest.mark.django_db


def _values(obj, shape) -> dict:
    """Every column ``shape`` reads of ``obj`` and of its related rows (None for a missing related row)."""
    values = {name: getattr(obj, name) for name in shape.attnames()}
    for field_name, related in shape.related:
        child = getattr(obj, field_name)
        values[field_name] = None if child is None else _values(child, related)
    return values


def test_the_rows_are_the_orms_rows_in_the_order_of_the_ids(archive):
    ids = list(Finding.objects.order_by("-text").values_list("pk", flat=True))
    assert len(ids) > 20
    through_orm = {row.pk: row for row in _load(FINDING_HITS, Finding.objects.filter(pk__in=ids))}
    with CaptureQueriesContext(connection) as queries:
        rows = hit_rows.read(FINDING_HITS, ids, "default")
        values = [_values(row, FINDING_HITS) for row in rows]
    assert len(queries.captured_queries) == 1  # the letters, councils and frameworks came with the findings
    assert [row.pk for row in rows] == ids
    assert values == [_values(through_orm[pk], FINDING_HITS) for pk in ids]
    assert all(type(row) is Finding and not row._state.adding and row._state.db == "default" for row in rows)


def test_an_id_with_no_row_is_left_out_and_no_ids_read_nothing(archive):
    first, second = Inspection.objects.values_list("pk", flat=True)[:2]
    missing = Inspection.objects.order_by("-pk").first().pk + 1000
    assert [row.pk for row in hit_rows.read(LETTER_HITS, [second, missing, first], "default")] == [second, first]
    with CaptureQueriesContext(connection) as queries:
        assert hit_rows.read(LETTER_HITS, [], "default") == []
    assert not queries.captured_queries


def test_a_letter_with_no_framework_has_none_and_keeps_its_council(archive):
    letter = Inspection.objects.select_related("authority").first()
    Inspection.objects.filter(pk=letter.pk).update(framework=None)
    (row,) = hit_rows.read(LETTER_HITS, [letter.pk], "default")
    with CaptureQueriesContext(connection) as queries:
        assert row.framework is None and row.framework_id is None
        assert row.authority.slug == letter.authority.slug
        assert row.get_absolute_url() == letter.get_absolute_url()
    assert not queries.captured_queries


def test_a_column_not_read_is_deferred_and_loads_when_asked_for(archive):
    finding = Finding.objects.select_related("inspection").first()
    (row,) = hit_rows.read(FINDING_HITS, [finding.pk], "default")
    assert {"cleaned_text", "raw_text"} <= row.inspection.get_deferred_fields()
    with CaptureQueriesContext(connection) as queries:
        assert row.inspection.cleaned_text == finding.inspection.cleaned_text
    assert len(queries.captured_queries) == 1


def test_the_orms_route_reads_the_same_columns():
    assert set(FINDING_HITS.only()) >= {"text", "inspection__url_key", "inspection__authority__short_name"}
    assert FINDING_HITS.related_paths() == ["inspection", "inspection__authority", "inspection__framework"]
