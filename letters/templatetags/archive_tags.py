"""Small template helpers: query strings without the page, a facet's checkboxes, a stored year and month as words."""

import calendar
import html

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def without_page(data) -> str:
    query = data.copy()
    query.pop("page", None)
    return query.urlencode()


@register.filter
def year_month(value: str) -> str:
    """ "2022-10" as "Oct 2022" (a prior judgement's month); anything else as it is."""
    year, _, month = (value or "").partition("-")
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return f"{calendar.month_abbr[int(month)]} {year}"
    return value or ""


@register.filter
def without_page_prefix(data) -> str:
    encoded = without_page(data)
    return f"{encoded}&" if encoded else ""


@register.simple_tag
def facet_options(facet) -> str:
    """A facet's checkboxes. Written here rather than as a template loop, and with plain string joins rather than
    ``format_html`` per option: a findings page lists ~230 options, and either cost more than the page's search. Every
    value and label is escaped; the parameter names are the registry's own words."""
    if not facet.options:
        return mark_safe('<p class="note">None in these results.</p>')  # noqa: S308 - a constant
    param = html.escape(facet.param)
    rows = []
    for number, option in enumerate(facet.options, start=1):
        ident = f"f-{param}-{number}"
        checked = " checked" if option.selected else ""
        rows.append(
            f'<div class="check"><input type="checkbox" name="{param}" value="{html.escape(str(option.value))}"'
            f' id="{ident}"{checked}><label for="{ident}">{html.escape(str(option.label))}'
            f' <span class="facet-count">{option.count:,}</span></label></div>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped
