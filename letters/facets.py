"""Facets as plain rows ({value, label, count, selected, toggle_url}) from disjunctive counts (see
facet_counts.py: each facet counted with every filter but its own). Returns data, never HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from letters.models import Authority, Framework, Grade, Section, Theme
from letters.parsing.focus import FOCUS_LABELS


@dataclass(frozen=True)
class FacetSpec:
    param: str  # the URL parameter
    label: str
    order: str = "count"  # "count" (most first), "value" (ascending) or "fixed" (the label table's order)
    match_param: str = ""  # a URL parameter choosing whether rows need any ("any", the default) or all ticked values
    plural: str = ""  # what the options are called in "any of these …" (the label in lower case, plus "s")
    skip_empty: bool = False  # leave out the rows with no value (letters that are not JTAIs have no topic)


@dataclass
class FacetMode:
    """One way of combining a facet's ticked values: "any" (a row has one of them) or "all" (a row has each)."""

    value: str
    label: str
    selected: bool
    url: str


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    match_param: str = ""
    modes: list[FacetMode] = field(default_factory=list)  # for a facet with a match_param: any / all

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)

    @property
    def mode(self) -> FacetMode | None:
        return next((mode for mode in self.modes if mode.selected), None)


FINDING_FACETS = [
    FacetSpec("council", "Council"),
    FacetSpec("region", "Region"),
    FacetSpec("year", "Year", order="value"),
    FacetSpec("framework", "Framework", order="fixed"),
    FacetSpec("visit_type", "Visit type"),
    FacetSpec("judgement", "Latest overall judgement", order="fixed", skip_empty=True),
    FacetSpec("focus", "Visit focus", skip_empty=True),
    FacetSpec("topic", "JTAI topic", skip_empty=True),
    FacetSpec("section", "Section", order="fixed"),
    FacetSpec("theme", "Theme", match_param="theme_match", plural="themes"),
]
LETTER_FACETS = [spec for spec in FINDING_FACETS if spec.param not in ("section", "theme")]


def topic_label(slug: str) -> str:
    """A JTAI topic's label from its slug: 'domestic-abuse' -> 'Domestic abuse'."""
    return slug.replace("-", " ").capitalize()


@dataclass
class Labels:
    """value -> (url value, label) for each facet whose column holds ids or codes."""

    by_param: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Labels:
        return cls(
            {
                "council": {
                    pk: (slug, name) for pk, slug, name in Authority.objects.values_list("pk", "slug", "short_name")
                },
                "framework": {
                    pk: (slug, name) for pk, slug, name in Framework.objects.values_list("pk", "slug", "short_name")
                },
                "theme": {pk: (slug, name) for pk, slug, name in Theme.objects.values_list("pk", "slug", "name")},
                "section": {value: (value, label) for value, label in Section.choices},
                "judgement": {
                    **{value: (value, label) for value, label in Grade.choices},
                    "": ("", "No judgement on record"),
                },
                "focus": {slug: (slug, label) for slug, label in FOCUS_LABELS.items()},
            }
        )

    def of(self, param: str, value) -> tuple[str, str]:
        table = self.by_param.get(param)
        if table is not None and value in table:
            return table[value]
        text = "" if value is None else str(value)
        if param == "topic":
            return text, topic_label(text) or "Not a JTAI"
        return text, (text.capitalize() if param == "visit_type" else text) or "Not known"


def toggle_url(path: str, data: QueryDict, param: str, value: str) -> str:
    """The URL of the same search with ``value`` of ``param`` ticked or unticked (back to the first page)."""
    query = data.copy()
    query.pop("page", None)
    values = query.getlist(param)
    query.setlist(param, [v for v in values if v != value] if value in values else [*values, value])
    encoded = urlencode([(key, item) for key, items in query.lists() for item in items if item != ""])
    return f"{path}?{encoded}" if encoded else path


def set_url(path: str, data: QueryDict, param: str, value: str) -> str:
    """The URL of the same search with ``param`` set to ``value`` (back to the first page)."""
    query = data.copy()
    query.pop("page", None)
    query.setlist(param, [value])
    encoded = urlencode([(key, item) for key, items in query.lists() for item in items if item != ""])
    return f"{path}?{encoded}"


def _modes(spec: FacetSpec, data: QueryDict, path: str) -> list[FacetMode]:
    if not spec.match_param:
        return []
    chosen = "all" if data.get(spec.match_param) == "all" else "any"
    return [
        FacetMode(
            value, f"{value} of these {spec.plural}", value == chosen, set_url(path, data, spec.match_param, value)
        )
        for value in ("any", "all")
    ]


def facet_rows(
    specs: list[FacetSpec], data: QueryDict, counts: dict[str, dict], labels: Labels, path: str
) -> list[Facet]:
    """Facets as rows for templates, from ``counts`` ({param: {database value: count}})."""
    facets = []
    for spec in specs:
        selected = set(data.getlist(spec.param))
        options = []
        for raw_value, count in counts.get(spec.param, {}).items():
            if spec.skip_empty and raw_value in ("", None):
                continue
            value, label = labels.of(spec.param, _as_key(spec.param, raw_value))
            options.append(
                FacetOption(value, label, count, value in selected, toggle_url(path, data, spec.param, value))
            )
        shown = {option.value for option in options}
        for value in selected - shown:  # a ticked value with no results left still shows, to be unticked
            options.append(
                FacetOption(
                    value,
                    labels_for_url_value(labels, spec.param, value),
                    0,
                    True,
                    toggle_url(path, data, spec.param, value),
                )
            )
        facets.append(
            Facet(spec.param, spec.label, _ordered(options, spec, labels), spec.match_param, _modes(spec, data, path))
        )
    return facets


def _as_key(param: str, raw_value):
    """Counts come back as text; ids of councils, frameworks and themes are looked up as integers."""
    if param in ("council", "framework", "theme") and isinstance(raw_value, str) and raw_value.isdigit():
        return int(raw_value)
    return raw_value


def labels_for_url_value(labels: Labels, param: str, value: str) -> str:
    for slug, label in labels.by_param.get(param, {}).values():
        if slug == value:
            return label
    return topic_label(value) if param == "topic" else value


def _ordered(options: list[FacetOption], spec: FacetSpec, labels: Labels) -> list[FacetOption]:
    if spec.order == "value":
        return sorted(options, key=lambda o: o.value)
    if spec.order == "fixed":
        rank = {slug: index for index, (slug, _) in enumerate(labels.by_param.get(spec.param, {}).values())}
        return sorted(options, key=lambda o: rank.get(o.value, len(rank)))
    return sorted(options, key=lambda o: (-o.count, o.label))
