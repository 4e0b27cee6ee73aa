"""django-filter FilterSets for the findings and letters searches. URL parameters use slugs, never ids."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.db.models import F

from letters.models import Authority, Finding, Framework, Grade, Inspection, Section, Theme
from letters.parsing.focus import FOCUS_AREAS, focus_mask
from letters.parsing.frameworks import VISIT_TYPES
from letters.services.theme_masks import mask_of

THEME_MATCH_CHOICES = [("any", "Any of these themes"), ("all", "All of these themes")]
VISIT_TYPE_CHOICES = [(name, name.capitalize()) for name in dict.fromkeys(v for _, v in VISIT_TYPES)]
SORT_CHOICES = [("relevance", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first")]
FOCUS_CHOICES = [(slug, label) for slug, label, _ in FOCUS_AREAS]
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _AnySlugField(forms.MultipleChoiceField):
    """Any slug is a valid choice: the JTAI topics are the parser's to name, and reading them from the database
    would cost every search page a query."""

    def valid_value(self, value) -> bool:
        return bool(_SLUG.match(str(value))) and len(str(value)) <= 60


class _AnySlugFilter(django_filters.MultipleChoiceFilter):
    field_class = _AnySlugField


def _by_slug(field_name: str, model, label: str) -> django_filters.ModelMultipleChoiceFilter:
    """Rows pointing at any of the objects whose slugs the URL names, filtered on the foreign key (no join)."""
    return django_filters.ModelMultipleChoiceFilter(
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="slug",
        method="filter_in",
        label=label,
        distinct=False,
    )


class _ArchiveFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_nothing", label="Search words")
    # distinct=False throughout: every filter is on a column of the row or of a row it points to, so no join can
    # repeat a row, and SELECT DISTINCT over the findings' text cost more than the rest of the page's query.
    council = _by_slug("authority", Authority, "Council")
    region = django_filters.MultipleChoiceFilter(
        field_name="authority__region", choices=Authority.Region.choices, label="Region", distinct=False
    )
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte", label="From year")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label="To year")
    year = django_filters.MultipleChoiceFilter(
        field_name="year", choices=[(str(y), str(y)) for y in range(2009, 2031)], label="Year", distinct=False
    )
    framework = _by_slug("framework", Framework, "Framework")
    visit_type = django_filters.MultipleChoiceFilter(choices=VISIT_TYPE_CHOICES, label="Visit type", distinct=False)
    judgement = django_filters.MultipleChoiceFilter(
        field_name="authority__latest_overall_grade",
        choices=Grade.choices,
        label="Latest overall judgement",
        distinct=False,
    )
    topic = _AnySlugFilter(field_name="jtai_topic", label="JTAI topic", distinct=False)
    focus = django_filters.MultipleChoiceFilter(
        choices=FOCUS_CHOICES, method="filter_focus", label="Visit focus", distinct=False
    )
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="filter_nothing", label="Sort by", empty_label=None)

    def filter_in(self, queryset, name, value):
        """Rows whose foreign key is one of the chosen objects: ``authority_id IN (…)``, no join."""
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

    def filter_focus(self, queryset, name, value):
        """Rows of visits with any of the chosen focus areas, read from the focus bitmask (no join)."""
        if not value:
            return queryset
        return queryset.annotate(chosen_focus=F("focus_mask").bitand(focus_mask(value))).exclude(chosen_focus=0)

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied by the search selector (the full-text query and the ordering)


class FindingFilter(_ArchiveFilterSet):
    section = django_filters.MultipleChoiceFilter(choices=Section.choices, label="Section", distinct=False)
    theme = django_filters.ModelMultipleChoiceFilter(
        queryset=Theme.objects.all(), to_field_name="slug", method="filter_theme", label="Theme"
    )
    # Read by filter_theme: whether a finding needs any of the ticked themes (the default) or all of them.
    theme_match = django_filters.ChoiceFilter(
        choices=THEME_MATCH_CHOICES, method="filter_nothing", label="Match themes", empty_label=None
    )

    class Meta:
        model = Finding
        fields = [
            "q",
            "council",
            "region",
            "year_from",
            "year_to",
            "year",
            "framework",
            "visit_type",
            "judgement",
            "topic",
            "focus",
            "section",
            "theme",
            "theme_match",
            "sort",
        ]

    def filter_theme(self, queryset, name, value):
        """Findings with any (or, with theme_match=all, every one) of the chosen themes, read from the findings'
        theme bitmask (no join)."""
        if not value:
            return queryset
        mask = mask_of(theme.bit for theme in value if theme.bit is not None)
        queryset = queryset.annotate(chosen_themes=F("theme_mask").bitand(mask))
        if self.form.cleaned_data.get("theme_match") == "all":
            return queryset.filter(chosen_themes=mask)
        return queryset.exclude(chosen_themes=0)


class LetterFilter(_ArchiveFilterSet):
    class Meta:
        model = Inspection
        fields = [
            "q",
            "council",
            "region",
            "year_from",
            "year_to",
            "year",
            "framework",
            "visit_type",
            "judgement",
            "topic",
            "focus",
            "sort",
        ]
