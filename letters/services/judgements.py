"""Write a document's graded judgements (curation wins), and keep each council's judgement summary: its timeline
(reports' grades, and the prior grades letters state where the archive has no report), its latest overall grade
(for the facet) and its statistical neighbours with their latest grades (for its page, read with the council)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from letters.models import Authority, Grade, Inspection, Judgement, JudgementArea, StatisticalNeighbour
from letters.parsing import ParsedLetter
from letters.services.changes import change
from letters.services.row_updates import update_rows

OVERALL = JudgementArea.OVERALL_EFFECTIVENESS.value
# The letter field a curator's change to any judgement marks: from then on the parser leaves them all alone.
CURATED_NAME = "judgements"
# A stated prior grade this close to a report in the archive is that report's judgement, already on the timeline.
SAME_INSPECTION_DAYS = 120


@lru_cache(maxsize=1024)  # a few dozen distinct wordings; a council's timeline reads one a letter
def grade_of(text: str | None) -> str:
    """The grade a letter's words state ('requires improvement to be good' -> requires_improvement), or ''."""
    words = " ".join((text or "").replace("_", " ").split()).lower()
    if not words:
        return ""
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


def record_judgements_edit(
    inspection: Inspection, saved: Iterable[Judgement] = (), deleted: Iterable[Judgement] = ()
) -> None:
    """A curator changed the letter's judgements (``saved`` and ``deleted`` by them, or already written): the
    parser leaves them all as the curator left them."""
    with change() as touched:
        for judgement in saved:
            judgement.save()
        for judgement in deleted:
            judgement.delete()
        if CURATED_NAME not in (inspection.curated_fields or []):
            inspection.curated_fields = sorted({*(inspection.curated_fields or []), CURATED_NAME})
            Inspection.objects.filter(pk=inspection.pk).update(curated_fields=inspection.curated_fields)
        Judgement.objects.filter(inspection=inspection).update(curated=True)
        refresh_judgement_summaries([inspection.authority_id])
        touched.councils(inspection.authority_id)  # its latest grade is a column of the count tables


@lru_cache(maxsize=4096)
def _month(text: str) -> date | None:
    try:
        year, month = text.split("-")[:2]
        return date(int(year), int(month), 1)
    except (ValueError, AttributeError):
        return None


def timeline_entries(authority_ids: Iterable[int] | None = None) -> dict[int, list[dict]]:
    """Each council's judgements in date order as JSON-ready rows, in two queries whatever the number of councils.

    Rows: {"when": ISO date, "area", "grade", "source": "report" or "letter", "key": the document's URL key,
    "document": how the table names it}.
    """
    reports = Judgement.objects.all()
    letters = Inspection.objects.exclude(prior_grade="")
    if authority_ids is not None:
        ids = list(authority_ids)
        reports = reports.filter(inspection__authority_id__in=ids)
        letters = letters.filter(authority_id__in=ids)
    entries: dict[int, list[dict]] = defaultdict(list)
    reported: dict[int, list[date]] = defaultdict(list)
    rows = reports.values_list(
        "inspection__authority_id",
        "inspection__url_key",
        "inspection__visit_end",
        "inspection__letter_date",
        "inspection__title",
        "area",
        "grade",
    ).order_by()
    for authority_id, key, visit_end, letter_date, title, area, grade in rows:
        when = visit_end or letter_date
        if when is None:
            continue
        entries[authority_id].append(
            {"when": when, "area": area, "grade": grade, "source": "report", "key": key, "document": title or "Report"}
        )
        reported[authority_id].append(when)
    stated = letters.values_list(
        "authority_id", "url_key", "letter_date", "prior_grade", "prior_month", "prior_area"
    ).order_by("letter_date", "id")
    seen = set()
    for authority_id, key, letter_date, prior_grade, prior_month, prior_area in stated:
        when, grade, area = _month(prior_month), grade_of(prior_grade), prior_area or OVERALL
        if when is None or not grade or (authority_id, when, area) in seen:
            continue
        if any(abs((when - day).days) <= SAME_INSPECTION_DAYS for day in reported[authority_id]):
            continue  # the archive holds that inspection's report
        seen.add((authority_id, when, area))
        named = f"Letter of {letter_date.day} {letter_date:%B %Y}" if letter_date else "Letter"
        entries[authority_id].append(
            {"when": when, "area": area, "grade": grade, "source": "letter", "key": key, "document": named}
        )
    area_order = {value: index for index, value in enumerate(JudgementArea.values)}
    result = {}
    for authority_id, rows_of in entries.items():
        rows_of.sort(key=lambda e: (e["when"], e["source"] == "report", area_order.get(e["area"], 99)))
        result[authority_id] = [{**row, "when": row["when"].isoformat()} for row in rows_of]
    return result


def _summary(authority, **changed) -> dict:
    """The council's summary in its one shape (both keys, always), with ``changed`` replacing what it had."""
    current = authority.judgement_summary or {}
    return {"timeline": current.get("timeline", []), "neighbours": current.get("neighbours", []), **changed}


def refresh_judgement_summaries(authority_ids: Iterable[int] | None = None) -> int:
    """Bring the councils' judgement summaries and latest overall grades up to date (all councils when None), and
    the neighbour lists that show a changed grade. Returns how many councils changed."""
    ids = None if authority_ids is None else set(authority_ids) - {None}
    entries = timeline_entries(ids)
    councils = Authority.objects.all() if ids is None else Authority.objects.filter(pk__in=ids)
    changed, regraded = [], set()
    for authority in councils.only("pk", "latest_overall_grade", "judgement_summary"):
        timeline = entries.get(authority.pk, [])
        overall = [entry for entry in timeline if entry["area"] == OVERALL]
        grade = overall[-1]["grade"] if overall else ""
        summary = _summary(authority, timeline=timeline)
        if authority.latest_overall_grade != grade or authority.judgement_summary != summary:
            if authority.latest_overall_grade != grade:
                regraded.add(authority.pk)
            authority.latest_overall_grade = grade
            authority.judgement_summary = summary
            changed.append(authority)
    update_rows(Authority, changed, ["latest_overall_grade", "judgement_summary"])
    if regraded:
        refresh_neighbour_summaries(Authority, StatisticalNeighbour, showing=regraded)
    return len(changed)


def refresh_neighbour_summaries(authority_model, neighbour_model, *, showing: set[int] | None = None) -> int:
    """Each council's neighbours as its page lists them (rank, slug, name, latest grade): for every council when
    ``showing`` is None, else for those whose neighbours include one of ``showing``. Takes the models so that a
    migration can call it with its own. Returns how many councils' lists changed."""
    links = neighbour_model.objects.all()
    if showing is not None:
        links = links.filter(
            authority_id__in=neighbour_model.objects.filter(neighbour_id__in=showing).values("authority_id")
        )
    rows: dict[int, list[dict]] = defaultdict(list)
    for authority_id, rank, slug, short_name, grade in links.order_by("authority_id", "rank").values_list(
        "authority_id", "rank", "neighbour__slug", "neighbour__short_name", "neighbour__latest_overall_grade"
    ):
        rows[authority_id].append({"rank": rank, "slug": slug, "name": short_name, "grade": grade})
    councils = authority_model.objects.all() if showing is None else authority_model.objects.filter(pk__in=rows)
    changed = []
    for authority in councils.only("pk", "judgement_summary"):
        summary = _summary(authority, neighbours=rows.get(authority.pk, []))
        if summary != authority.judgement_summary:
            authority.judgement_summary = summary
            changed.append(authority)
    update_rows(authority_model, changed, ["judgement_summary"])
    return len(changed)
