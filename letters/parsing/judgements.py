"""A full inspection report's graded judgements: its judgement table, its overall sentence and the LSCB's grade.

ILACS reports (2018–) open with a Judgement/Grade table: the impact of leaders; help and protection; children
in care and care leavers (one row until 2022, two after); overall effectiveness. SIF reports (2013–2018) state
"The overall judgement is …" (or "Children's services in X are …") above numbered rows: 1 help and protection,
2 children looked after and achieving permanence, 2.1 adoption, 2.2 care leavers, 3 leadership, management and
governance; the review of the LSCB gives the board its own grade. Converters lay a table out as one row per
line, as label and grade on separate lines, or as every label then every grade: the rules read a run of text,
not lines, and pair labels with grades in order when no grade follows its label.
"""

from __future__ import annotations

import re

from letters.parsing.normalise import collapse_whitespace
from letters.parsing.result import JUDGEMENT_AREAS, ParsedJudgement

GRADE = r"(?:requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate|outstanding|good|adequate)"
_GRADE_RE = re.compile(rf"\b({GRADE})\b", re.I)

# (pattern on a row's label, area). Order matters: the longer labels first.
_ROWS: list[tuple[str, str]] = [
    (r"(?:the )?impact of leaders on social work practice(?: with children and families)?", "leadership"),
    (r"(?:\d\.?\s+)?leadership,? management and governance", "leadership"),
    (
        r"(?:the )?experiences? and progress of children who need help\s+and\s+protection"
        r"|(?:\d\.?\s+)?children who need help and protection",
        "help_and_protection",
    ),
    (r"(?:the )?experiences? and progress of children in care and care leavers", "children_in_care_and_care_leavers"),
    (
        r"(?:the )?experiences? and progress of children (?:in care|looked after)(?: and achieving permanence)?"
        r"|(?:\d\.?\s+)?children looked after and achieving permanence",
        "children_in_care",
    ),
    (r"(?:\d\.\d\.?\s+)?adoption performance", "adoption"),
    (
        r"(?:the )?experiences? and progress of care leavers|(?:\d\.\d\.?\s+)?experiences and progress of care leavers",
        "care_leavers",
    ),
    (r"overall effectiveness", "overall_effectiveness"),
]
_ROW_RES = [(re.compile(pattern, re.I), area) for pattern, area in _ROWS]

_OVERALL_SENTENCE = re.compile(
    rf"(?:the overall judgement is(?: that)?(?: children.s services (?:are|is))?|"
    rf"children.s services in [A-Z][\w ,.'’&-]{{1,60}}? (?:are|is))\s*:?\s*({GRADE})|"
    rf"(?:the overall judgement is that children.s services|children.s services in [A-Z][\w ,.'’&-]{{1,60}}?) "
    rf"(requires? improvement)",
    re.I,
)
_LSCB_SENTENCE = re.compile(
    rf"(?:^|[.:]\s+|\n)(?:the (?:effectiveness of the )?)(?:local safeguarding children.?s? board|lscb|board)"
    rf"(?:\s*\(lscb\))?(?:\s+in\s+[A-Z][\w ,.'’&-]{{1,60}}?)?\s+(?:is\s+(?:judged\s+(?:to\s+be\s+)?)?)?({GRADE})\b"
    rf"(?!\s+(?:at|in|for|to|and|practice|work)\b)",
    re.I,
)


def grade_slug(text: str) -> str | None:
    """The grade slug a phrase opens with ('Requires improvement to be good' -> requires_improvement)."""
    lowered = collapse_whitespace(text.strip().lower())
    if lowered.startswith("requires improvement"):
        return "requires_improvement"
    for word in ("inadequate", "outstanding", "good"):
        if lowered.startswith(word):
            return word
    return None  # 'adequate' (the 2009–2013 scale) has no equal in the present four grades: not mapped


def is_grade_only(text: str) -> bool:
    """True when a line or block holds nothing but a grade (a table cell)."""
    return bool(re.fullmatch(rf"\s*{GRADE}\s*\.?\s*", text, re.I))


def table_judgements(text: str) -> list[ParsedJudgement]:
    """Judgements from a judgement table run together as text ("label grade label grade …")."""
    flat = _untangle(collapse_whitespace(text))
    labels: list[tuple[int, int, str]] = []  # (start, end, area)
    taken: list[tuple[int, int]] = []
    for pattern, area in _ROW_RES:
        for match in pattern.finditer(flat):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            labels.append((match.start(), match.end(), area))
            taken.append((match.start(), match.end()))
    labels.sort()
    found: dict[str, str] = {}
    unpaired: list[str] = []
    for index, (_, end, area) in enumerate(labels):
        next_start = labels[index + 1][0] if index + 1 < len(labels) else len(flat)
        between = flat[end:next_start]
        match = re.match(rf"[\s:.–—-]*(?:grade[\s:]*)?({GRADE})\b", between, re.I)
        if match:
            found.setdefault(area, grade_slug(match.group(1)) or "")
        else:
            unpaired.append(area)
    tail_grades = [grade_slug(g) for g in _GRADE_RE.findall(flat[labels[-1][1] :])] if labels else []
    if len(labels) > 1 and len(unpaired) >= len(labels) - 1 and len(tail_grades) >= len(labels):
        # Every label, then every grade: pair them in order.
        found = {}
        for (_, _, area), grade in zip(labels, tail_grades, strict=False):
            if grade:
                found.setdefault(area, grade)
    return [ParsedJudgement(area, grade) for area, grade in found.items() if grade]


def _label_count(text: str) -> int:
    return sum(1 for pattern, _ in _ROW_RES for _ in pattern.finditer(text))


def _untangle(flat: str) -> str:
    """Put a wrapped label's tail back before the grade a converter wrote between ("achieving Good permanence")."""
    for match in reversed(
        list(re.finditer(rf"\b({GRADE})\s+((?:[a-z]+ ?){{1,3}})(?=\s(?-i:[A-Z\d])|\s*$)", flat, re.I))
    ):
        if not match.group(2)[:1].islower():
            continue
        swapped = f"{flat[: match.start()]}{match.group(2).strip()} {match.group(1)} {flat[match.end() :].lstrip()}"
        swapped = swapped.rstrip()
        if _label_count(swapped) > _label_count(flat):
            flat = swapped
    return flat


def overall_from_sentence(text: str) -> str | None:
    """SIF's "The overall judgement is …" or "Children's services in X are …"."""
    match = _OVERALL_SENTENCE.search(collapse_whitespace(text))
    return grade_slug(match.group(1) or "requires improvement") if match else None


def lscb_grade(text: str) -> str | None:
    """The review of the LSCB's grade: "The Local Safeguarding Children Board (LSCB) in X requires improvement"."""
    for match in _LSCB_SENTENCE.finditer(re.sub(r"[ \t]+", " ", text)):
        grade = grade_slug(match.group(1))
        if grade:
            return grade
    return None


def heading_grade(heading: str) -> tuple[str, str] | None:
    """An ILACS section heading that carries its grade: "The experiences … protection: inadequate"."""
    match = re.match(rf"(.{{10,160}}?)(?:\s+(?:is|are))?\s*[:–—-]\s*({GRADE})\s*$", heading.strip(), re.I)
    if not match:
        return None
    for pattern, area in _ROW_RES:
        if pattern.fullmatch(match.group(1).strip()):
            grade = grade_slug(match.group(2))
            return (area, grade) if grade else None
    return None


_STATEMENT = re.compile(
    rf"^(?P<label>.{{10,140}}?)\s+(?:(?:is|are)\s+(?:judged\s+(?:to\s+be\s+)?|that it (?:is\s+)?)?"
    rf"(?P<grade>{GRADE})|(?P<grade2>requires?\s+improvement)(?:\s+to\s+be\s+good)?)\.?$",
    re.I,
)


def statement_grade(text: str) -> tuple[str, str] | None:
    """A judgement stated as a short sentence that heads its section: "Adoption performance is good."."""
    match = _STATEMENT.match(collapse_whitespace(text.strip()))
    if not match:
        return None
    label = match.group("label")
    for pattern, area in _ROW_RES:
        if pattern.search(label):
            grade = grade_slug(match.group("grade") or "requires improvement")
            return (area, grade) if grade else None
    return None


def row_area(text: str) -> str | None:
    """The judgement area a table row's label (or a section heading) names, if it is one."""
    stripped = collapse_whitespace(text.strip())
    for pattern, area in _ROW_RES:
        if pattern.fullmatch(stripped):
            return area
    return None


def merge(*sources: list[ParsedJudgement]) -> list[ParsedJudgement]:
    """The first grade each area is given, in the canonical order of the areas."""
    found: dict[str, str] = {}
    for source in sources:
        for judgement in source:
            found.setdefault(judgement.area, judgement.grade)
    return [ParsedJudgement(area, found[area]) for area in JUDGEMENT_AREAS if area in found]
