"""A full-text match as pieces of raw SQL, for statements written by hand (the one-pass facet counts and page)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MatchSQL:
    """``FROM table alias {joins} WHERE {where}`` keeps the matching rows; ``rank`` scores them (higher is better).

    Parameters go in the order the pieces appear in the statement: the joins' first, then the condition's.
    """

    where: str
    joins: str = ""
    rank: str = "0.0"
    join_params: list = field(default_factory=list)
    where_params: list = field(default_factory=list)
