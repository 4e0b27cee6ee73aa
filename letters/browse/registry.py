"""The facets of the two searches, declared once. Every other module of the read side reads this list: the
FilterSets (letters/filters.py) make their filters from it, the selection (selection.py) turns the URL's values into
database values with it, the SQL (statement.py, counting.py) reads each facet's column from it, and the rows
(facet_rows.py) take their labels and order from it.

A facet's values live in ``column``: the same name in the matching rows the one statement materialises (filled by
``source``, SQL on the row ``r``) and in the count tables (models/facet_tables.py). A facet whose values belong to
the council (``council_column``: region, latest judgement) is not read per row: the statement counts it through the
councils. A multi-valued facet is a bitmask (``bits``: {value: bit}).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from letters.models import Authority, Framework, Grade, Section, Theme
from letters.parsing.focus import FOCUS_AREAS, FOCUS_BITS, FOCUS_LABELS
from letters.parsing.frameworks import VISIT_TYPES

VISIT_TYPE_CHOICES = [(name, name.capitalize()) for name in dict.fromkeys(v for _, v in VISIT_TYPES)]
FOCUS_CHOICES = [(slug, label) for slug, label, _ in FOCUS_AREAS]
YEAR_CHOICES = [(str(y), str(y)) for y in range(2009, 2031)]


def topic_label(slug: str) -> str:
    """A JTAI topic's label from its slug: 'domestic-abuse' -> 'Domestic abuse'."""
    return slug.replace("-", " ").capitalize()


def _plain_label(text: str) -> str:
    return text or "Not known"


@dataclass(frozen=True)
class FacetSpec:
    param: str  # the URL parameter
    label: str
    field: str  # the ORM field a FilterSet filters (on a finding or a letter)
    column: str = ""  # in the matching rows and the count tables ("" for themes: the theme bitmask, apart)
    source: str = ""  # the SQL on a row ``r`` that fills ``column`` in the matching rows
    model: type | None = None  # values named by this model's slug in the URL, its id in the database
    choices: tuple = ()  # the values the URL may name (none: any slug, as the JTAI topics)
    bits: dict[str, int] | None = None  # a bitmask column: {value: bit}
    council_column: str = ""  # a value of the council: the authorities' column, counted through the councils
    findings_only: bool = False
    single_valued: bool = False  # every row has exactly one value (counted under "" when empty)
    # The rows (facet_rows.py)
    order: str = "count"  # "count" (most first), "value" (ascending) or "fixed" (the label table's order)
    match_param: str = ""  # a URL parameter choosing whether rows need any ("any", the default) or all ticked values
    plural: str = ""  # what the options are called in "any of these …"
    skip_empty: bool = False  # leave out the rows with no value (letters that are not JTAIs have no topic)
    labels: Callable[[], dict] | None = None  # {database value: (URL value, label)}
    fallback_label: Callable[[str], str] = _plain_label  # a value the label table does not hold


def _model_labels(model, name: str) -> Callable[[], dict]:
    return lambda: {pk: (slug, label) for pk, slug, label in model.objects.values_list("pk", "slug", name)}


FACETS = [
    FacetSpec(
        "council",
        "Council",
        "authority",
        "authority_id",
        "r.authority_id",
        model=Authority,
        single_valued=True,
        labels=_model_labels(Authority, "short_name"),
    ),
    FacetSpec(
        "region",
        "Region",
        "authority__region",
        "region",
        choices=tuple(Authority.Region.choices),
        council_column="region",
    ),
    FacetSpec("year", "Year", "year", "year", "r.year", choices=tuple(YEAR_CHOICES), order="value"),
    FacetSpec(
        "framework",
        "Framework",
        "framework",
        "framework_id",
        "r.framework_id",
        model=Framework,
        order="fixed",
        labels=_model_labels(Framework, "short_name"),
    ),
    FacetSpec(
        "visit_type",
        "Visit type",
        "visit_type",
        "visit_type",
        "r.visit_type",
        choices=tuple(VISIT_TYPE_CHOICES),
        single_valued=True,
        fallback_label=lambda text: text.capitalize() or "Not known",
    ),
    FacetSpec(
        "judgement",
        "Latest overall judgement",
        "authority__latest_overall_grade",
        "judgement",
        choices=tuple(Grade.choices),
        council_column="latest_overall_grade",
        order="fixed",
        skip_empty=True,
        labels=lambda: {
            **{value: (value, label) for value, label in Grade.choices},
            "": ("", "No judgement on record"),
        },
    ),
    FacetSpec(
        "focus",
        "Visit focus",
        "focus_mask",
        "focus_mask",
        "r.focus_mask",
        choices=tuple(FOCUS_CHOICES),
        bits=FOCUS_BITS,
        skip_empty=True,
        labels=lambda: {slug: (slug, label) for slug, label in FOCUS_LABELS.items()},
    ),
    FacetSpec(
        "topic",
        "JTAI topic",
        "jtai_topic",
        "jtai_topic",
        "r.jtai_topic",
        skip_empty=True,
        fallback_label=lambda text: topic_label(text) or "Not a JTAI",
    ),
    FacetSpec(
        "section",
        "Section",
        "section",
        "section",
        "r.section",
        choices=tuple(Section.choices),
        findings_only=True,
        single_valued=True,
        order="fixed",
        labels=lambda: {value: (value, label) for value, label in Section.choices},
    ),
    FacetSpec(
        "theme",
        "Theme",
        "theme_mask",
        model=Theme,
        findings_only=True,
        match_param="theme_match",
        plural="themes",
        labels=_model_labels(Theme, "name"),
    ),
]
FINDING_FACETS = FACETS
LETTER_FACETS = [spec for spec in FACETS if not spec.findings_only]
BY_PARAM = {spec.param: spec for spec in FACETS}


def counted(facets: list[FacetSpec]) -> list[FacetSpec]:
    """The facets counted by their column (the themes are counted from the theme bitmask, apart)."""
    return [spec for spec in facets if spec.column]
