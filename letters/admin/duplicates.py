"""Inspectors the admin suggests merging: names equal but for hyphens, spaces, dots and case ("Paula Thomson-Jones" and
"Paula ThomsonJones"), or with the same surname and first names one of which shortens the other ("Matt Reed" and
"Matthew Reed", "Steve Lee" and "Stephen Lee"). Suggestions only: a curator merges with the merge action."""

from __future__ import annotations

import re
import unicodedata

from django.contrib import admin

# Short forms that are not a prefix of the full name (prefixes such as Matt/Matthew, Chris/Christopher match anyway).
NICKNAMES = {
    "bill": "william",
    "bob": "robert",
    "dick": "richard",
    "jim": "james",
    "jimmy": "james",
    "jack": "john",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "kate": "katherine",
    "katie": "katherine",
    "cathy": "catherine",
    "kathy": "katherine",
    "peggy": "margaret",
    "maggie": "margaret",
    "meg": "margaret",
    "sue": "susan",
    "sally": "sarah",
    "steve": "stephen",
    "steven": "stephen",
    "tony": "anthony",
    "ted": "edward",
    "ned": "edward",
    "harry": "henry",
    "hal": "henry",
    "chuck": "charles",
    "jenny": "jennifer",
    "jen": "jennifer",
    "mandy": "amanda",
    "sandy": "sandra",
    "jo": "joanne",
    "di": "diane",
    "nikki": "nicola",
    "vicky": "victoria",
    "nick": "nicholas",
    "mick": "michael",
    "mike": "michael",
    "jake": "jacob",
    "andy": "andrew",
    "dave": "david",
    "pete": "peter",
    "rob": "robert",
    "bert": "albert",
    "jon": "jonathan",
}
_MIN_PREFIX = 3


def _plain(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ascii_text.lower()


def compact_key(name: str) -> str:
    """The name with everything but letters removed, lower case: "Thomson-Jones" and "ThomsonJones" agree."""
    return re.sub(r"[^a-z]", "", _plain(name))


def _first_and_surname(name: str) -> tuple[str, str] | None:
    words = [re.sub(r"[^a-z]", "", word) for word in re.split(r"\s+", _plain(name).strip())]
    words = [word for word in words if word]
    if len(words) < 2:
        return None
    return words[0], words[-1]


def _same_first_name(a: str, b: str) -> bool:
    if a == b:
        return True
    a, b = NICKNAMES.get(a, a), NICKNAMES.get(b, b)
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= _MIN_PREFIX and long.startswith(short))


def likely_duplicates(people: list[tuple[int, str]]) -> list[list[int]]:
    """Groups of ids (two or more, by name) that are probably one person; each id is in one group at most."""
    parent = {pk: pk for pk, _ in people}

    def find(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    by_key: dict[str, int] = {}
    by_surname: dict[str, list[tuple[int, str]]] = {}
    for pk, name in people:
        key = compact_key(name)
        if key and key in by_key:
            join(pk, by_key[key])
        by_key.setdefault(key, pk)
        parts = _first_and_surname(name)
        if parts:
            first, surname = parts
            for other_pk, other_first in by_surname.get(surname, []):
                if _same_first_name(first, other_first):
                    join(pk, other_pk)
            by_surname.setdefault(surname, []).append((pk, first))
    # A hyphenated surname written as one word ("Thomson-Jones" / "ThomsonJones") with different first-name forms is
    # caught above only when the compact keys agree; compare surnames compacted too.
    by_compact_surname: dict[str, list[tuple[int, str]]] = {}
    for pk, name in people:
        words = _plain(name).split()
        if len(words) >= 2:
            first = re.sub(r"[^a-z]", "", words[0])
            surname = re.sub(r"[^a-z]", "", "".join(words[1:]))
            for other_pk, other_first in by_compact_surname.get(surname, []):
                if first and other_first and _same_first_name(first, other_first):
                    join(pk, other_pk)
            by_compact_surname.setdefault(surname, []).append((pk, first))
    groups: dict[int, list[int]] = {}
    names = dict(people)
    for pk, _ in people:
        groups.setdefault(find(pk), []).append(pk)
    return sorted(
        (sorted(group, key=lambda pk: names[pk]) for group in groups.values() if len(group) > 1),
        key=lambda group: names[group[0]],
    )


class PossibleDuplicateFilter(admin.SimpleListFilter):
    """Inspectors whose names suggest they are the same person as another inspector's."""

    title = "possible duplicates"
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("yes", "Possible duplicates")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        people = list(queryset.model.objects.values_list("pk", "name"))
        ids = [pk for group in likely_duplicates(people) for pk in group]
        return queryset.filter(pk__in=ids).order_by("name")
