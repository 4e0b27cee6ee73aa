"""A search page's hits as HTML: a finding or a letter as the search pages list them, and a page of them.

Written here rather than as template blocks: a page lists up to 50 hits, and the template language's per-variable
lookups and filters, and its loop and block around each hit (~20 µs a hit), cost more than the page's search. Every
value is escaped (by the standard library's ``html.escape``, which Django's ``escape`` calls, without its wrapper: a
hit prints a dozen values); the snippets come already escaped and marked (``letters/search``)."""

import html
from functools import lru_cache

from django import template
from django.utils import dateformat
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language

from letters.templatetags.archive_tags import year_month

register = template.Library()


def _when(day) -> str:
    return _date_words(day, get_language()) if day else "undated"


def escape(value) -> str:
    return html.escape(str(value))


@lru_cache(maxsize=8192)
def _date_words(day, language: str | None) -> str:
    return dateformat.format(day, "j M Y")


@lru_cache(maxsize=1024)
def _tag_item(tag) -> str:
    return f'<li><a href="{escape(tag.url)}">{escape(tag.name)}</a></li>'


def _snippet(snippets: dict, obj, text: str) -> str:
    return snippets[obj.pk] if obj.pk in snippets else escape(text)


def _framework(letter) -> str:
    return f" ({escape(letter.framework.short_name)})" if letter.framework_id else ""


def _hit(url: str, letter, details: str, text_html: str, after: str = "") -> str:
    """A hit's two lines: its letter (council and date, linked) with ``details``, then its text."""
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<p class="hit-meta"><a class="hit-link" href="{escape(url)}">'
        f"{escape(letter.authority.short_name)}, {_when(letter.letter_date)}</a>\n"
        f"  · {details}</p>\n"
        f'<p class="hit-text">{text_html}</p>{after}'
    )


@register.simple_tag
def finding_hit(item, snippets: dict) -> str:
    letter = item.inspection
    tags = ""
    if getattr(item, "theme_tags", None):
        links = "".join(_tag_item(tag) for tag in item.theme_tags)
        tags = f'\n<ul class="tags" aria-label="Themes">{links}</ul>'
    details = f"{escape(item.get_section_display())} · {escape(capfirst(letter.visit_type))}{_framework(letter)}"
    url = f"{letter.get_absolute_url()}#finding-{item.position}"
    return _hit(url, letter, details, _snippet(snippets, item, item.text), tags)


@register.simple_tag
def letter_hit(item, snippets: dict) -> str:
    prior = ""
    if item.prior_grade:
        month = f" ({escape(year_month(item.prior_month))})" if item.prior_month else ""
        prior = f"\n  · prior judgement: {escape(capfirst(item.prior_grade))}{month}"
    details = f"{escape(capfirst(item.visit_type))}{_framework(item)}{prior}"
    return _hit(item.get_absolute_url(), item, details, _snippet(snippets, item, item.title))


def _hit_items(hit, items, snippets: dict, nouns: str) -> str:
    """One ``<li>`` a hit, or one saying that nothing matched."""
    rows = [f'<li class="hit">{hit(item, snippets)}</li>' for item in items]
    if not rows:
        rows = [f'<li class="no-hits">No {escape(nouns)} match. Try fewer words or remove a filter.</li>']
    return mark_safe("\n".join(rows))  # noqa: S308 - each hit is escaped where it is made


@register.simple_tag
def finding_hits(page, snippets: dict, nouns: str) -> str:
    return _hit_items(finding_hit, page, snippets, nouns)


@register.simple_tag
def letter_hits(page, snippets: dict, nouns: str) -> str:
    return _hit_items(letter_hit, page, snippets, nouns)
