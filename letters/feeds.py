"""Atom feeds: new letters overall, per council, and for any letters or findings search (the same URL parameters).

Entries are dated by the letter (the day Ofsted wrote it), never by when the archive ingested it, so a bulk ingest
does not list old letters as new; a search's feed names the search in its title, links to itself with the query,
and each entry of a findings search carries the letter's findings that match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F, Prefetch, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from letters.browse.search_page import filtered_findings, filtered_letters
from letters.filters import FindingFilter, LetterFilter
from letters.models import Authority, Inspection

FEED_SIZE = 50
# Characters XML 1.0 cannot hold (Django's feed writer refuses them): a search's words may carry any of them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
FINDINGS_PER_ENTRY = 10
SITE = "Ofsted Letters Archive"


@dataclass(frozen=True)
class SearchFeedRequest:
    """What a search feed is about: the URL parameters and the feed's own full path (for its self link)."""

    data: QueryDict
    full_path: str


def describe_search(data: QueryDict, filterset_class) -> str:
    """The search in words ("“domestic abuse”; council: Wolverhampton; theme: Neglect"), from the validated URL."""
    form = filterset_class(data).form
    if not form.is_valid():
        return "a search"
    parts = []
    text = " ".join(xml_safe(form.cleaned_data.get("q") or "").split())
    if text:
        parts.append(f"“{text}”")
    for name, value in form.cleaned_data.items():
        if name in ("q", "sort") or value in (None, "", []) or (hasattr(value, "exists") and not value):
            continue
        values = list(value) if hasattr(value, "__iter__") and not isinstance(value, str) else [value]
        if not values:
            continue
        shown = ", ".join(_label(form.fields[name], v) for v in values)
        parts.append(f"{form.fields[name].label.lower()}: {shown}")
    return "; ".join(parts) or "everything"


def xml_safe(text: str) -> str:
    """The text without the characters an XML document cannot hold."""
    return _NOT_XML.sub("", text)


def _label(field, value) -> str:
    choices = dict(getattr(field, "choices", []) or [])
    if hasattr(value, "short_name"):
        return value.short_name
    if hasattr(value, "name"):
        return value.name
    return str(choices.get(value, value))


def _letter_datetime(letter: Inspection) -> datetime:
    if letter.letter_date is None:
        return letter.ingested_at
    return datetime.combine(letter.letter_date, time.min, tzinfo=UTC)


class _LetterFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj):
        return (
            self.letters(obj)
            .select_related("authority", "framework")
            .defer("raw_text", "cleaned_text", "search_vector")
            .order_by(F("letter_date").desc(nulls_last=True), "-id")[:FEED_SIZE]
        )

    def letters(self, obj) -> QuerySet:
        return Inspection.objects.all()

    def item_title(self, item):
        date = item.letter_date.strftime("%-d %B %Y") if item.letter_date else "undated"
        return f"{item.authority.short_name}: {item.visit_type or 'letter'} ({date})"

    def item_description(self, item):
        return xml_safe(item.title)

    def item_pubdate(self, item):
        return _letter_datetime(item)

    def item_updateddate(self, item):
        return _letter_datetime(item)


class LatestLettersFeed(_LetterFeed):
    title = f"{SITE}: new letters"
    subtitle = "Letters from Ofsted to English councils about their children's services, newest letters first."

    def link(self):
        return reverse("letters:letters")


class CouncilLettersFeed(_LetterFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Authority, slug=slug)

    def title(self, obj):
        return f"{SITE}: new letters to {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def letters(self, obj):
        return Inspection.objects.filter(authority=obj)


class _SearchFeed(_LetterFeed):
    page_url = ""
    filterset = LetterFilter
    noun = "letters"

    def get_object(self, request):
        return SearchFeedRequest(request.GET, request.get_full_path())

    def title(self, obj):
        return f"{SITE}: {self.noun} matching {describe_search(obj.data, self.filterset)}"

    def link(self, obj):
        query = obj.data.urlencode()
        return reverse(self.page_url) + ("?" + query if query else "")

    def feed_url(self, obj):
        return obj.full_path


class SearchLettersFeed(_SearchFeed):
    page_url = "letters:letters"

    def letters(self, obj):
        return filtered_letters(obj.data)


class SearchFindingsFeed(_SearchFeed):
    page_url = "letters:findings"
    filterset = FindingFilter
    noun = "letters with findings"

    def items(self, obj):
        matching = filtered_findings(obj.data).defer("search_vector").order_by("inspection_id", "position")
        letters = super().items(obj)
        # One query for the matching findings of the feed's letters (prefetch), not one per entry.
        return letters.prefetch_related(Prefetch("findings", queryset=matching, to_attr="matching_findings"))

    def letters(self, obj):
        return Inspection.objects.filter(pk__in=filtered_findings(obj.data).values("inspection_id"))

    def item_description(self, item):
        """HTML (Atom's summary is type="html"): the letter's title, then its matching findings, escaped."""
        findings = item.matching_findings
        shown = format_html_join(
            "", '<li value="{}">{}</li>', ((f.position, xml_safe(f.text)) for f in findings[:FINDINGS_PER_ENTRY])
        )
        more = len(findings) - FINDINGS_PER_ENTRY
        return format_html(
            "<p>{}</p><p>{} matching finding{}:</p><ol>{}</ol>{}",
            xml_safe(item.title),
            len(findings),
            "" if len(findings) == 1 else "s",
            shown,
            format_html("<p>… and {} more on the letter's page.</p>", more) if more > 0 else "",
        )
