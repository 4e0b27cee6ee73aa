"""Small template helpers: query strings without the page, and a hit's highlighted snippet."""

from django import template
from django.utils.html import escape

register = template.Library()


@register.filter
def without_page(data) -> str:
    query = data.copy()
    query.pop("page", None)
    return query.urlencode()


@register.filter
def without_page_prefix(data) -> str:
    encoded = without_page(data)
    return f"{encoded}&" if encoded else ""


@register.simple_tag
def snippet_for(snippets: dict, obj) -> str:
    """The highlighted snippet (already escaped, then marked) or, without a query, the escaped text."""
    if obj.pk in snippets:
        return snippets[obj.pk]
    text = getattr(obj, "text", None) or getattr(obj, "title", "")
    return escape(text)
