"""django-filter FilterSets for the findings and letters searches. URL parameters use slugs, never ids.

Every parameter is bounded before it reaches Python's int() or the database: a year is at most four digits between
YEAR_MIN and YEAR_MAX (no exponent, sign games or thousand-digit strings), a faceted parameter carries at most
MAX_VALUES_PER_PARAM values, and a page number goes through ``page_number``.
"""

from __future__ import annotations

import copy
import re
from functools import partial

import django_filters
from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import F

from letters.browse.registry import FINDING_FACETS, LETTER_FACETS, FacetSpec
from letters.freshness import search_cache
from letters.models import Finding, Inspection
from letters.services.theme_masks import mask_of

THEME_MATCH_CHOICES = [("any", "Any of these themes"), ("all", "All of these themes")]
SORT_CHOICES = [("relevance", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first")]
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _AnySlugField(forms.MultipleChoiceField):
    """Any slug is a valid choice: the JTAI topics are the parser's to name, and reading them from the database
    would cost every search page a query."""

    def valid_value(self, value) -> bool:
        return bool(_SLUG.match(str(value))) and len(str(value)) <= 60


class _AnySlugFilter(django_filters.MultipleChoiceFilter):
    field_class = _AnySlugField


def known_by_slug(model, version: int) -> dict[str, object]:
    """Every council, framework or theme by its slug, in the model's order, read once per data version."""
    return search_cache.remembered(
        f"slugs:{model._meta.label}", version, lambda: {obj.slug: obj for obj in model.objects.all()}
    )


class _KnownSlugsField(django_filters.fields.ModelMultipleChoiceField):
    """Councils, frameworks or themes named by slug. A search page gives ``known`` (the objects at its data
    version, read once per version) and the slugs are checked against them, with no query; otherwise they are
    looked up as Django does. Either way an unknown slug is the same error, and the objects come in the model's
    order."""

    known = None

    def clean(self, value):
        if self.known is not None and not value and not self.required:
            return []  # nothing chosen (Django gives an empty queryset, compiled whenever it is tested for truth)
        return super().clean(value)

    def _check_values(self, value):
        if self.known is None:
            return super()._check_values(value)
        try:
            values = frozenset(value)
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None
        for item in values:
            self.validate_no_null_characters(item)
        table = self.known()
        for item in values:
            if str(item) not in table:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return [obj for slug, obj in table.items() if slug in values]


class _KnownSlugsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _KnownSlugsField


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


def _facet_filter(spec: FacetSpec) -> django_filters.Filter:
    """The filter of a facet of the registry. distinct=False throughout: every filter is on a column of the row or
    of a row it points to, so no join can repeat a row, and SELECT DISTINCT over the findings' text cost more than
    the rest of the page's query."""
    if spec.match_param:  # the themes: read from the findings' theme bitmask
        return _KnownSlugsFilter(
            queryset=spec.model.objects.all(), to_field_name="slug", method="filter_theme", label=spec.label
        )
    if spec.model is not None:  # rows pointing at any of the objects the URL names by slug: the foreign key, no join
        return _KnownSlugsFilter(
            field_name=spec.field,
            queryset=spec.model.objects.all(),
            to_field_name="slug",
            method="filter_in",
            label=spec.label,
            distinct=False,
        )
    if spec.bits is not None:
        return django_filters.MultipleChoiceFilter(
            field_name=spec.field, choices=spec.choices, method="filter_bits", label=spec.label, distinct=False
        )
    if not spec.choices:
        return _AnySlugFilter(field_name=spec.field, label=spec.label, distinct=False)
    return django_filters.MultipleChoiceFilter(
        field_name=spec.field, choices=spec.choices, label=spec.label, distinct=False
    )


_FORM_CLASSES: dict[type, type] = {}


class _FiltersSharingSettings(dict):
    """A FilterSet class's filters, which django-filter deep-copies for every FilterSet made. Each FilterSet needs
    filters of its own (it sets their ``parent`` and ``model``), but the values of their settings (choices,
    querysets, names) are the class's and no search changes them: each copy is a shallow one, where the deep copy of
    every choice and queryset cost a tenth of a search page, and a deep copy of the rest a fortieth."""

    def __deepcopy__(self, memo):
        return {name: _own_copy(filter_) for name, filter_ in self.items()}


def _own_copy(filter_: django_filters.Filter) -> django_filters.Filter:
    """The filter with the same settings, and its own ``extra`` and method: django-filter binds a filter's method to
    the filter itself (a FilterMethod that finds the method on the filter's ``parent``), so the copy is bound anew."""
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    copied.method = filter_.method
    return copied


class _FieldsSharingChoices(dict):
    """A form class's fields, which every form made deep-copies. A choice field's copy shares the class's list of
    choices (no search changes it) and is otherwise copied as Django copies any field; the deep copy of every
    choice cost a twentieth of a search page."""

    def __deepcopy__(self, memo):
        return {name: _copy_sharing_choices(field, memo) for name, field in self.items()}


def _copy_sharing_choices(field: forms.Field, memo: dict) -> forms.Field:
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return forms.Field.__deepcopy__(field, memo)  # Django's copy of a field, less ChoiceField's copy of choices
    return copy.deepcopy(field, memo)


class _ArchiveFilterSet(django_filters.FilterSet):
    """The parameters that are not facets, and how the facets' filters read; the facets' filters come from the
    registry (``_filterset``)."""

    q = django_filters.CharFilter(method="filter_nothing", label="Search words")
    year_from = YearFilter(field_name="year", lookup_expr="gte", label="From year")
    year_to = YearFilter(field_name="year", lookup_expr="lte", label="To year")
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="filter_nothing", label="Sort by", empty_label=None)

    def __init__(self, data=None, queryset=None, *, version: int | None = None, **kwargs):
        """``version``: the data version a search page read; its slugs are then checked without a query."""
        super().__init__(data, queryset, **kwargs)
        self.version = version

    def get_form_class(self):
        """One form class per FilterSet class, made once (django-filter makes one per search; a form deep-copies
        its fields all the same)."""
        made = _FORM_CLASSES.get(type(self))
        if made is None:
            made = super().get_form_class()
            made.base_fields = _FieldsSharingChoices(made.base_fields)
            _FORM_CLASSES[type(self)] = made
        return made

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            if self.version is not None:
                for field in form.fields.values():
                    if isinstance(field, _KnownSlugsField):
                        field.known = partial(known_by_slug, field.queryset.model, self.version)
        return self._form

    def filter_in(self, queryset, name, value):
        """Rows whose foreign key is one of the chosen objects: ``authority_id IN (…)``, no join."""
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

    def filter_bits(self, queryset, name, value):
        """Rows with any of the chosen values of a bitmask column (the visit focus), no join."""
        if not value:
            return queryset
        bits = next(spec.bits for spec in FINDING_FACETS if spec.field == name)
        mask = mask_of(bits[slug] for slug in value if slug in bits)
        return queryset.annotate(chosen_bits=F(name).bitand(mask)).exclude(chosen_bits=0)

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

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied by the search (the full-text query and the ordering)


def _filterset(name: str, model, specs: list[FacetSpec], fields: list[str]) -> type[django_filters.FilterSet]:
    """A FilterSet with a filter for each facet of ``specs``; ``fields`` orders the form (and what a feed's title
    says)."""
    meta = type("Meta", (), {"model": model, "form": BoundedForm, "fields": fields})
    attributes = {spec.param: _facet_filter(spec) for spec in specs}
    for spec in specs:
        if spec.match_param:  # read by filter_theme: whether a row needs any of the ticked values (the default) or all
            attributes[spec.match_param] = django_filters.ChoiceFilter(
                choices=THEME_MATCH_CHOICES, method="filter_nothing", label="Match themes", empty_label=None
            )
    filterset = type(name, (_ArchiveFilterSet,), {"__module__": __name__, "Meta": meta, **attributes})
    filterset.base_filters = _FiltersSharingSettings(filterset.base_filters)
    return filterset


# The URL parameters both searches read; the findings search adds its section and themes.
SHARED_FIELDS = [
    *("q", "council", "region", "year_from", "year_to", "year", "framework", "visit_type"),
    *("judgement", "topic", "focus"),
]
FindingFilter = _filterset(
    "FindingFilter", Finding, FINDING_FACETS, [*SHARED_FIELDS, "section", "theme", "theme_match", "sort"]
)
LetterFilter = _filterset("LetterFilter", Inspection, LETTER_FACETS, [*SHARED_FIELDS, "sort"])


def valid_qs(filterset: django_filters.FilterSet):
    """The filtered queryset, or BadRequest (a 400) when any parameter is invalid: an export or a feed never falls
    back to the unfiltered archive because one of its filters was dropped."""
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest("Invalid search parameters: " + ", ".join(sorted(filterset.form.errors)))
    return filterset.qs
