"""``update_rows``: the named columns of each row written, nothing else, on both databases."""

import pytest

from letters.models import Authority
from letters.services.row_updates import update_rows

pytestmark = pytest.mark.django_db


def test_update_rows_writes_the_named_columns_of_each_row_and_leaves_the_rest():
    councils = list(Authority.objects.order_by("pk")[:3])
    untouched = Authority.objects.order_by("pk")[3]
    names = {council.pk: council.name for council in councils}
    for index, council in enumerate(councils):
        council.latest_overall_grade = ["good", "inadequate", ""][index]
        council.judgement_summary = {"timeline": [{"grade": f"g{index}", "note": 'a "quoted" \\ £'}], "neighbours": []}
        council.name = "not written"
    update_rows(Authority, councils, ["latest_overall_grade", "judgement_summary"])

    stored = Authority.objects.in_bulk([council.pk for council in councils])
    for index, council in enumerate(councils):
        row = stored[council.pk]
        assert row.latest_overall_grade == ["good", "inadequate", ""][index]
        assert row.judgement_summary["timeline"][0] == {"grade": f"g{index}", "note": 'a "quoted" \\ £'}
        assert row.name == names[council.pk]  # a column not named is left as it was
    assert Authority.objects.get(pk=untouched.pk).judgement_summary == untouched.judgement_summary


def test_update_rows_with_nothing_to_write_sends_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        update_rows(Authority, [], ["judgement_summary"])
