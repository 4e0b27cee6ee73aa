"""The addressee: a director (or a children's trust's chief executive), the council's address, the salutation.

Addresses are invented in the shape letters use: an optional council line, a building, a street, the town
(or a county's town), the county, a postcode.
"""

from __future__ import annotations

from datetime import date
from random import Random

from letters.synthetic import councils, people

_TRUSTS = {
    "doncaster": "Doncaster Children's Services Trust",
    "birmingham": "Birmingham Children's Trust",
    "sandwell": "Sandwell Children's Trust",
    "slough": "Slough Children First",
    "north-northamptonshire": "Northamptonshire Children's Trust",
    "west-northamptonshire": "Northamptonshire Children's Trust",
    "sunderland": "Together for Children",
    "kingston-upon-thames": "Achieving for Children",
    "richmond-upon-thames": "Achieving for Children",
    "bradford": "Bradford Children and Families Trust",
}
_BUILDINGS = (
    "Civic Centre",
    "Town Hall",
    "County Hall",
    "Council House",
    "Civic Offices",
    "Municipal Buildings",
    "Guildhall",
    "Shire Hall",
    "Council Offices",
    "Riverside House",
)
_STREETS = (
    "Glebe Street",
    "High Street",
    "Station Road",
    "Market Square",
    "St Peter's Square",
    "Duke Street",
    "Priory Road",
    "Eldon Street",
    "Loughborough Road",
    "Kirkleatham Street",
    "Church Street",
    "King Street",
    "Tipping Street",
    "Dunning Street",
    "Angel Square",
    "Knowsley Place",
    "Victoria Road",
)
_POSTCODE_AREAS = (
    "ST",
    "WV",
    "TS",
    "CH",
    "DE",
    "NG",
    "BL",
    "SK",
    "B",
    "M",
    "LS",
    "S",
    "NN",
    "BH",
    "CA",
    "HU",
    "DY",
    "LU",
    "TW",
    "EN",
    "W",
    "E",
    "N",
    "SE",
    "BS",
    "EX",
    "PO",
    "ME",
)


def postcode(rng: Random) -> str:
    area = rng.choice(_POSTCODE_AREAS)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{area}{rng.randint(1, 20)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def recipient(rng: Random, council: councils.Council, era: str, letter_date: date):
    """(person, role, address lines after the name, honorific in the address?, salutation)."""
    person = people.person(rng)
    trust = _TRUSTS.get(council.slug) if letter_date.year >= 2018 else None
    if trust and rng.random() < 0.5:
        role = f"Chief Executive, {trust}"
    elif rng.random() < 0.07:
        role = ""
    else:
        role = people.role(rng, era)
    town = councils.address_town(council)
    lines = []
    if rng.random() < 0.35:
        lines.append(council.formal)
    lines.append(rng.choice(_BUILDINGS))
    if rng.random() < 0.7:
        lines.append(f"{rng.randint(1, 40)} {rng.choice(_STREETS)}" if rng.random() < 0.3 else rng.choice(_STREETS))
    if town:
        lines.append(town)
    if council.short != town and (not town or rng.random() < 0.3):
        lines.append(council.short)  # "Derbyshire" after "Matlock"
    lines.append(postcode(rng))
    honorific = era == "cra" or rng.random() < 0.3
    if era == "cra" or rng.random() < 0.6:
        salutation = f"Dear {person.honorific} {person.surname}"
    else:
        salutation = f"Dear {person.given}"
    if rng.random() < 0.12:
        salutation += ","
    return person, role, lines, honorific, salutation
