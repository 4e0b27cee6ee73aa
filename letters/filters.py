"""django-filter FilterSets for the findings and letters searches. URL parameters use slugs, never ids.

Every parameter is bounded before it reaches Python's int() or the database: a year is at most four digits between
YEAR_MIN and YEAR_MAX (no exponent, sign games or thousand-digit strings), a faceted parameter carries at most
MAX_VALUES_PER_PARAM values, and a page number goes through ``page_number``.
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.core.exceptions import BadRequest, ValidationError
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


YEAR_MIN, YEAR_MAX = 1900, 2100
MAX_VALUES_PER_PARAM = 25  # values of one faceted parameter (councils, themes…) in one search
MAX_PAGE = 10_000  # beyond any archive's last page at 20 or 50 a page; keeps OFFSET small
_PLAIN_INTEGER = re.compile(r"\s*\+?(\d{1,4})\s*")
_PAGE_DIGITS = re.compile(r"\d{1,9}")


def page_number(text: str | None, last: int = MAX_PAGE) -> int:
    """A page number from the URL: plain digits only, clamped to 1..last (anything else is page 1)."""
    if not text or not _PAGE_DIGITS.fullmatch(text):
        return 1
    return min(max(1, int(text)), max(1, last))


class YearField(forms.Field):
    """A year as plain digits, checked as text before any conversion: ``-1e1000000`` never becomes a number."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        match = _PLAIN_INTEGER.fullmatch(str(value))
        year = int(match.group(1)) if match else None
        if year is None or not YEAR_MIN <= year <= YEAR_MAX:
            raise ValidationError(f"Enter a year between {YEAR_MIN} and {YEAR_MAX}.", code="invalid")
        return year


class YearFilter(django_filters.Filter):
    field_class = YearField


def _at_most_values(value) -> None:
    if value is not None and len(value) > MAX_VALUES_PER_PARAM:
        raise ValidationError(f"Choose at most {MAX_VALUES_PER_PARAM} values for one filter.", code="too_many")


class BoundedForm(forms.Form):
    """Every multi-valued field takes at most MAX_VALUES_PER_PARAM values, checked before the values are looked up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
                field.clean = _bounded_clean(field.clean)


def _bounded_clean(clean):
    def bounded(value):
        _at_most_values(value)
        return clean(value)

    return bounded


# The URL parameters both searches read; the findings search adds its section and themes.
SHARED_FIELDS = [
    *("q", "council", "region", "year_from", "year_to", "year", "framework", "visit_type"),
    *("judgement", "topic", "focus"),
]


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
    year_from = YearFilter(field_name="year", lookup_expr="gte", label="From year")
    year_to = YearFilter(field_name="year", lookup_expr="lte", label="To year")
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
        form = BoundedForm
        fields = [*SHARED_FIELDS, "section", "theme", "theme_match", "sort"]

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
        fields = [*SHARED_FIELDS, "sort"]
        form = BoundedForm


def valid_qs(filterset: django_filters.FilterSet):
    """The filtered queryset, or BadRequest (a 400) when any parameter is invalid: an export or a feed never falls
    back to the unfiltered archive because one of its filters was dropped."""
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest("Invalid search parameters: " + ", ".join(sorted(filterset.form.errors)))
    return filterset.qs
