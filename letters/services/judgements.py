"""Write a document's graded judgements (curation wins), and keep each council's latest overall grade for facets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from letters import data_version
from letters.models import Authority, Grade, Inspection, Judgement, JudgementArea
from letters.parsing import ParsedLetter

OVERALL = JudgementArea.OVERALL_EFFECTIVENESS
# The letter field a curator's change to any judgement marks: from then on the parser leaves them all alone.
CURATED_NAME = "judgements"


def grade_of(text: str | None) -> str:
    """The grade a letter's words state ('requires improvement to be good' -> requires_improvement), or ''."""
    words = " ".join((text or "").replace("_", " ").split()).lower()
    if not words:
        return ""
    if words in Grade.values:
        return words
    if "inadequate" in words:
        return Grade.INADEQUATE
    if re.search(r"requires? improvement|requiring improvement", words):
        return Grade.REQUIRES_IMPROVEMENT
    if "outstanding" in words:
        return Grade.OUTSTANDING
    if re.search(r"\bgood\b", words):
        return Grade.GOOD
    return ""


def judgement_rows(inspection: Inspection, parsed: ParsedLetter) -> list[Judgement]:
    """The parser's judgements for a letter as unsaved rows, one per area (the first where an area repeats)."""
    rows, seen = [], set()
    for item in parsed.judgements:
        if item.area in JudgementArea.values and item.grade in Grade.values and item.area not in seen:
            seen.add(item.area)
            rows.append(Judgement(inspection=inspection, area=item.area, grade=item.grade))
    return rows


def store_judgements(inspection: Inspection, parsed: ParsedLetter) -> None:
    """Replace the parser's judgements; a curator's (any judgement edited, added or deleted) are kept as left."""
    if CURATED_NAME in (inspection.curated_fields or []):
        return
    Judgement.objects.filter(inspection=inspection, curated=False).delete()
    kept = set(Judgement.objects.filter(inspection=inspection).values_list("area", flat=True))
    Judgement.objects.bulk_create([row for row in judgement_rows(inspection, parsed) if row.area not in kept])


def _month_start(month: str) -> date | None:
    try:
        year, number = month.split("-")[:2]
        return date(int(year), int(number), 1)
    except (ValueError, AttributeError):
        return None


def latest_overall_grades(authority_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Each council's latest overall effectiveness grade: a report's, or else the latest a letter states.

    Two queries, whatever the number of councils.
    """
    reports = Judgement.objects.filter(area=OVERALL)
    letters = Inspection.objects.exclude(prior_grade="").filter(prior_area__in=["", OVERALL])
    if authority_ids is not None:
        ids = list(authority_ids)
        reports = reports.filter(inspection__authority_id__in=ids)
        letters = letters.filter(authority_id__in=ids)
    best: dict[int, tuple[date, int, str]] = {}

    def offer(authority_id: int, when: date | None, weight: int, grade: str) -> None:
        if when is None or not grade:
            return
        candidate = (when, weight, grade)
        if authority_id not in best or candidate[:2] > best[authority_id][:2]:
            best[authority_id] = candidate

    for authority_id, visit_end, letter_date, grade in reports.values_list(
        "inspection__authority_id", "inspection__visit_end", "inspection__letter_date", "grade"
    ):
        offer(authority_id, visit_end or letter_date, 1, grade)
    for authority_id, month, grade in letters.values_list("authority_id", "prior_month", "prior_grade"):
        offer(authority_id, _month_start(month), 0, grade_of(grade))
    return {authority_id: grade for authority_id, (_, _, grade) in best.items()}


def refresh_latest_grades(authority_ids: Iterable[int] | None = None) -> int:
    """Bring Authority.latest_overall_grade up to date for the given councils (all when None); returns changes."""
    ids = None if authority_ids is None else set(authority_ids)
    grades = latest_overall_grades(ids)
    councils = Authority.objects.all() if ids is None else Authority.objects.filter(pk__in=ids)
    changed = []
    for authority in councils.only("pk", "latest_overall_grade"):
        grade = grades.get(authority.pk, "")
        if authority.latest_overall_grade != grade:
            authority.latest_overall_grade = grade
            changed.append(authority)
    Authority.objects.bulk_update(changed, ["latest_overall_grade"], batch_size=500)
    return len(changed)


def record_judgements_edit(inspection: Inspection) -> None:
    """A curator changed the letter's judgements: the parser leaves them all as the curator left them."""
    if CURATED_NAME not in (inspection.curated_fields or []):
        inspection.curated_fields = sorted({*(inspection.curated_fields or []), CURATED_NAME})
        Inspection.objects.filter(pk=inspection.pk).update(curated_fields=inspection.curated_fields)
    Judgement.objects.filter(inspection=inspection).update(curated=True)
    refresh_latest_grades([inspection.authority_id])
    data_version.bump()
