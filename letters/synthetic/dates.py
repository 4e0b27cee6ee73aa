"""Dates: choosing visit days and letter dates, and writing them the ways letters do.

Visits run on weekdays. The phrasing varies ("on 17 and 18 May 2023", "on 31 July and 1 August 2024",
"between 3 and 5 November 2020", "on 15, 16 and 21 July 2025", "on 22–23 October 2019", "on 24 October 2018"),
and every day of the visit goes into the truth.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

MONTHS = ("January February March April May June July August September October November December").split()
ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth").split()


def day_month_year(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_month(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def month_year(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def random_day(rng: Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max((end - start).days, 1)))


def next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def working_day(day: date) -> date:
    """The first weekday from ``day`` that is outside the Christmas and New Year break."""
    if (day.month == 12 and day.day >= 19) or (day.month == 1 and day.day <= 3):
        day = date(day.year + (day.month == 12), 1, 4)
    return next_weekday(day)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, 28))


def visit_days(rng: Random, start: date, end: date, *, weights=(15, 70, 12, 3)) -> list[date]:
    """1, 2 or 3 consecutive weekdays, or (rarely) two days and a later one in the same month."""
    shape = rng.choices(("one", "two", "three", "split"), weights=weights)[0]
    first = working_day(random_day(rng, start, end))
    if shape == "one":
        return [first]
    length = 2 if shape == "two" else 3
    while first.weekday() + length - 1 > 4:  # keep the run within one working week
        first = next_weekday(first + timedelta(days=1))
    days = [first + timedelta(days=i) for i in range(length)]
    if shape == "split":
        later = days[1] + timedelta(days=rng.choice((5, 6, 7, 13)))
        later = next_weekday(later)
        if later.month == days[0].month and days[1].month == days[0].month:
            return [days[0], days[1], later]
        return days[:2]
    return days


def _same_month(days: list[date]) -> bool:
    return all(d.month == days[0].month and d.year == days[0].year for d in days)


def visit_phrase(rng: Random, days: list[date]) -> str:
    """The visit dates as the opening sentence writes them, with the leading preposition."""
    first, last = days[0], days[-1]
    consecutive = all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False))
    if len(days) == 1:
        return f"on {day_month_year(first)}"
    tail = f"{MONTHS[last.month - 1]} {last.year}"
    start = day_month(first) if first.year == last.year else day_month_year(first)
    if not consecutive:  # "on 15, 16 and 21 July 2025"
        return "on " + ", ".join(str(d.day) for d in days[:-1]) + f" and {last.day} {tail}"
    if len(days) == 2:
        if not _same_month(days):
            return f"on {start} and {day_month_year(last)}"
        roll = rng.random()
        if roll < 0.82:
            return f"on {first.day} and {last.day} {tail}"
        if roll < 0.9:
            return f"on {first.day} to {last.day} {tail}"
        return f"on {first.day}\u2013{last.day} {tail}"
    roll = rng.random()
    if not _same_month(days):
        if roll < 0.6:
            return f"between {start} and {day_month_year(last)}"
        return f"from {start} to {day_month_year(last)}"
    if roll < 0.4:
        return f"between {first.day} and {last.day} {tail}"
    if roll < 0.75:
        return "on " + ", ".join(str(d.day) for d in days[:-1]) + f" and {last.day} {tail}"
    if roll < 0.9:
        return f"from {first.day} to {last.day} {tail}"
    return f"on {first.day} to {last.day} {tail}"


def letter_date_after(rng: Random, last_day: date, low: int, high: int) -> date:
    return next_weekday(last_day + timedelta(days=rng.randint(low, high)))
