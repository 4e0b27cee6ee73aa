"""What a focused visit looked at, as focus slugs read from the letter's scope ("Inspectors looked at the local
authority's arrangements for the 'front door'" -> front-door). Pure: no Django.

The areas are those Ofsted's focused visits and monitoring visits name in their opening paragraph; each is
recognised by the several ways the letters word it. A phrase under a negation ("but not care leavers") does not
count. A slug's place in FOCUS_AREAS is its bit in the stored focus mask, so new areas go at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from letters.parsing.normalise import CharMap

# (slug, label, phrases) — phrases are regular expressions matched case-insensitively on whole words.
FOCUS_AREAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "front-door",
        "The front door",
        (
            r"front[- ]door",
            r"contacts? and referrals?",
            r"(?:receiving|receipt of|response to) (?:contacts|referrals)",
            r"multi-agency safeguarding hub",
            r"MASH",
            r"initial (?:contacts?|response)",
        ),
    ),
    (
        "children-in-need-and-child-protection",
        "Children in need and child protection",
        (
            r"children in need",
            r"child in need (?:plans?|and child protection)",
            r"child protection plans?",
            r"(?:subject to|on) (?:a )?(?:child )?protection plans?",
        ),
    ),
    (
        "children-in-care",
        "Children in care",
        (
            r"children (?:in|entering|coming into(?: the)?) care",
            r"looked[- ]after children",
            r"children (?:who are )?looked after",
            r"care planning",
            r"permanence",
            r"placement (?:decision-making|sufficiency|stability|decisions)",
            r"decisions? about entering care",
            r"children in our care",
        ),
    ),
    ("care-leavers", "Care leavers", (r"care leavers?", r"leaving care", r"young people leaving care")),
    (
        "disabled-children",
        "Disabled children",
        (r"disabled children", r"children with (?:a )?disabilit(?:y|ies)", r"children with complex needs"),
    ),
    (
        "exploitation-and-extra-familial-harm",
        "Exploitation and extra-familial harm",
        (
            r"exploitation",
            r"extra-familial",
            r"vulnerable adolescents",
            r"missing from (?:home|care|education)",
            r"go(?:es)? missing",
            r"contextual safeguarding",
        ),
    ),
    (
        "pre-proceedings",
        "Pre-proceedings and the public law outline",
        (r"pre-proceedings", r"public law outline", r"letters? before proceedings", r"edge of care"),
    ),
    (
        "assessment-and-planning",
        "Assessment and planning",
        (r"assessments?(?! teams?)", r"(?:quality of )?(?:plans|planning) for children(?! in care)"),
    ),
    (
        "early-help",
        "Early help",
        (r"early help",),
    ),
    (
        "allegations-against-adults",
        "Allegations against adults who work with children",
        (
            r"designated officer",
            r"\bLADO\b",
            r"allegations against (?:professionals|staff|adults)",
            r"adults (?:who work with children|in positions of trust)",
        ),
    ),
    (
        "homeless-16-and-17-year-olds",
        "Homeless 16- and 17-year-olds",
        (r"(?:16|sixteen)(?: and |-)(?:17|seventeen)[^.]{0,40}homeless", r"homeless (?:young people|16)"),
    ),
    (
        "unaccompanied-children",
        "Unaccompanied asylum-seeking children",
        (r"unaccompanied asylum[- ]seeking", r"unaccompanied (?:children|minors)"),
    ),
    ("private-fostering", "Private fostering", (r"private(?:ly)? fostering", r"privately fostered")),
    (
        "children-missing-education",
        "Children missing education and electively home educated",
        (r"missing (?:from )?education", r"home[- ]educat(?:ed|ion)"),
    ),
)

FOCUS_LABELS: dict[str, str] = {slug: label for slug, label, _ in FOCUS_AREAS}
FOCUS_BITS: dict[str, int] = {slug: bit for bit, (slug, _, _) in enumerate(FOCUS_AREAS)}

_PATTERNS = [
    (slug, re.compile(r"(?<![\w-])(?:" + "|".join(phrases) + r")(?![\w-])", re.I)) for slug, _, phrases in FOCUS_AREAS
]
# "… but not care leavers", "excluding disabled children": the phrase right after is not in the visit's scope.
_NEGATION = re.compile(r"\b(?:not|excluding|except|other than|rather than)\s+(?:the\s+|for\s+|including\s+)?$", re.I)
_QUOTES = CharMap({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def focus_of(scope: Iterable[str]) -> list[str]:
    """The focus slugs a letter's scope sentences and bullets name, in FOCUS_AREAS order, each once."""
    text = " ".join(" ".join(_QUOTES.apply(str(item)).split()) for item in scope)
    if not text:
        return []
    found = set()
    for slug, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not _NEGATION.search(text[max(0, match.start() - 30) : match.start()]):
                found.add(slug)
                break
    # A front-door visit's scope lists the assessments and child protection enquiries the front door makes; they
    # are part of its front door, not separate areas of the visit.
    if "front-door" in found:
        found.discard("assessment-and-planning")
    return [slug for slug, _, _ in FOCUS_AREAS if slug in found]


def focus_mask(slugs: Iterable[str]) -> int:
    """The bitmask of focus slugs stored beside a letter and its findings, for one-pass facet counts."""
    mask = 0
    for slug in slugs:
        bit = FOCUS_BITS.get(slug)
        if bit is not None:
            mask |= 1 << bit
    return mask
