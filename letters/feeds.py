"""Atom feeds: new letters overall, per council, and for any letters search (the same URL parameters)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from letters.faceted_search import filtered_letters
from letters.models import Authority, Inspection

FEED_SIZE = 50


class _LetterFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj):
        return (
            self.letters(obj)
            .select_related("authority", "framework")
            .defer("raw_text", "cleaned_text", "search_vector")
            .order_by("-ingested_at", "-id")[:FEED_SIZE]
        )

    def letters(self, obj):
        return Inspection.objects.all()

    def item_title(self, item):
        date = item.letter_date.strftime("%-d %B %Y") if item.letter_date else "undated"
        return f"{item.authority.short_name}: {item.visit_type or 'letter'} ({date})"

    def item_description(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.ingested_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestLettersFeed(_LetterFeed):
    title = "Ofsted Letters Archive: new letters"
    subtitle = "Letters from Ofsted to English councils about their children's services, as they are added."

    def link(self):
        return reverse("letters:letters")


class CouncilLettersFeed(_LetterFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Authority, slug=slug)

    def title(self, obj):
        return f"Ofsted Letters Archive: new letters to {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def letters(self, obj):
        return Inspection.objects.filter(authority=obj)


class SearchLettersFeed(_LetterFeed):
    title = "Ofsted Letters Archive: new letters matching a search"

    def get_object(self, request):
        return request.GET

    def link(self, obj):
        return reverse("letters:letters") + ("?" + obj.urlencode() if obj else "")

    def letters(self, obj):
        return filtered_letters(obj)


class SearchFindingsFeed(_LetterFeed):
    title = "Ofsted Letters Archive: new letters with findings matching a search"

    def get_object(self, request):
        return request.GET

    def link(self, obj):
        return reverse("letters:findings") + ("?" + obj.urlencode() if obj else "")

    def letters(self, obj):
        from letters.faceted_search import filtered_findings

        return Inspection.objects.filter(pk__in=filtered_findings(obj).values("inspection_id"))
