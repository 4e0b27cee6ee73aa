"""Extract a letter's fields (date, council, visit dates, recipient, inspectors, judgement) from its blocks."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from letters.parsing import anchored
from letters.parsing.anchored import Anchor
from letters.parsing.dates import MONTH, SINGLE_DATE, WHOLE_LINE_DATE, YEAR, make_date
from letters.parsing.normalise import CharMap, collapse_whitespace

APOSTROPHES = CharMap({"’": "'", "‘": "'", "`": "'", "´": "'"})

# --- letter date ---------------------------------------------------------------------------------------


def find_letter_date(header_lines: list[str]) -> date | None:
    """The letter's own date: a date alone on a header line, else the first date in the header."""
    for line in header_lines:
        match = WHOLE_LINE_DATE.match(line.strip())
        if match and (found := make_date(*match.groups())):
            return found
    for line in header_lines:
        for match in SINGLE_DATE.finditer(line):
            if found := make_date(*match.groups()):
                return found
    return None


def find_impossible_date(header_lines: list[str]) -> str:
    """A header date that looks like one but does not exist ("31 February 2022"), to name it in a warning."""
    for line in header_lines:
        match = WHOLE_LINE_DATE.match(line.strip())
        if match and make_date(*match.groups()) is None:
            return line.strip()
    return ""


# --- council named in the title and opening ------------------------------------------------------------

_COUNCIL_PHRASES = [
    re.compile(
        r"(?:visit|inspection|arrangements) (?:to|of|within|in) (?P<name>.{3,90}?)(?:'s)? (?:local authority )?"
        r"children'?s (?:services|social care)",
        re.I,
    ),
    re.compile(r"children'?s services (?:in|of|at) (?P<name>.{3,90}?) (?:which|that|was|were|on)\b", re.I),
    re.compile(r"(?:visit|inspection) to (?P<name>.{3,90}?) (?:on|between|from) \d", re.I),
]


def council_names(title: str, intro: str) -> list[str]:
    """Names of the council as the title and opening paragraph write them, most specific first."""
    names: list[str] = []
    for text in (title, intro):
        text = APOSTROPHES.apply(text)
        for pattern in _COUNCIL_PHRASES:
            for match in pattern.finditer(text):
                name = match.group("name").strip(" ,")
                name = re.split(r"\b(?:within|arrangements (?:in|for|at)|visit to|inspection of)\s+", name)[-1]
                name = re.sub(r"^(?:the|a)\s+", "", name, flags=re.I)
                name = re.sub(r"^(?:local authority children'?s services in|local authority)\s+", "", name, flags=re.I)
                if name and name not in names:
                    names.append(name)
    return names


# --- recipient -----------------------------------------------------------------------------------------

_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Prof|Councillor|Cllr|Sir|Dame|Lady|Lord|Rev)\.?\s+", re.I)
_ROLE_WORD = re.compile(
    r"\b(?:Interim|Acting|Executive|Director|Deputy|Assistant|Corporate|Strategic|Chief|Head|Lead|Cabinet|Portfolio|"
    r"Chair|Commissioner|Managing|Service|Officer|Manager|Leader|Member|President|Joint|Senior)\b"
)
_ADDRESS_START = re.compile(
    r"\b(?:Civic (?:Centre|Offices|Hall|Building)|County (?:Hall|Offices|Buildings)|Town Hall|City Hall|"
    r"Council (?:House|Offices)|(?:The )?Guildhall|P\.? ?O\.? Box|\w+ Floor|Level \d|Municipal|Shire Hall|"
    r"Buildings|Market Square|"
    r"\d{1,4}[A-Za-z]? [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Street|Road|Lane|Square|Way|Place|Avenue|Row))\b"
    r"|\b(?!(?:Services?|Care|Education|People|Families|Skills|Learning|Safeguarding|Wellbeing)\b)"
    r"[A-Z][A-Za-z'’ -]{1,40} (?:City|Borough|County|District)? ?Council\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
)
_NAME = re.compile(r"^[A-Z][A-Za-z'’.-]*(?: (?:[A-Z][A-Za-z'’.-]*|van|de|der|von|la|le|du|da|di|del|bin|al)){1,4}$")


def _salutation_name(salutation: str) -> str:
    name = re.sub(r"^Dear\s+", "", salutation.strip(), flags=re.I).strip(" ,:;")
    return _HONORIFIC.sub("", name).strip()


def find_recipient(recipient_lines: list[str], salutation: str, council_words: list[str]) -> tuple[str, str]:
    """(name, role) of the addressee from the address block, checked against the salutation."""
    if not recipient_lines:
        return _salutation_name(salutation) if salutation else "", ""
    first = _HONORIFIC.sub("", recipient_lines[0].strip()).strip(" ,")
    greeting = _salutation_name(salutation)
    if _ROLE_WORD.match(first) and greeting:
        return _role_first(recipient_lines, greeting, council_words)
    tokens = first.split()
    cut = len(tokens)
    for index, token in enumerate(tokens[:6]):
        if index >= 1 and (_ROLE_WORD.fullmatch(token) or _ADDRESS_START.match(" ".join(tokens[index:]))):
            cut = index
            break
    if greeting and re.match(
        r"(?i)^dear\s+(?:mr|mrs|ms|miss|mx|dr|professor|prof|councillor|cllr)\b", salutation.strip()
    ):
        # "Dear Ms Menghini": the surname ends the name ("Sharon Menghini Civic Centre …").
        greeting_last = greeting.split()[-1].lower()
        for index, token in enumerate(tokens[:cut]):
            if token.lower().strip(",") == greeting_last and index >= 1:
                cut = index + 1
                break
    name = " ".join(tokens[: min(cut, 5)]).strip(" ,")
    rest = " ".join(tokens[cut:]).strip(" ,")
    role = _role_from(rest, council_words)
    if not role and len(recipient_lines) > 1:
        candidate = recipient_lines[1].strip(" ,")
        if _ROLE_WORD.search(candidate) and not _ADDRESS_START.match(candidate):
            role = _role_from(candidate, council_words) or candidate
    return name, role


def _role_first(lines: list[str], greeting: str, council_words: list[str]) -> tuple[str, str]:
    """Address blocks that put the post before the person ("Director of Children's Services / Martin / Gray")."""
    role = _role_from(lines[0].strip(" ,"), council_words) or lines[0].strip(" ,")
    tokens = " ".join(line.strip() for line in lines[1:]).split()
    wanted = {part.lower() for part in greeting.split()}
    for index, token in enumerate(tokens):
        if _HONORIFIC.match(token + " "):
            continue
        if token.lower().strip(",") in wanted:
            name = [token]
            for following in tokens[index + 1 : index + 3]:
                if not following[:1].isupper() or _ROLE_WORD.fullmatch(following) or _ADDRESS_START.match(following):
                    break
                if _ADDRESS_START.match(" ".join(tokens[index + len(name) :])):
                    break
                name.append(following)
            return " ".join(name).strip(" ,"), role
    return greeting, role


def _role_from(text: str, council_words: list[str]) -> str:
    if not text or not _ROLE_WORD.search(text):
        return ""
    end = len(text)
    match = _ADDRESS_START.search(text, 1)
    if match:
        end = match.start()
    for words in council_words:
        position = text.lower().find(words.lower())
        if 0 < position < end:
            end = position
    return text[:end].strip(" ,")


# --- inspectors ----------------------------------------------------------------------------------------

_MAJESTY = r"(?:Her|His) Majesty'?s"
# Each sentence pattern with the words every match of it holds (anchored.py: the pattern is tried only there).
_INSPECTOR_SENTENCES: list[tuple[re.Pattern[str], tuple[Anchor, ...]]] = [
    (re.compile(
        rf"{_MAJESTY} [Ii]nspectors?(?: \(HMI\))?(?: for this (?:visit|inspection))? (?:were|was|are|is) "
        r"(?P<names>.+?)\.(?=\s|$)"
    ), (Anchor("Her Majesty"), Anchor("His Majesty"))),
    (re.compile(
        r"[Tt]he (?:lead )?inspectors?(?: for this (?:visit|inspection))? (?:were|was|are|is) "
        r"(?P<names>.+?)\.(?=\s|$)"
    ), (Anchor("he inspector", 1), Anchor("he lead inspector", 1))),
    (re.compile(
        r"(?:visit|inspection) was (?:carried out|conducted|undertaken|led|completed) by (?P<names>.+?)\.(?=\s|$)"
    ), (Anchor("visit was "), Anchor("inspection was "))),
    (re.compile(rf"\bby {_MAJESTY} [Ii]nspectors? (?P<names>[A-Z].+?)\.(?=\s|$)"),
     (Anchor("by Her Majesty"), Anchor("by His Majesty"))),
    (re.compile(r"[Ii]nspectors? (?:for this (?:visit|inspection) )?(?:were|was) (?P<names>[A-Z].+?)\.(?=\s|$)"),
     (Anchor("nspector", 1),)),
    # "lead inspector Ceri Evans and team inspector Monique Lindsay"
    (re.compile(r"\b(?:[Ll]ead|[Tt]eam) inspector,? (?P<names>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}(?: and (?:team )?"
                r"(?:inspector )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3})?)"),
     (Anchor("ead inspector", 1), Anchor("eam inspector", 1))),
]  # fmt: skip
# Words of posts and inspectorates, never a person's name ("Social Care", "Senior HMI").
_NOT_A_NAME = frozenset(
    "social care schools early years her his majesty's majestys inspector inspectors senior regional hmi ofsted "
    "lead team children's childrens services director regulatory national the and of for cqc hmicfrs".split()
)
_ROLE_PHRASE = re.compile(
    rf",?\s*(?:(?:two|three|four|five|six|both|all) of )?(?:Senior |Regional )?{_MAJESTY} [Ii]nspectors?(?: \(HMI\))?"
    r"(?: (?:for )?(?:Social Care|Schools|Early Years))?"
    r"|,?\s*(?:Senior )?HMIs?\b(?: (?:for )?(?:Social Care|Schools))?"
    r"|,?\s*(?:an? )?Ofsted (?:Social Care )?(?:Regulatory )?Inspectors?\b"
    r"|,?\s*(?:Social Care )?Regulatory Inspectors?\b"
    r"|,?\s*Inspectors?\b",
)
_LEAD_MARK = re.compile(r"\(?\b(?:the )?lead(?: inspector)?\b\)?|\(lead\)", re.I)


def split_names(names: str) -> list[tuple[str, bool]]:
    """Inspector names and lead flags from a phrase like 'A, Her Majesty's Inspector, and B (lead)'."""
    people: list[tuple[str, bool]] = []
    for chunk in re.split(r",\s*(?:and\s+)?|\s+and\s+|;\s*", names):
        lead = bool(_LEAD_MARK.search(chunk))
        chunk = _LEAD_MARK.sub(" ", chunk)
        chunk = re.sub(r"\b(?:team|other|assistant|co-?)\s*inspectors?\b", " ", chunk, flags=re.I)
        chunk = _ROLE_PHRASE.sub(" ", chunk)
        chunk = _HONORIFIC.sub("", collapse_whitespace(chunk).strip(" ,.()"))
        if not chunk:
            if lead and people:
                people[-1] = (people[-1][0], True)
            continue
        if len(chunk) > 80:
            continue  # no inspector's name is this long: a run of text that the phrase swallowed
        if not _NAME.match(chunk):
            # "… and the visit was also carried out by Robert Knowles": the name closes the clause.
            tail = re.search(r"(?:\bby|\bwith|\band)\s+([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3})$", chunk)
            chunk = tail.group(1) if tail else chunk
        chunk = re.sub(r"(?<=[A-Za-z])- (?=[A-Z])", "-", chunk)  # "Thomson- Jones", broken at a line end
        if _NAME.match(chunk) and not all(word.lower() in _NOT_A_NAME for word in chunk.split()):
            people.append((chunk, lead))
    return people


def find_inspectors(body_text: str, signatory: str) -> list[tuple[str, bool]]:
    """Inspectors named in the letter, in order, with the lead marked (else the signatory, else the first).

    Every sentence that names inspectors counts ("Her Majesty's Inspectors were A and B", "lead inspector A and
    team inspector B", "carried out by A and B, Her Majesty's Inspectors"), not only the first one found.
    """
    flat = collapse_whitespace(APOSTROPHES.apply(body_text))
    opening = flat[:6000]
    found: list[tuple[int, str, bool]] = []
    for pattern, anchors in _INSPECTOR_SENTENCES:
        for match in anchored.finditer(pattern, opening, anchors):
            for name, lead in split_names(_strip_leading_role(match.group("names"))):
                found.append((match.start("names") + len(found), name, lead))
    people: list[tuple[str, bool]] = []
    hyphenated = {word.lower(): word for word in _hyphenated_words(flat)} if found else {}
    for _, name, lead in sorted(found):
        name = _as_written_elsewhere(name, hyphenated, signatory)
        key = _squash(name)
        same = next((i for i, (known, _) in enumerate(people) if _squash(known) == key), None)
        if same is None:
            people.append((name, lead))
        elif lead:
            people[same] = (people[same][0], True)
    if not people and signatory:
        people = [(signatory, True)]
    if people and not any(lead for _, lead in people):
        names = [name for name, _ in people]
        lead_name = next((n for n in names if _squash(n) == _squash(signatory)), names[0])
        people = [(name, name == lead_name) for name in names]
    elif sum(lead for _, lead in people) > 1:
        first = next(i for i, (_, lead) in enumerate(people) if lead)
        people = [(name, i == first) for i, (name, _) in enumerate(people)]
    return people


_HYPHENATED = re.compile(r"\b[A-Za-z]+-[A-Za-z]+\b")  # what _hyphenated_words finds, as a regex
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"  # the regex's \w, for str patterns


def _hyphenated_words(text: str) -> list[str]:
    """``_HYPHENATED.findall(text)``, by looking at the letters around each hyphen: the regex is tried at every
    position (~100 µs a letter), a hyphen is found by a fast search. A match is the run of ASCII letters before a
    hyphen and the run after it, each a whole word (no word character outside it); it cannot start inside a run (no
    word boundary there), and the next is looked for after it, as findall does."""
    words: list[str] = []
    resume = 0
    at = text.find("-")
    while at >= 0:
        start = at
        while start > resume and text[start - 1] in _ASCII_LETTERS:
            start -= 1
        end = at + 1
        while end < len(text) and text[end] in _ASCII_LETTERS:
            end += 1
        if (
            start < at
            and end > at + 1
            and not (start > 0 and _is_word_character(text[start - 1]))
            and not (end < len(text) and _is_word_character(text[end]))
        ):
            words.append(text[start:end])
            resume = end
        at = text.find("-", max(at + 1, resume))
    return words


def _squash(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _as_written_elsewhere(name: str, hyphenated: dict[str, str], signatory: str) -> str:
    """The hyphenated spelling of a name whose hyphen a conversion dropped ("ThomsonJones", "Jennyellen Scotland")
    when the letter writes it in full elsewhere (the sign-off, another sentence). ``hyphenated``: the letter's
    hyphenated words by their lower-case spelling."""
    if signatory and _squash(signatory) == _squash(name) and "-" in signatory:
        return signatory
    for token in name.split():
        if "-" in token or len(token) < 6:
            continue
        for cut in range(2, len(token) - 1):
            written = hyphenated.get(f"{token[:cut]}-{token[cut:]}".lower())
            if written:
                name = name.replace(token, written)
                break
    return name


def _strip_leading_role(text: str) -> str:
    return re.sub(rf"^(?:{_MAJESTY} [Ii]nspectors?|HMIs?|inspectors)\s+", "", text.strip())


_SIGNATURE = re.compile(
    rf"^(?P<name>[A-Z][A-Za-z'’. -]{{2,60}}?)\s*,?\s*(?:(?:Senior |Regional )?{_MAJESTY} [Ii]nspector|HMI\b|"
    r"Lead [Ii]nspector|Ofsted [Ii]nspector|Regional Director|Director)"
)


def find_signatory(sign_off_text: str) -> str:
    """The name above 'Her Majesty's Inspector' after 'Yours sincerely'."""
    text = APOSTROPHES.apply(sign_off_text).strip()
    text = re.sub(r"^yours? (?:sincerely|faithfully),?\s*", "", text, flags=re.I)
    match = _SIGNATURE.match(text)
    if match and _NAME.match(match.group("name").strip()):
        return match.group("name").strip()
    return ""


# --- judgement and ordinal -----------------------------------------------------------------------------

_GRADE = (
    r"(?P<grade>inadequate|requires? improvement(?: to be good)?|(?:to )?require improvement(?: to be good)?|"
    r"good|outstanding)"
)
_JUDGED = re.compile(
    rf"\b(?:(?:judged|rated|graded)(?: overall)? (?:to be |as |to )?(?:being )?|judgement (?:of|was) ){_GRADE}\b",
    re.I,
)
# A word every _JUDGED match holds, lower-cased. (Outside ASCII, IGNORECASE matches only ı, İ, ſ and the Kelvin sign
# to ASCII letters, and none of these words holds i, s or k: a sentence whose lower case holds none of them has no
# match.)
_JUDGED_WORDS = ("judge", "rated", "graded")
# Which judgement a sentence states, from the words before "judged" (most specific first).
_AREAS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"overall effectiveness|overall judgement|judged [^.;]{0,40}\boverall\b", re.I),
     "overall_effectiveness"),
    (re.compile(r"(?:children )?(?:who need|in need of) help and protection|help and protection", re.I),
     "help_and_protection"),
    (re.compile(r"children in care and care leavers|children looked after and (?:achieving permanence|care leavers)",
                re.I), "children_in_care_and_care_leavers"),
    (re.compile(r"\bcare leavers\b", re.I), "care_leavers"),
    (re.compile(r"children in care|children looked after", re.I), "children_in_care"),
    (re.compile(r"impact of leaders|leadership|leaders and managers", re.I), "leadership"),
    (re.compile(r"\badoption\b", re.I), "adoption"),
]  # fmt: skip
_ABOUT_AN_INSPECTION = re.compile(
    r"inspect|overall|judged inadequate|since the local authority|(?:services?|council|authority|it) (?:was|were) "
    r"(?:last )?(?:judged|rated)|\bILACS\b|single inspection framework",
    re.I,
)
_WHEN = re.compile(rf"\bin (?:(?P<month>{MONTH}) )?(?P<year>{YEAR})\b", re.I)


def _canonical_grade(grade: str) -> str:
    grade = grade.lower().removeprefix("to ")
    return "requires improvement to be good" if "improvement" in grade else grade


def find_prior(text: str) -> tuple[str, str | None, str] | None:
    """(grade, 'YYYY-MM' or None, area) of the previous inspection's judgement that the letter states.

    The overall judgement when the letter states it, else the area's ("when the experiences and progress of
    children who need help and protection were judged to be good"). The month is the one the sentence (or the
    sentence before, "Since that inspection, when …") gives the inspection; None where it gives only a year.
    """
    flat = collapse_whitespace(APOSTROPHES.apply(text))
    sentences, starts = _sentences(flat)
    found: list[tuple[str, str | None, str]] = []
    # Most sentences hold none of the words: the expression is not tried at their every position.
    for index in _sentences_holding(flat, sentences, starts, _JUDGED_WORDS):
        if len(found) >= 3:
            break
        sentence = sentences[index]
        for judged in _JUDGED.finditer(sentence):
            before = sentence[: judged.start()]
            clause = re.split(r"[,;]\s+(?:with|and|while|whereas|but)\s+", before)[-1]
            if not _ABOUT_AN_INSPECTION.search(sentence) and not (
                index and _ABOUT_AN_INSPECTION.search(sentences[index - 1]) and re.search(r"\bthat inspection", clause)
            ):
                continue
            area = next((name for pattern, name in _AREAS if pattern.search(clause)), None)
            if area is None and re.search(r"\boverall\b", sentence[judged.start() : judged.end() + 12], re.I):
                area = "overall_effectiveness"
            if area is None and re.search(r"(?:children|young people|cases|plans|assessments|audits?)\s*$", clause):
                continue  # "… cases were judged to be good" by an audit, not an inspection's judgement
            month = _month_of(sentence) or (_month_of(sentences[index - 1]) if index else None)
            found.append((_canonical_grade(judged.group("grade")), month, area or "overall_effectiveness"))
    if not found:
        return None
    return next((f for f in found if f[2] == "overall_effectiveness"), found[0])


# A sentence's end: its mark, then the white space before a capital. (``re.split`` on the white space looked behind
# at the mark from every position; a pattern that starts with the mark lets the regex engine skip to the marks.)
_SENTENCE_BREAK = re.compile(r"[.!?](\s+)(?=[A-Z])")


def _sentences(flat: str) -> tuple[list[str], list[int]]:
    """``re.split(r"(?<=[.!?])\\s+(?=[A-Z])", flat)``, and where each sentence starts in ``flat``."""
    sentences, starts, start = [], [], 0
    for gap in _SENTENCE_BREAK.finditer(flat):
        sentences.append(flat[start : gap.start(1)])
        starts.append(start)
        start = gap.end()
    sentences.append(flat[start:])
    starts.append(start)
    return sentences, starts


def _sentences_holding(flat: str, sentences: list[str], starts: list[int], words: tuple[str, ...]) -> list[int]:
    """The indices, in order, of the sentences whose lower case holds one of ``words`` (lower-case letters), found in
    the lower-cased text at once rather than sentence by sentence."""
    if "İ" in flat:  # lower-cases to two characters: positions in the lower-cased text would drift
        return [i for i, sentence in enumerate(sentences) if any(word in sentence.lower() for word in words)]
    lowered = flat.lower()
    holding: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            holding.add(bisect_right(starts, at) - 1)  # a word of letters never lies in the white space between
            at = lowered.find(word, at + 1)
    return sorted(holding)


def _month_of(sentence: str) -> str | None:
    for match in _WHEN.finditer(sentence):
        if match.group("month"):
            when = make_date("1", match.group("month"), match.group("year"))
            if when:
                return f"{when.year:04d}-{when.month:02d}"
    return None


def find_prior_judgement(text: str) -> tuple[str, str | None] | None:
    """(grade, 'YYYY-MM') of the last judgement the letter states, e.g. 'judged inadequate in March 2019'."""
    prior = find_prior(text)
    return (prior[0], prior[1]) if prior else None


_ORDINALS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth".split(),
        start=1,
    )
}
_ORDINAL = re.compile(
    r"\b(?:(?:this|it) (?:was|is) (?:the|their|its)|findings of (?:the|its|their)) (?P<ordinal>"
    + "|".join(_ORDINALS)
    + r"|\d{1,2}(?:st|nd|rd|th))"
    r" (?:monitoring |focused )?visit",
    re.I,
)


# The words every _ORDINAL match begins with (anchored.py).
_ORDINAL_STARTS = tuple(
    Anchor(words, lower=True) for words in ("this was ", "this is ", "it was ", "it is ", "findings of ")
)


def find_visit_ordinal(text: str) -> int | None:
    match = anchored.search(_ORDINAL, collapse_whitespace(text), _ORDINAL_STARTS)
    if not match:
        return None
    word = match.group("ordinal").lower()
    return _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
