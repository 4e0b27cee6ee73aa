"""Councils: the reference list, which ones existed on a date, and the ways letters write them.

The list is ``letters/parsing/data/authorities.json`` when it exists (records of ``name``, ``short_name``,
``slug``, ``gss_code``, ``region``, ``kind``, ``abolished``, ``replaced_by``, ``aliases``); the environment
variable ``SYNTHETIC_AUTHORITIES`` may point at another file of that format; otherwise a small built-in list.
A council exists on a date when it has not been abolished by then and, if it replaced others, they have gone.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from random import Random

DATA_FILE = Path(__file__).resolve().parent.parent / "parsing" / "data" / "authorities.json"


def _record(name, short, slug, kind, region, abolished=None, replaced_by=(), aliases=()):
    return {
        "name": name,
        "short_name": short,
        "slug": slug,
        "gss_code": "",
        "region": region,
        "kind": kind,
        "abolished": abolished,
        "replaced_by": list(replaced_by),
        "aliases": list(aliases),
    }


FALLBACK: list[dict] = [
    _record("Luton Borough Council", "Luton", "luton", "unitary", "East of England", aliases=["Luton Council"]),
    _record("Stoke-on-Trent City Council", "Stoke-on-Trent", "stoke-on-trent", "unitary", "West Midlands"),
    _record(
        "City of Wolverhampton Council",
        "Wolverhampton",
        "wolverhampton",
        "metropolitan_borough",
        "West Midlands",
        aliases=["Wolverhampton City Council"],
    ),
    _record("Derbyshire County Council", "Derbyshire", "derbyshire", "county", "East Midlands"),
    _record("London Borough of Ealing", "Ealing", "ealing", "london_borough", "London", aliases=["Ealing Council"]),
    _record(
        "City of London Corporation",
        "City of London",
        "city-of-london",
        "sui_generis",
        "London",
        aliases=["the City of London", "Corporation of London"],
    ),
    _record(
        "Northamptonshire County Council",
        "Northamptonshire",
        "northamptonshire",
        "county",
        "East Midlands",
        abolished="2021-04-01",
        replaced_by=["north-northamptonshire", "west-northamptonshire"],
    ),
    _record(
        "North Northamptonshire Council",
        "North Northamptonshire",
        "north-northamptonshire",
        "unitary",
        "East Midlands",
    ),
    _record(
        "West Northamptonshire Council",
        "West Northamptonshire",
        "west-northamptonshire",
        "unitary",
        "East Midlands",
    ),
    _record(
        "Borough of Poole",
        "Poole",
        "poole",
        "unitary",
        "South West",
        abolished="2019-04-01",
        replaced_by=["bournemouth-christchurch-and-poole"],
        aliases=["Poole Borough Council"],
    ),
    _record(
        "Bournemouth, Christchurch and Poole Council",
        "Bournemouth, Christchurch and Poole",
        "bournemouth-christchurch-and-poole",
        "unitary",
        "South West",
        aliases=["BCP Council"],
    ),
    _record(
        "Redcar and Cleveland Borough Council",
        "Redcar and Cleveland",
        "redcar-and-cleveland",
        "unitary",
        "North East",
    ),
]


@dataclass(frozen=True)
class Council:
    name: str  # canonical (the record's name)
    short: str
    slug: str
    kind: str
    region: str
    formal: str  # "Luton Borough Council", "London Borough of Ealing", "City of London Corporation"
    created: date | None
    abolished: date | None

    def exists_on(self, day: date) -> bool:
        return (self.created is None or self.created <= day) and (self.abolished is None or day < self.abolished)


def _parse_day(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_FORMAL = re.compile(
    r"(?:Council|Corporation)$|^Council of|^(?:London|Royal) Borough of|^(?:City and )?(?:County|Borough) of"
)


def formal_name(record: dict) -> str:
    """The council's own name as letters write it in full."""
    name = record.get("name") or ""
    if _FORMAL.search(name):
        return name
    for alias in record.get("aliases") or []:
        if _FORMAL.search(alias) and not alias.lower().startswith("the "):
            return alias
    short = record.get("short_name") or name
    kind = (record.get("kind") or "").lower()
    if "county" in kind:
        return f"{short} County Council"
    if "metropolitan" in kind:
        return f"{short} Metropolitan Borough Council"
    if "london" in kind:
        return f"London Borough of {short}"
    return f"{short} Council"


def build_councils(records: list[dict]) -> list[Council]:
    created: dict[str, date] = {}
    for record in records:
        gone = _parse_day(record.get("abolished"))
        replaced = record.get("replaced_by") or []
        if isinstance(replaced, str):
            replaced = [replaced]
        if gone:
            for slug in replaced:
                created[slug] = min(created.get(slug, gone), gone)
    councils = []
    for record in records:
        if not record.get("name") or not record.get("slug"):
            continue
        short = record.get("short_name") or re.sub(
            r"^(?:London Borough of|Royal Borough of)\s+"
            r"|\s+(?:Metropolitan Borough|County|City|Borough)?\s*Council$",
            "",
            record["name"],
        )
        councils.append(
            Council(
                name=record["name"],
                short=short,
                slug=record["slug"],
                kind=record.get("kind") or "",
                region=record.get("region") or "",
                formal=formal_name(record),
                created=created.get(record["slug"]),
                abolished=_parse_day(record.get("abolished")),
            )
        )
    councils.sort(key=lambda c: c.slug)
    return councils


@lru_cache(maxsize=4)
def load_councils(path: str | None = None) -> tuple[Council, ...]:
    """Councils from ``path``, ``$SYNTHETIC_AUTHORITIES``, the project's authorities.json or the fallback."""
    candidate = path or os.environ.get("SYNTHETIC_AUTHORITIES") or (str(DATA_FILE) if DATA_FILE.exists() else None)
    records = FALLBACK
    if candidate:
        try:
            loaded = json.loads(Path(candidate).read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                loaded = loaded.get("authorities") or list(loaded.values())
            if isinstance(loaded, list) and loaded:
                records = loaded
        except (OSError, ValueError):
            records = FALLBACK
    return tuple(build_councils(records))


class CouncilPicker:
    """Pick councils in existence on a date quickly (the set only changes on a few reorganisation days)."""

    def __init__(self, councils: tuple[Council, ...]):
        self.councils = councils
        changes = sorted({d for c in councils for d in (c.created, c.abolished) if d})
        self.changes = changes
        self.by_epoch: list[tuple[Council, ...]] = []
        for index in range(len(changes) + 1):
            day = changes[index - 1] if index else date(1900, 1, 1)
            self.by_epoch.append(tuple(c for c in councils if c.exists_on(day)))

    def pick(self, rng: Random, day: date) -> Council:
        living = self.by_epoch[bisect_right(self.changes, day)]
        return rng.choice(living or self.councils)


@lru_cache(maxsize=4)
def picker(path: str | None = None) -> CouncilPicker:
    return CouncilPicker(load_councils(path))


# --- how letters write the council ------------------------------------------------------------------------


def title_form(rng: Random, council: Council) -> str:
    """The council as a title writes it before "children's services"."""
    roll = rng.random()
    if council.slug == "city-of-london":
        return (
            "City of London Corporation"
            if roll < 0.5
            else "the City of London Corporation"
            if roll < 0.7
            else "City of London"
        )
    if roll < 0.64:
        return council.short
    if roll < 0.86:
        return council.formal
    if roll < 0.97:
        return f"{council.short} local authority"
    return f"{council.short} council"


def in_full(rng: Random, council: Council) -> str:
    """The council's full name as a sentence uses it ("in the City of London Corporation")."""
    if council.slug == "city-of-london" and rng.random() < 0.6:
        return "the City of London Corporation"
    return council.formal


def address_town(council: Council) -> str:
    short = council.short
    if "county" in council.kind or short.endswith("shire") or "," in short or " and " in short:
        return _COUNTY_TOWNS.get(short, "")
    return short


_COUNTY_TOWNS = {
    "Derbyshire": "Matlock",
    "Nottinghamshire": "Nottingham",
    "Staffordshire": "Stafford",
    "Lancashire": "Preston",
    "Kent": "Maidstone",
    "Essex": "Chelmsford",
    "Surrey": "Woking",
    "Devon": "Exeter",
    "Norfolk": "Norwich",
    "Suffolk": "Ipswich",
    "Hampshire": "Winchester",
    "Cumbria": "Carlisle",
    "Somerset": "Taunton",
    "Northamptonshire": "Northampton",
    "North Northamptonshire": "Corby",
    "West Northamptonshire": "Northampton",
    "Bournemouth, Christchurch and Poole": "Bournemouth",
    "Redcar and Cleveland": "Redcar",
    "Cheshire West and Chester": "Chester",
    "Cheshire East": "Sandbach",
    "Central Bedfordshire": "Chicksands",
    "Lincolnshire": "Lincoln",
    "Leicestershire": "Glenfield",
    "Warwickshire": "Warwick",
    "Oxfordshire": "Oxford",
}
