"""letters/filters.py: each search gets filters and form fields of its own, sharing only what no search changes."""

import pytest
from django.http import QueryDict

from letters.filters import FindingFilter
from letters.models import Finding

pytestmark = pytest.mark.django_db


def test_two_searches_share_no_filter_or_field_only_their_settings(archive):
    first = FindingFilter(QueryDict("council=stoke-on-trent"), queryset=Finding.objects.all())
    second = FindingFilter(QueryDict("theme=domestic-abuse"), queryset=Finding.objects.all())
    for name, filter_ in first.filters.items():
        assert filter_ is not second.filters[name] and filter_.parent is first and second.filters[name].parent is second
        assert filter_ is not FindingFilter.base_filters[name]
        assert filter_.extra is not FindingFilter.base_filters[name].extra
        if filter_.method:  # bound to this copy, so that the method is found on this search's FilterSet
            assert filter_.filter.f is filter_ and filter_.filter.method.__self__ is first
    assert first.form.fields["council"] is not second.form.fields["council"]
    assert first.form.fields["section"].choices == second.form.fields["section"].choices
    # Each form bounds its own fields' values; the class's fields stay as they were.
    assert first.form.fields["section"].clean is not second.form.fields["section"].clean
    assert "clean" not in vars(first.get_form_class().base_fields["section"])
    assert first.is_valid() and second.is_valid()
    assert set(first.qs.values_list("authority__slug", flat=True)) == {"stoke-on-trent"}
    assert second.qs.exists() and second.qs.count() < Finding.objects.count()
