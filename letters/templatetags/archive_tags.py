"""Small template helpers: query strings without the page, the facets' fieldsets, a stored year and month as words."""

import calendar
import html
from functools import lru_cache

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


@lru_cache(maxsize=8192)
def _escaped(text: str) -> str:
    """A facet value or label escaped: the same few hundred on every page (councils, years, themes)."""
    return html.escape(text)


@register.simple_tag
def facet_options(facet) -> str:
    """A facet's checkboxes. Written here rather than as a template loop, and with plain string joins rather than
    ``format_html`` per option: a findings page lists ~230 options, and either cost more than the page's search. Every
    value and label is escaped (once a process: ``_escaped``); the parameter names are the registry's own words."""
    if not facet.options:
        return mark_safe('<p class="note">None in these results.</p>')  # noqa: S308 - a constant
    param = html.escape(facet.param)
    rows = []
    for number, option in enumerate(facet.options, start=1):
        ident = f"f-{param}-{number}"
        checked = " checked" if option.selected else ""
        rows.append(
            f'<div class="check"><input type="checkbox" name="{param}" value="{_escaped(str(option.value))}"'
            f' id="{ident}"{checked}><label for="{ident}">{_escaped(str(option.label))}'
            f' <span class="facet-count">{option.count:,}</span></label></div>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped


@register.simple_tag
def facet_fieldsets(facets) -> str:
    """Each facet's fieldset: its legend, its checkboxes and, for the themes, how ticked values combine. Written here
    for the reason ``facet_options`` is: the template's lookups cost ~35 µs a facet, and a page has ten."""
    return mark_safe("\n".join(_fieldset(facet) for facet in facets))  # noqa: S308 - escaped in _fieldset


def _fieldset(facet) -> str:
    escape = html.escape
    selected = facet.selected_count
    legend = escape(facet.label) + (f' <span class="visually-hidden">({selected} selected)</span>' if selected else "")
    scroll = " scroll" if len(facet.options) > 12 else ""
    match = ""
    if facet.modes:
        radios = "".join(
            f'<label class="check"><input type="radio" name="{escape(facet.match_param)}"'
            f' value="{escape(mode.value)}"{" checked" if mode.selected else ""}> {escape(mode.label)}</label>'
            for mode in facet.modes
        )
        match = (
            f'\n    <div class="facet-match" role="radiogroup" aria-label="How ticked {escape(facet.label.lower())}s'
            f' combine">\n      <span class="note">Findings with</span>\n      {radios}\n    </div>'
        )
    return (
        f'  <fieldset class="facet" data-facet="{escape(facet.param)}">\n    <legend>{legend}</legend>\n'
        f'    <div class="facet-options{scroll}">\n    {facet_options(facet)}\n    </div>{match}\n  </fieldset>'
    )
