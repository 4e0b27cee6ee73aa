"""Ofsted's address blocks (the letterhead furniture), by office and era.

Each block is a list of lines as a converter keeps them; blank strings are blank lines. Telephone numbers for
direct lines are invented in the shape Ofsted used.
"""

from __future__ import annotations

from datetime import date
from random import Random

# Ofsted's switchboard and textphone, and its enquiries address, as the letterheads print them.
_PHONES = ("T 0300 123 1231", "Textphone 0161 618 8524")
_EMAIL = "enquiries@ofsted.gov.uk"


def _direct(rng: Random, area: str) -> str:
    return f"{area} {rng.randint(6180000, 6189999) if area == '0161' else rng.randint(9456000, 9456999)}"


def freshford(rng: Random) -> list[str]:
    lines = [
        "Freshford House",
        "Redcliffe Way",
        "Bristol BS1 6NL",
        "",
        "T 0300 1231231",
        _EMAIL,
        "www.ofsted.gov.uk",
        "",
    ]
    if rng.random() < 0.5:
        lines += [f"Direct T {_direct(rng, '0117')}", f"Direct F {_direct(rng, '0117')}"]
    else:
        lines += [f"Direct T 03000 {rng.randint(130000, 139999)}", ""]
    lines.append(rng.choice(("Safeguarding.lookedafterchildren@ofsted.gov.uk", "cra@ofsted.gov.uk")))
    return lines


def royal_exchange(rng: Random) -> list[str]:
    return [
        "Royal Exchange Buildings",
        "St Ann's Square",
        "Manchester M2 7LA",
        "",
        *_PHONES,
        f"Direct T {_direct(rng, '0161')}",
        "Direct F 0161 618 8514",
        _EMAIL,
        "www.ofsted.gov.uk",
    ]


def aviation_house(rng: Random) -> list[str]:
    web = "www.ofsted.gov.uk" if rng.random() < 0.5 else "www.gov.uk/ofsted"
    return [
        "Aviation House",
        "125 Kingsway",
        "London",
        "WC2B 6SE",
        "",
        *_PHONES,
        _EMAIL,
        web,
    ]


def agora(rng: Random) -> list[str]:
    return [
        "Agora",
        "6 Cumberland Place",
        "Nottingham",
        "NG1 6HJ",
        "",
        *_PHONES,
        _EMAIL,
        "www.gov.uk/ofsted",
    ]


def piccadilly_gate(rng: Random) -> list[str]:
    lines = ["Ofsted"] if rng.random() < 0.55 else []
    lines += ["Piccadilly Gate", "Store Street"]
    lines += ["Manchester", "M1 2WD"] if rng.random() < 0.5 else ["Manchester M1 2WD"]
    lines += ["", *_PHONES]
    if rng.random() < 0.6:
        lines.append("")
    lines += [_EMAIL, "www.gov.uk/ofsted"]
    return lines


def clive_house(rng: Random) -> list[str]:
    return [
        "Ofsted",
        "Clive House",
        "70 Petty France",
        "London",
        "SW1H 9EX",
        "",
        *_PHONES,
        "",
        _EMAIL,
        "www.gov.uk/ofsted",
    ]


def address_block(rng: Random, letter_date: date) -> list[str]:
    """An office block plausible for the letter's date."""
    if letter_date.year <= 2012:
        builder = rng.choices((freshford, royal_exchange, aviation_house, agora), weights=(6, 2, 1, 1))[0]
    elif letter_date.year <= 2017:
        builder = rng.choices((piccadilly_gate, aviation_house, agora), weights=(5, 2, 1))[0]
    else:
        builder = rng.choices((piccadilly_gate, clive_house, aviation_house), weights=(12, 1, 1))[0]
    return builder(rng)
