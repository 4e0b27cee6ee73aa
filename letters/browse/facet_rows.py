"""Facets as plain rows ({value, label, count, selected, toggle_url}) from the counts (counting.py: each facet
counted with every filter but its own), labelled and ordered as the registry says. Returns data, never HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from letters.browse.registry import FacetSpec, topic_label


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
    toggles: _Toggles | str = field(default="", repr=False, compare=False)  # the URL, or what makes it

    @property
    def toggle_url(self) -> str:
        """The same search with this option ticked or unticked. Made when asked for: an HTML page links only its
        ticked options (the checkboxes submit the form), the API every option."""
        return self.toggles if isinstance(self.toggles, str) else self.toggles.url(self.value)


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    match_param: str = ""
    modes: list[FacetMode] = field(default_factory=list)  # for a facet with a match_param: any / all

    @property
    def selected_options(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]

    @property
    def selected_count(self) -> int:
        return len(self.selected_options)

    @property
    def mode(self) -> FacetMode | None:
        return next((mode for mode in self.modes if mode.selected), None)


@dataclass
class Labels:
    """value -> (url value, label) for each facet whose column holds ids or codes."""

    by_param: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, specs: list[FacetSpec]) -> Labels:
        return cls({spec.param: spec.labels() for spec in specs if spec.labels is not None})

    def of(self, spec: FacetSpec, value) -> tuple[str, str]:
        table = self.by_param.get(spec.param)
        if table is not None and value in table:
            return table[value]
        text = "" if value is None else str(value)
        return text, spec.fallback_label(text)

    def for_url_value(self, spec: FacetSpec, value: str) -> str:
        for slug, label in self.by_param.get(spec.param, {}).values():
            if slug == value:
                return label
        return topic_label(value) if spec.param == "topic" else value


def _with(path: str, query: QueryDict) -> str:
    encoded = urlencode([(key, item) for key, items in query.lists() for item in items if item != ""])
    return f"{path}?{encoded}" if encoded else path


def toggle_url(path: str, data: QueryDict, param: str, value: str) -> str:
    """The URL of the same search with ``value`` of ``param`` ticked or unticked (back to the first page)."""
    return _Toggles(path, data, param).url(value)


class _Toggles:
    """The toggle URLs of one facet's options: the rest of the query is encoded once, not once per option (a council
    facet has 150 of them). The same URL as copying the query and setting the facet's values in it would give."""

    def __init__(self, path: str, data: QueryDict, param: str):
        self.path, self.param, self.data = path, param, data
        self.values = data.getlist(param)
        self.before = self.after = None

    def url(self, value: str) -> str:
        if self.before is None:
            lists = [(key, items) for key, items in self.data.lists() if key != "page"]
            keys = [key for key, _ in lists]
            place = keys.index(self.param) if self.param in keys else len(lists)
            self.before, self.after = _encoded(lists[:place]), _encoded(lists[place + 1 :])
        values = [v for v in self.values if v != value] if value in self.values else [*self.values, value]
        encoded = "&".join(part for part in (self.before, _encoded([(self.param, values)]), self.after) if part)
        return f"{self.path}?{encoded}" if encoded else self.path


def _encoded(lists) -> str:
    return urlencode([(key, item) for key, items in lists for item in items if item != ""])


def set_url(path: str, data: QueryDict, param: str, value: str) -> str:
    """The URL of the same search with ``param`` set to ``value`` (back to the first page)."""
    query = data.copy()
    query.pop("page", None)
    query.setlist(param, [value])
    return _with(path, query)


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
        toggles = _Toggles(path, data, spec.param)
        options = []
        for raw_value, count in counts.get(spec.param, {}).items():
            if spec.skip_empty and raw_value in ("", None):
                continue
            value, label = labels.of(spec, _as_key(spec, raw_value))
            options.append(FacetOption(value, label, count, value in selected, toggles))
        shown = {option.value for option in options}
        for value in selected - shown:  # a ticked value with no results left still shows, to be unticked
            options.append(FacetOption(value, labels.for_url_value(spec, value), 0, True, toggles))
        facets.append(
            Facet(spec.param, spec.label, _ordered(options, spec, labels), spec.match_param, _modes(spec, data, path))
        )
    return facets


def _as_key(spec: FacetSpec, raw_value):
    """Counts come back as text; ids of councils, frameworks and themes are looked up as integers."""
    if spec.model is not None and isinstance(raw_value, str) and raw_value.isdigit():
        return int(raw_value)
    return raw_value


def _ordered(options: list[FacetOption], spec: FacetSpec, labels: Labels) -> list[FacetOption]:
    if spec.order == "value":
        return sorted(options, key=lambda o: o.value)
    if spec.order == "fixed":
        rank = {slug: index for index, (slug, _) in enumerate(labels.by_param.get(spec.param, {}).values())}
        return sorted(options, key=lambda o: rank.get(o.value, len(rank)))
    return sorted(options, key=lambda o: (-o.count, o.label))
