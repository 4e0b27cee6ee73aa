"""Keep Finding.theme_mask (one bit per theme) in step with the finding–theme links."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection as default_connection

from letters.models.theme import MAX_THEMES

_REFRESH = """
UPDATE letters_finding SET theme_mask = COALESCE((
    SELECT SUM(CAST(1 AS BIGINT) << t.bit)
    FROM letters_findingtheme ft JOIN letters_theme t ON t.id = ft.theme_id
    WHERE ft.finding_id = letters_finding.id AND t.bit IS NOT NULL
), 0)
"""
CHUNK = 900  # below SQLite's limit on query parameters


def first_free_bit(used: set[int]) -> int | None:
    """The lowest bit no theme holds, or None when every bit of the signed 64-bit mask is taken."""
    return next((bit for bit in range(MAX_THEMES) if bit not in used), None)


def mask_of(bits: Iterable[int]) -> int:
    mask = 0
    for bit in bits:
        mask |= 1 << bit
    return mask


def refresh_theme_masks(finding_ids: Iterable[int] | None = None, connection=None) -> None:
    """Recompute the masks of the given findings (all when None) from their theme links."""
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if finding_ids is None:
            cursor.execute(_REFRESH)
            return
        ids = list(finding_ids)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(_REFRESH + f" WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk)
