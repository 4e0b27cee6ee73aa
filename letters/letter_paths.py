"""A letter's URL path, as ``reverse("letters:letter", …)`` gives it, without the resolver for plain values.

Search pages, feeds and exports list letters by the dozen, and ``reverse`` costs more per call than the rest of a
hit's HTML. A letter's council slug and URL key are plain (letters, digits, hyphens) in practice: for those, the
path is the route's own, reversed once per script prefix with markers in place of the values, filled in. Any other
value goes through ``reverse`` as before (which quotes it, or refuses it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import get_script_prefix, reverse

_PLAIN = re.compile(r"[A-Za-z0-9_-]+\Z")  # needs no quoting, and matches the route's slug and str converters
_COUNCIL, _KEY = "council-marker", "key-marker"


@lru_cache(maxsize=8)
def _route(prefix: str) -> tuple[str, str, str]:
    """The route's path around its two values, for the script prefix it was reversed under."""
    path = reverse("letters:letter", kwargs={"council": _COUNCIL, "key": _KEY})
    before, _, rest = path.partition(_COUNCIL)
    between, _, after = rest.partition(_KEY)
    return before, between, after


def letter_path(council_slug: str, key: str) -> str:
    if _PLAIN.match(council_slug) and _PLAIN.match(key):
        before, between, after = _route(get_script_prefix())
        return f"{before}{council_slug}{between}{key}{after}"
    return reverse("letters:letter", kwargs={"council": council_slug, "key": key})
