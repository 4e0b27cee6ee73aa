"""Which English children's services authority a name or a letter means, on the date the letter was written.

Reference data lives in ``data/authorities.json`` (one object per authority, current and replaced since 2009);
``AuthorityIndex`` resolves the names letters use ("Stoke-on-Trent children's services", "the City of London
Corporation", "Northamptonshire County Council" in 2019) to one ``AuthorityRecord``. Pure Python, no Django.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from letters.parsing.normalise import CharMap

DATA_FILE = Path(__file__).with_name("data") / "authorities.json"

KINDS = ("london_borough", "metropolitan_borough", "county", "unitary", "sui_generis")
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)


@dataclass(frozen=True)
class AuthorityRecord:
    """One authority in the reference data; ``abolished`` is the first day it no longer existed."""

    name: str
    short_name: str
    slug: str
    gss_code: str
    region: str
    kind: str
    abolished: date | None = None
    replaced_by: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.abolished is None

    @property
    def all_names(self) -> tuple[str, ...]:
        """The formal name, the short name and every alias."""
        return (self.name, self.short_name, *self.aliases)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuthorityRecord:
        abolished = data.get("abolished")
        return cls(
            name=data["name"],
            short_name=data["short_name"],
            slug=data["slug"],
            gss_code=data.get("gss_code") or "",
            region=data["region"],
            kind=data["kind"],
            abolished=date.fromisoformat(abolished) if abolished else None,
            replaced_by=tuple(data.get("replaced_by") or ()),
            aliases=tuple(data.get("aliases") or ()),
        )


@lru_cache(maxsize=1)
def _default_records() -> tuple[AuthorityRecord, ...]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return tuple(AuthorityRecord.from_dict(item) for item in json.load(handle))


def load_default_authorities() -> list[AuthorityRecord]:
    """Every authority in ``data/authorities.json`` (read once, then cached)."""
    return list(_default_records())


# ----------------------------------------------------------------------------------------------------
# Name normalisation

_APOSTROPHES = CharMap(dict.fromkeys("\u2019\u2018\u02bc\u2032`\u00b4", "'"))
_POSSESSIVE = re.compile(r"'s\b", re.I)
_NON_WORD = re.compile(r"[\W_]+")

# Generic words around a place name, stripped (repeatedly) from the end and the start of a name.
_TRAILING = tuple(
    sorted(
        {
            "childrens services",
            "children services",
            "childrens social care",
            "children social care",
            "childrens social care services",
            "children social care services",
            "children social work services",
            "childrens social work services",
            "children and young people services",
            "children and families",
            "children and families services",
            "services for children",
            "childrens services department",
            "children services department",
            "social care",
            "local authority",
            "la",
            "council",
            "city council",
            "borough council",
            "county council",
            "county borough council",
            "metropolitan borough council",
            "metropolitan district council",
            "metropolitan council",
            "district council",
            "unitary council",
            "unitary authority",
            "ua",
            "corporation",
            "city corporation",
            "city of",
            "county of",
            "london borough",
            "london boro",
            "mbc",
            "mdc",
            "metropolitan borough",
            "metropolitan district",
            "borough",
            "city",
            "county",
            "district",
            "area",
        },
        key=len,
        reverse=True,
    )
)
_LEADING = tuple(
    sorted(
        {
            "the",
            "london borough of",
            "royal borough of",
            "metropolitan borough of",
            "borough council of",
            "borough of",
            "city and county of",
            "city of",
            "county of",
            "council of the",
            "council of",
            "corporation of",
        },
        key=len,
        reverse=True,
    )
)
# "City of London" keeps its "City of": stripping it would leave "London", which names no authority.
_CITY_OF_LONDON = "city of london"
_LONDON_PREFIXES = frozenset({"city of", "corporation of", "city and county of"})

# Phrases that contain an authority's name but mean something else: search() ignores matches inside them.
_BLOCKERS = ("greater manchester", "newcastle under lyme", "new york")
# Keys that are also everyday words: search() only takes them when the text capitalises them.
_CAPITALISED_ONLY = frozenset(
    {"reading", "bury", "slough", "harrow", "hull", "derby", "brent", "banes", "hackney", "havering", "surrey"}
)


def _clean(text: str) -> str:
    """Case kept; quotes straightened, possessive 's dropped, '&' spelt 'and', punctuation to spaces."""
    text = _APOSTROPHES.apply(unicodedata.normalize("NFKC", text))
    text = _POSSESSIVE.sub("", text).replace("'", "").replace("&", " and ")
    return _NON_WORD.sub(" ", text).strip()


def normalise_name(text: str) -> str:
    """Lower case, punctuation-free form of a name: 'Hammersmith & Fulham' -> 'hammersmith and fulham'."""
    name = _clean(text).lower()
    return name[4:] if name.startswith("the ") else name


def core_name(text: str) -> str:
    """The place inside a name: 'Stoke-on-Trent City Council children's services' -> 'stoke on trent'."""
    name = normalise_name(text)
    changed = True
    while changed:
        changed = False
        for suffix in _TRAILING:
            if name.endswith(" " + suffix):
                name = name[: -len(suffix) - 1]
                changed = True
                break
        if changed:
            continue
        for prefix in _LEADING:
            if name.startswith(prefix + " "):
                rest = name[len(prefix) + 1 :]
                if prefix in _LONDON_PREFIXES and (rest == "london" or rest.startswith("london ")):
                    new = _CITY_OF_LONDON + rest[len("london") :]
                else:
                    new = rest
                if new != name:
                    name, changed = new, True
                break
    return name


def _trie_pattern(keys: Iterable[str]) -> str:
    """One regex alternation for many keys, factored by prefix so each position is tried in one pass."""
    trie: dict[str, dict] = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@dataclass(frozen=True)
class _Tables:
    by_slug: dict[str, AuthorityRecord]
    established: dict[str, date]
    exact: dict[str, tuple[AuthorityRecord, ...]]
    core: dict[str, tuple[AuthorityRecord, ...]]
    pattern: re.Pattern[str]


@lru_cache(maxsize=8)
def _tables(records: tuple[AuthorityRecord, ...]) -> _Tables:
    by_slug = {record.slug: record for record in records}
    established: dict[str, date] = {}
    for record in records:
        if record.abolished:
            for successor in record.replaced_by:
                established[successor] = min(established.get(successor, record.abolished), record.abolished)
    exact: dict[str, list[AuthorityRecord]] = {}
    core: dict[str, list[AuthorityRecord]] = {}
    for record in records:
        for name in record.all_names:
            for table, key in ((exact, normalise_name(name)), (core, core_name(name))):
                if key and record not in table.setdefault(key, []):
                    table[key].append(record)
    keys = set(exact) | set(core) | set(_BLOCKERS)
    pattern = re.compile(r"(?<!\w)(?=(" + _trie_pattern(keys) + r")(?!\w))", re.I)
    return _Tables(
        by_slug=by_slug,
        established=established,
        exact={key: tuple(value) for key, value in exact.items()},
        core={key: tuple(value) for key, value in core.items()},
        pattern=pattern,
    )


class AuthorityIndex:
    """Resolve names, or find the authority named in free text; the date decides between old and new bodies.

    A record exists from the day its predecessors were abolished (if their ``replaced_by`` names it) until the
    day before its own ``abolished`` date. Where several records share a name ("Somerset", "Dorset",
    "North Yorkshire"), ``on`` picks the one in existence on that date; without ``on`` the current one wins.
    """

    def __init__(self, records: Iterable[AuthorityRecord]) -> None:
        self._records = tuple(records)
        self._t = _tables(self._records)

    @property
    def records(self) -> tuple[AuthorityRecord, ...]:
        return self._records

    def get(self, slug: str) -> AuthorityRecord | None:
        return self._t.by_slug.get(slug)

    def established(self, record: AuthorityRecord) -> date | None:
        """The day a successor body came into being, if the data records its predecessor; otherwise None."""
        return self._t.established.get(record.slug)

    def exists_on(self, record: AuthorityRecord, on: date) -> bool:
        start = self.established(record)
        return (start is None or start <= on) and (record.abolished is None or on < record.abolished)

    def resolve(self, name: str, on: date | None = None) -> AuthorityRecord | None:
        """The authority a name means ('Luton Borough Council', "Stoke on Trent children's services")."""
        if not isinstance(name, str):
            return None
        full = normalise_name(name)
        if not full:
            return None
        return self._choose(full, on)

    def search(self, text: str, on: date | None = None) -> AuthorityRecord | None:
        """The authority whose name, short name or alias is the longest one occurring in ``text``.

        Word-bounded and case-insensitive; ties go to the earliest occurrence. With ``on``, a name that
        resolves to an authority in existence on that date beats any name that does not ('Bedfordshire
        Police' in a 2015 Bedford letter does not make it a Bedfordshire County Council letter).
        """
        if not isinstance(text, str) or not text:
            return None
        cleaned = _clean(text)
        first_at: dict[str, int] = {}
        blocked_until = -1
        for match in self._t.pattern.finditer(cleaned):
            phrase = match.group(1)
            start, key = match.start(1), phrase.lower()
            if key in _BLOCKERS:
                blocked_until = max(blocked_until, start + len(phrase))
                continue
            if start + len(phrase) <= blocked_until or key in first_at:
                continue
            if key in _CAPITALISED_ONLY and not phrase[:1].isupper():
                continue
            if key in self._t.exact or key in self._t.core:
                first_at[key] = start
        best: tuple[tuple[bool, int, int], AuthorityRecord] | None = None
        for key, start in first_at.items():
            record = self._choose(key, on)
            if record is None:
                continue
            rank = (on is None or self.exists_on(record, on), len(key), -start)
            if best is None or rank > best[0]:
                best = (rank, record)
        return best[1] if best else None

    # ----------------------------------------------------------------------------------------------------

    def _choose(self, full: str, on: date | None) -> AuthorityRecord | None:
        groups = (self._t.exact.get(full, ()), self._t.core.get(core_name(full), ()))
        return self._pick(groups, on)

    def _pick(self, groups: Sequence[tuple[AuthorityRecord, ...]], on: date | None) -> AuthorityRecord | None:
        if on is None:
            for group in groups:
                if group:
                    current = [record for record in group if record.abolished is None]
                    return current[0] if current else max(group, key=lambda r: r.abolished or date.max)
            return None
        for group in groups:
            alive = [record for record in group if self.exists_on(record, on)]
            if alive:
                return alive[0]
        for group in groups:
            if group:
                nearest = min(group, key=lambda record: self._distance(record, on))
                return self._successor_on(nearest, on) or nearest
        return None

    def _distance(self, record: AuthorityRecord, on: date) -> int:
        start = self.established(record)
        if record.abolished and on >= record.abolished:
            return (on - record.abolished).days + 1
        if start and on < start:
            return (start - on).days
        return 0

    def _successor_on(self, record: AuthorityRecord, on: date) -> AuthorityRecord | None:
        """After abolition, the single successor in existence on ``on`` (none when the area was split)."""
        seen = {record.slug}
        while record.abolished and on >= record.abolished and len(record.replaced_by) == 1:
            successor = self._t.by_slug.get(record.replaced_by[0])
            if successor is None or successor.slug in seen:
                return None
            seen.add(successor.slug)
            if self.exists_on(successor, on):
                return successor
            record = successor
        return None
