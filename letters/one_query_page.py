"""A page of a queryset in one query: the rows carry the total as a window count (COUNT(*) OVER ()), so the
paginator needs no COUNT of its own. A page number past the end falls back to Django's paginator (last page)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

from letters.filters import page_number


def page_of(queryset: QuerySet, number_text: str | None, size: int) -> Page:
    number = page_number(number_text)  # digits only, at most MAX_PAGE: no bigint overflow in OFFSET
    start = (number - 1) * size
    rows = list(queryset.annotate(window_total=Window(Count("pk")))[start : start + size])
    paginator = Paginator(queryset, size)
    if not rows and number > 1:
        return paginator.get_page(number)
    paginator.count = rows[0].window_total if rows else 0  # cached_property: no COUNT query
    page = paginator.page(number)
    page.object_list = rows
    return page
