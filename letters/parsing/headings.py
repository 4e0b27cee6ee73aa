"""The vocabulary of headings across the frameworks, and what each one opens.

A heading opens a findings section (one of ``result.SECTIONS``), the scope of the visit (``SCOPE``), or a
stretch of boilerplate (``IGNORE``). Closing sentences end the findings.
"""

from __future__ import annotations

import re

SCOPE = "scope"
IGNORE = "ignore"

_TAIL = r"[\s?:]*\d{0,2}[\s?:]*"  # trailing '?', ':' and footnote numbers stuck on ("practice?1")

_HEADINGS: list[tuple[str, str]] = [
    (r"(?:key )?strengths?", "strength"),
    (r"(?:key )?areas? for priority action", "priority_action"),
    (r"(?:key )?areas? for development", "area_for_development"),
    (r"satisfactory practice|practice that (?:meets|met) requirements", "satisfactory"),
    (r"the service meets the requirements of statutory guidance\b.{0,80}", "satisfactory"),
    (r"(?:headline|key|summary of) findings|overview|summary", "headline"),
    (
        r"what needs to improve\b[^.]{0,120}|areas? for improvement|what the local authority needs to improve",
        "area_for_improvement",
    ),
    (r"(?:main )?findings(?: and evaluation of progress)?|evaluation of progress|progress", "narrative"),
    (r"areas? covered by (?:the|this) visit|scope of the (?:visit|inspection)", SCOPE),
    (r"next steps|copy(?: to)?|cc", IGNORE),
]
# One expression, tried branch by branch in the list's order (each branch to the line's end, as a match of its own
# would be); the empty group that closes the branch that matched names its section.
_HEADING_RE = re.compile(
    "^(?:" + "|".join(rf"(?:{pattern}){_TAIL}$(?P<h{i}>)" for i, (pattern, _) in enumerate(_HEADINGS)) + ")", re.I
)
_SECTION_OF_BRANCH = {f"h{i}": section for i, (_, section) in enumerate(_HEADINGS)}

# Long lead-in sentences that act as headings (they end with a colon).
_LEAD_INS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"delivered satisfactorily|satisfactory in accordance with|meets? the requirements of statutory", re.I
        ),
        "satisfactory",
    ),
    (re.compile(r"areas? for priority action", re.I), "priority_action"),
    (re.compile(r"\bthe following (?:features|strengths)\b.*\bidentified\b", re.I), IGNORE),
]

_CLOSINGS = re.compile(
    r"^(?:yours? (?:sincerely|faithfully)|i am copying this letter|ofsted will take the findings|"
    r"(?:any )?areas? for (?:development|priority action|improvement)[^.]{0,60}identified above will|"
    r"we will (?:consider|take) (?:these|the) findings|this letter will be published|"
    r"(?:if you have any questions|please contact)|copy:|cc:|we have notified the department for education)",
    re.I,
)
_SIGN_OFF = re.compile(r"^yours? (?:sincerely|faithfully)", re.I)


def heading_section(text: str) -> str | None:
    """The section a short heading line opens, or None when the line is not a known heading."""
    stripped = text.strip()
    if len(stripped) > 160 or not stripped[:1].isupper():
        return None  # a heading starts with a capital: "what needs to improve." beginning a line is a sentence
    match = _HEADING_RE.match(stripped)
    return _SECTION_OF_BRANCH[match.lastgroup] if match else None


def lead_in_section(text: str) -> str | None:
    """The section a lead-in sentence ending in a colon opens ("…delivered satisfactorily…, in particular:")."""
    stripped = text.strip()
    if not stripped.endswith(":") or len(stripped) > 400:
        return None
    return next((section for pattern, section in _LEAD_INS if pattern.search(stripped)), None)


# Closing sentences that a conversion ran into the last finding ("… for children. Ofsted will take the findings …").
_CLOSING_INSIDE = re.compile(
    r"(?<=[.!?])[\"'’”)]*\s+(?=(?:Ofsted will take the findings|I am copying this letter|This letter will be published|"
    r"We will (?:consider|take) (?:these|the) findings|(?:Any )?areas? for (?:development|priority action|"
    r"improvement)[^.]{0,60}identified above will)\b)"
)


# The words each closing sentence of _CLOSING_INSIDE begins with; a match starts where the marks after the sentence
# before end (the quotes and white space between are walked back over).
_CLOSING_STARTS = (
    "Ofsted will take the findings",
    "I am copying this letter",
    "This letter will be published",
    "We will consider",
    "We will take",
    "Any area",
    "area",
)
_CLOSING_QUOTES = frozenset("\"'’”)")


def _closing_inside(text: str) -> re.Match[str] | None:
    """``_CLOSING_INSIDE.search(text)``, tried only before the closing sentences' first words: the pattern opens with
    a lookbehind, which the regex engine tries at every position of every finding."""
    starts = set()
    for words in _CLOSING_STARTS:
        at = text.find(words)
        while at >= 0:
            start = at
            while start and text[start - 1].isspace():
                start -= 1
            if start < at:  # the white space before the sentence, then the quotes before that
                while start and text[start - 1] in _CLOSING_QUOTES:
                    start -= 1
                starts.add(start)
            at = text.find(words, at + 1)
    for start in sorted(starts):
        match = _CLOSING_INSIDE.match(text, start)
        if match:
            return match
    return None


def split_closing(text: str) -> tuple[str, str]:
    """(the text before a closing sentence run into it, the closing onwards); (text, "") when there is none."""
    match = _closing_inside(text)
    if not match:
        return text, ""
    return text[: match.start()].rstrip(), text[match.end() :].strip()


def is_closing(text: str) -> bool:
    return bool(_CLOSINGS.match(text.strip()))


def is_sign_off(text: str) -> bool:
    return bool(_SIGN_OFF.match(text.strip()))
