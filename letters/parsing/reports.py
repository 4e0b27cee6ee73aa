"""Full inspection reports (ILACS 2018–, SIF 2013–2018 with the LSCB review, SLAC before): their structure.

A report is not a letter: no address, no 'Dear', no sign-off. It opens with the council and its title
("Inspection of X local authority children's services", "Inspection of services for children in need of help
and protection, children looked after and care leavers"), the inspection dates, the lead inspector and the
judgement table; then (ILACS) an untitled summary and "What needs to improve?", or (SIF) a contents list, an
executive summary, what needs to improve, strengths and long narrative sections under their own headings;
and Ofsted's boilerplate at the end. The walk here gives each paragraph the section its heading opens and
keeps the heading as written; what is not a finding (page furniture, the contents list, footnotes, the
judgement table, the statistics and the boilerplate) is set aside with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from letters.parsing import anchored
from letters.parsing import judgements as grades
from letters.parsing.anchored import Anchor
from letters.parsing.authorities import AuthorityIndex, AuthorityRecord
from letters.parsing.blocks import BULLET, HEADING, SALUTATION, Block
from letters.parsing.dates import SINGLE_DATE, find_visit_dates, make_date
from letters.parsing.frameworks import BY_SLUG
from letters.parsing.normalise import collapse_whitespace
from letters.parsing.result import ParsedAuthority, ParsedFinding, ParsedInspector, ParsedLetter, SetAside
from letters.parsing.themes import ThemeMatcher

MAX_FINDING_CHARS = 3_000

REPORT_TITLE = re.compile(
    r"inspection of services for children in need of help and protection|"
    r"inspection of children.s social care services|"
    r"inspection of [A-Z][\w ,.'’&-]{1,80}? local authority children.s services|"
    r"inspection of (?:services for )?safeguarding and looked after children|"
    r"inspection of safeguarding services|inspection of services for looked after children|"
    r"review of the effectiveness of the local safeguarding children board",
    re.I,
)
_LETTER_TITLE = re.compile(
    r"^[ \t]*(?:annual )?(?:unannounced inspection of|(?:focused|monitoring|assurance) visit|"
    r"joint targeted area inspection of)",
    re.I | re.M,
)
_JUDGEMENT_SHAPE = re.compile(
    r"overall effectiveness\s+(?:is\s+)?" + grades.GRADE + r"|the overall judgement is|judgement\s+grade",
    re.I,
)
_SALUTATION = re.compile(r"^[ \t]*Dear\b", re.M)

# --- headings ------------------------------------------------------------------------------------------


def _heading(words: str) -> re.Pattern[str]:
    """A heading line: ``words`` (a regex), then nothing but stray punctuation and a footnote number."""
    return re.compile(rf"^(?:{words})[\s?:.]*\d{{0,2}}\s*$", re.I)


_IMPROVE = _heading(
    r"what needs to improve\b.{0,80}|what (?:does|do) the .{2,40}? need to improve\b.{0,60}|"
    r"what the .{2,40}? needs? to improve\b.{0,40}|areas? for (?:priority )?improvement|recommendations|"
    r"priority and immediate action|immediate action|areas? for priority action"
)
_STRENGTH = _heading(
    r"(?:the |key )?(?:[\w ]{2,40}?['’]s )?strengths|key strengths|the [\w ]{2,40}? (?:has|have) the following "
    r"(?:key )?strengths"
)
_HEADLINE = _heading(
    r"(?:.{0,80}?[\s:–-])?(?:executive summary|summary of (?:key )?findings|headline findings|key findings|overview)"
)
_GENERIC = _heading(r"summary|inspection findings|key judgement|judgement grade|judgement|grade")
_BOILERPLATE_HEADING = _heading(
    r"contents|information about this (?:inspection|local authority area|area)|about this inspection|"
    r"what the inspection judge?ments? mean\b.*|(?:the )?inspection team|information about the (?:local authority|"
    r"area)|the local authority (?:and its|area)|glossary"
)
_CONTENTS = _heading("contents")
_MAJOR = re.compile(
    r"^(?:section \d|.{0,60}local safeguarding children.?s? board|the lscb\b|inspection judgements? about|"
    r".{0,40}strengths and weaknesses|"
    r"progress since|summary for children|the local authority$)",
    re.I,
)
_IMPERATIVE = re.compile(
    r"^(?:\d{1,3}\.\s*)?(?:Ensure|Improve|Strengthen|Develop|Increase|Reduce|Review|Continue|Make|Put|Provide|"
    r"Establish|Undertake|Embed|Take|Address|Consider|Work|Promote|Monitor|Secure|Implement|Use|Evaluate|Extend|"
    r"Raise|Agree|Clarify|Produce|Further|Build|Complete|Enable|Identify|Record|Analyse|Publish|Set|Share)\b"
)

# --- what is set aside ---------------------------------------------------------------------------------
_BOILERPLATE = re.compile(
    r"^(?:Ofsted produces this report|It is Ofsted.s expectation|A full description of what the inspection|"
    r"The Office for Standards in Education|Ofsted (?:inspects|regulates)|If you would like a copy of this|"
    r"You may reuse this information|This publication is available|This report is available|"
    r"Interested in our work|You can subscribe|Piccadilly Gate|Store St|Manchester$|M1 2WD|Textphone|"
    r"[TEW]: ?(?:\d|www|enquiries)|©|Crown copyright|Any complaints about|"
    r"The inspection of the (?:local authority|LSCB)|The review of the (?:Local Safeguarding|LSCB)|"
    r"(?:This|The) inspection was carried out under|The inspection team consisted of|"
    r"(?:Deputy )?lead inspector\b|Team inspectors?\b|Shadow inspectors?\b|(?:Senior )?data analysts?\b|"
    r"Quality assurance manager\b|Inspection team\b|Ofsted\.?$|www\.|https?://|Report published:|"
    r"Inspection dates?:|Judgement\s*(?:Grade)?$|Key judgement|Judgement grade)",
    re.I,
)
_GRADE_DESCRIPTOR = re.compile(
    r"^(?:There are (?:no )?widespread or serious failures|The welfare of looked after children is|"
    r"The local authority (?:leads|is) (?:highly )?effective|The local authority is not yet delivering|"
    r"The LSCB is not yet demonstrating|The (?:arrangements|LSCB) (?:in place )?to evaluate|"
    r"(?:In )?an? (?:outstanding |good )?(?:local authority|LSCB)\b.{0,30}\b(?:that|is|leads|requires|if)\b)",
    re.I,
)
_FOOTNOTE = re.compile(r"^\d{1,2}\s?(?=(?-i:[A-Z])).{0,400}(?:https?://|www\.|\.gov\.uk|\.org\.uk|section \d)", re.I)
_PARA_NUMBER = re.compile(r"^\d{1,3}\.\s+(?=\S)")
_MERGED_SUBHEADING = re.compile(
    r"^(?P<head>[A-Z][\w ,'’&():–—-]{2,120}?) (?P<num>\d{1,3}\.) (?P<rest>[A-Z‘'\"(].*)$", re.S
)


_GRADED_HEADING_RUN_ON = re.compile(
    rf"^(?P<head>.{{10,160}}?(?:\s(?:is|are))?:\s*{grades.GRADE})\s+(?P<rest>(?:\d{{1,3}}\.\s+)?[A-Z‘'\"(].*)$",
    re.S | re.I,
)


# The lower-case words that every match of REPORT_TITLE and of _JUDGEMENT_SHAPE begins with: the patterns are tried
# only there (anchored.py; Python's regex engine tries a case-insensitive pattern at every position, ~120 µs for
# REPORT_TITLE over 1,500 characters).
_REPORT_TITLE_STARTS = (Anchor("inspection of ", lower=True), Anchor("review of ", lower=True))
_JUDGEMENT_SHAPE_STARTS = (
    Anchor("overall effectiveness", lower=True),
    Anchor("the overall judgement is", lower=True),
    Anchor("judgement", lower=True),
)


def looks_like_report(text: str) -> bool:
    """True when the text is a full inspection report rather than a letter (no 'Dear', a report's title)."""
    head = text[:8000]
    # Every test runs on windows of a fixed size, whatever the answer: the work does not depend on the text.
    letter_like = bool(_SALUTATION.search(head)) | bool(_LETTER_TITLE.search(text[:1500]))
    flat = collapse_whitespace(head)
    report_like = bool(anchored.search(REPORT_TITLE, flat[:1500], _REPORT_TITLE_STARTS)) | bool(
        anchored.search(_JUDGEMENT_SHAPE, flat[:4000], _JUDGEMENT_SHAPE_STARTS)
    )
    return report_like and not letter_like


def rejection(text: str, *, report_like: bool | None = None) -> str | None:
    """Why a text is neither a letter nor a report, or None when it may be one of them (the whole text is read).
    ``report_like``: ``looks_like_report(text)`` where the caller has it already."""
    if report_like is None:
        report_like = looks_like_report(text)
    letter_like = bool(_SALUTATION.search(text)) | bool(_LETTER_TITLE.search(text)) | report_like
    # A letter whose salutation the conversion lost: the letter rules still apply.
    inspection_like = bool(_INSPECTION_WORDS.search(text)) & bool(_SERVICE_WORDS.search(text))
    if letter_like or inspection_like:
        return None
    return (
        "neither a letter nor an inspection report: no 'Dear …' salutation, no visit or report title and no "
        "judgement table"
    )


_INSPECTION_WORDS = re.compile(r"ofsted|inspector|inspection|monitoring\s+visit|focused\s+visit", re.I)
_SERVICE_WORDS = re.compile(r"children.s\s+services|local\s+authority|social\s+care|safeguarding", re.I)


@dataclass
class _Item:
    kind: str
    text: str


def parse_into(
    letter: ParsedLetter, blocks: Sequence[Block], authorities: AuthorityIndex, themes: ThemeMatcher
) -> None:
    """Fill ``letter`` from a report's blocks: kind, title, council, dates, inspectors, judgements, findings."""
    letter.document_kind = "report"
    letter.visit_type = "inspection"
    # Blocks the block builder already set aside (page numbers, footnotes) are listed, never read as report text.
    letter.set_aside.extend(SetAside(block.set_aside, block.text) for block in blocks if block.set_aside)
    items = _items([block for block in blocks if not block.set_aside])
    _join_split_title(items)
    front_end = _front_matter_end(items)
    front = items[:front_end]
    front_text = "\n".join(item.text for item in front)
    title_at = next((i for i, item in enumerate(front) if REPORT_TITLE.search(item.text)), None)
    if title_at is None:
        title_at = next((i for i, item in enumerate(items[:12]) if REPORT_TITLE.search(item.text)), 0)
    letter.title = _clean_title(items[title_at].text if items else "")

    visit_text = next((m.group(1) for m in re.finditer(r"inspection dates?:?\s*(.{6,80})", front_text, re.I)), "")
    letter.visit_dates = _inspection_dates(visit_text)
    published = re.search(r"(?:report )?published:?\s*(" + SINGLE_DATE.pattern + ")", front_text, re.I)
    letter.letter_date = _date(published.group(1)) if published else None
    if letter.letter_date is None and letter.visit_dates:
        letter.letter_date = letter.visit_dates[-1]  # ILACS reports print no publication date: their last day
    if not letter.visit_dates:
        letter.warnings.append("no inspection dates found ('Inspection dates: …')")

    framework = _framework(letter)
    if framework:
        letter.framework_slug, letter.framework_name = framework.slug, framework.name
    else:
        letter.warnings.append("the inspection framework could not be determined")

    pre_title = " ".join(item.text for item in items[:title_at] if len(item.text) < 120)
    _council(letter, items[title_at].text if items else "", pre_title, items, authorities)

    body_text = "\n".join(item.text for item in items)
    letter.inspectors = _inspectors(body_text)
    if not letter.inspectors:
        letter.warnings.append("no inspector named")

    found, set_aside, heading_grades = _walk(items, front_end, letter)
    letter.set_aside.extend([*(SetAside("judgement_table", item.text) for item in front), *set_aside])
    letter.findings = [ParsedFinding(section, text, themes.match(text), heading) for section, text, heading in found]
    letter.judgements = _judgements(front_text, body_text, heading_grades, letter.framework_slug)
    if letter.framework_slug == "slac":
        # Two overall grades (safeguarding; looked after children) on a scale with 'adequate': no present area fits.
        letter.judgements = []
        letter.warnings.append("the 2009–2012 inspection's grades are not mapped to the present judgement areas")
    elif not letter.judgements:
        letter.warnings.append("no graded judgements found in the report's judgement table")
    elif not any(j.area == "overall_effectiveness" for j in letter.judgements):
        letter.warnings.append("no overall effectiveness judgement found")
    if not letter.findings:
        letter.warnings.append("no findings found")
    words = sum(len(item.text.split()) for item in items) or 1
    letter.coverage = min(1.0, sum(len(f.text.split()) for f in letter.findings) / words)


# --- blocks to items -----------------------------------------------------------------------------------


def _items(blocks: Sequence[Block]) -> list[_Item]:
    """The blocks as paragraphs, bullets and headings (no header in a report); merged sub-headings split."""
    items: list[_Item] = []
    for block in blocks:
        if block.kind == SALUTATION:
            continue
        text = block.text.strip()
        if not text:
            continue
        kind = block.kind if block.kind in (BULLET, HEADING) else "para"
        graded = _GRADED_HEADING_RUN_ON.match(text)
        rest = graded.group("rest") if graded else ""
        if graded and (rest[:1].isupper() or rest[:1].isdigit()) and grades.heading_grade(graded.group("head")):
            items.append(_Item("para", graded.group("head")))
            items.append(_Item(kind, graded.group("rest")))
            continue
        merged = _MERGED_SUBHEADING.match(text)
        head = merged.group("head") if merged else ""
        if merged and not grades.is_grade_only(head) and (len(head.split()) <= 6 or _role(head) != "other"):
            items.append(_Item("para", merged.group("head")))
            items.append(_Item(kind, merged.group("rest")))
            continue
        items.append(_Item(kind, text))
    return items


def _join_split_title(items: list[_Item]) -> None:
    """A title the layout broke over two blocks ("Inspection of X local authority" / "children's services")."""
    if any(REPORT_TITLE.search(item.text) for item in items[:12]):
        return
    for index in range(min(12, len(items) - 1)):
        joined = f"{items[index].text} {items[index + 1].text}"
        if len(joined) < 300 and REPORT_TITLE.search(joined):
            items[index : index + 2] = [_Item("para", joined)]
            return


def _front_matter_end(items: list[_Item]) -> int:
    """Index just past the judgement table (the title, dates, lead inspector, rows and grades before it)."""
    end = 0
    graded_table = False
    for index, item in enumerate(items[:60]):
        text = item.text
        graded_table = graded_table or bool(re.search(r"\bjudgement\s*$|^grade$", text, re.I))
        if end and _is_heading(item) and _role(_heading_text(text)) not in ("other", "major", "generic"):
            break
        if (
            grades.is_grade_only(text)
            or (
                grades.overall_from_sentence(text[:200]) and (len(text) < 120 or text.lower().startswith("the overall"))
            )
            or re.search(r"overall effectiveness\s*:?\s*" + grades.GRADE + r"?\s*$", text, re.I)
            or re.match(r"^(?:judgement|grade|the judgements on areas)", text, re.I)
            or (len(text) < 200 and not grades.heading_grade(text) and grades.table_judgements(text))
            or (end and index == end and len(text.split()) <= 3 and text[:1].islower())  # a label's wrapped tail
        ):
            end = index + 1
            previous = items[index - 1].text if index else ""
            if (
                re.match(r"^overall effectiveness\b", text, re.I)
                and grades.table_judgements(text)
                or (grades.is_grade_only(text) and re.match(r"^overall effectiveness\s*$", previous, re.I))
            ):
                break  # an ILACS table ends with its overall effectiveness row
        elif end and (index > end + 8 or (graded_table and len(text) > 300)):
            break  # an ILACS table is never interrupted by prose; SIF's descriptors sit inside its front
    # SIF's sentence on the LSCB and the grade descriptors straight after the table belong to it.
    while end < len(items) and (
        grades.lscb_grade(items[end].text[:200]) and len(items[end].text) < 200 or grades.is_grade_only(items[end].text)
    ):
        end += 1
    return end


# --- the walk ------------------------------------------------------------------------------------------


def _is_heading(item: _Item) -> bool:
    if _PARA_NUMBER.match(item.text) and len(item.text.split()) > 6:
        return False  # a numbered paragraph, however the layout styled it
    if item.kind == HEADING:
        return True
    if item.kind != "para":
        return False
    text = item.text
    if len(text) < 200 and grades.statement_grade(text):
        return True
    if len(text) > 160 or len(text.split()) > 18 or not text[:1].isupper():
        return False
    if re.search(r"[.,;]\d{0,2}$", text) or re.search(r"[a-z]\. [A-Z]", text) or grades.is_grade_only(text):
        return False
    if re.search(r"https?://|www\.|@", text):
        return False
    return not text.endswith(":") or any(p.match(text) for p in (_STRENGTH, _IMPROVE, _HEADLINE))


def _heading_text(text: str) -> str:
    return re.sub(r"(?<=[a-z?])\d{1,2}$", "", text.strip()).strip()


# What a heading opens, by the first of these patterns it matches (boilerplate before the sections it may name).
_ROLES = (
    (_CONTENTS, "contents"),
    (_BOILERPLATE_HEADING, "boilerplate"),
    (_IMPROVE, "area_for_improvement"),
    (_STRENGTH, "strength"),
    (_HEADLINE, "headline"),
    (_GENERIC, "generic"),
)


def _role(heading: str) -> str:
    """What a heading opens: a section, boilerplate, a contents list, or a generic sub-heading."""
    role = next((role for pattern, role in _ROLES if pattern.match(heading)), None)
    if role is not None:
        return role
    if grades.row_area(heading) or grades.heading_grade(heading) or grades.statement_grade(heading):
        return "major"
    return "major" if _MAJOR.match(heading) else "other"


def _walk(
    items: list[_Item], start: int, letter: ParsedLetter
) -> tuple[list[tuple[str, str, str]], list[SetAside], list[grades.ParsedJudgement]]:
    found: list[tuple[str, str, str]] = []  # (section, text, heading)
    aside: list[SetAside] = []
    heading_grades: list[grades.ParsedJudgement] = []
    title_key = _key(letter.title)
    # Untitled paragraphs after the table: ILACS's summary (headline); SIF's grade descriptors and footnotes.
    section: str | None = "headline" if letter.framework_slug == "ilacs" else None
    heading = ""
    index = start
    while index < len(items):
        item = items[index]
        text = item.text
        index += 1
        if _is_running_header(text, title_key):
            aside.append(SetAside("page_furniture", text))
            continue
        if _BOILERPLATE.match(text) or _GRADE_DESCRIPTOR.match(text):
            aside.append(SetAside("boilerplate", text))
            continue
        if _FOOTNOTE.match(text):
            aside.append(SetAside("footnote", text))
            continue
        if grades.is_grade_only(text):
            aside.append(SetAside("judgement_table", text))
            continue
        if _is_heading(item):
            name, interleaved = _heading_text(text), None
            if not grades.row_area(name):
                # A table heading whose grade cell a converter wrote into the middle of its label.
                match = re.search(rf"\s({grades.GRADE})(?:\s|$)", name, re.I)
                rest = f"{name[: match.start()]} {name[match.end() :]}".strip() if match else ""
                if match and grades.row_area(rest):
                    name, interleaved = rest, grades.grade_slug(match.group(1))
                    heading_grades.append(grades.ParsedJudgement(grades.row_area(rest) or "", interleaved or ""))
            role = _role(name)
            if role == "contents":
                index = _skip_contents(items, index, aside)
                section, heading = None, ""
                continue
            graded = grades.heading_grade(name) or grades.statement_grade(name)
            if graded:
                heading_grades.append(grades.ParsedJudgement(*graded))
            elif grades.row_area(name) and index < len(items) and grades.is_grade_only(items[index].text):
                area = grades.row_area(name)
                grade = grades.grade_slug(items[index].text)
                if area and grade:
                    heading_grades.append(grades.ParsedJudgement(area, grade))
            if role == "boilerplate":
                section, heading = "boilerplate", name
            elif role in ("area_for_improvement", "strength", "headline"):
                section, heading = role, name
            elif role == "generic":
                if section in (None, "boilerplate"):
                    section = "narrative" if heading else section
            elif role == "major" and not (
                section == "boilerplate" and re.match(r"the (?:local authority|lscb)$", name, re.I)
            ):
                section, heading = "narrative", name
            elif section == "boilerplate":
                pass  # a sub-heading of the statistics or the boilerplate
            elif section in ("area_for_improvement", "headline") and (
                _list_follows(items, index, section)
                or (found and found[-1][0] == section and found[-1][1].endswith(":"))
            ):
                heading = name  # a sub-heading inside the list ("Leadership and management")
            else:
                section, heading = "narrative", name
            continue
        if section == "boilerplate":
            aside.append(SetAside("boilerplate", text))
            continue
        if section is None:
            aside.append(SetAside("unplaced" if len(text) > 200 else "boilerplate", text))
            continue
        body = _PARA_NUMBER.sub("", text)
        # A heading the layout hid: numbered narrative after the summary, long prose after a list.
        if (section == "headline" and _PARA_NUMBER.match(text) and item.kind != BULLET and len(text) > 300) or (
            section in ("area_for_improvement", "strength") and item.kind != BULLET and len(body) > 900
        ):
            section, heading = "narrative", ""
        if found and found[-1][0] == section and found[-1][2] == heading and _continues(found[-1][1], body, item):
            found[-1] = (section, f"{found[-1][1]} {body}", heading)
        else:
            found.append((section, body, heading))
    out: list[tuple[str, str, str]] = []
    for section, text, heading in found:
        out.extend((section, piece, heading) for piece in split_long(text))
    return out, aside, heading_grades


def _continues(previous: str, text: str, item: _Item) -> bool:
    """A sub-bullet or a sentence carried on (lower-case start, or the previous finding leads in with ':')."""
    return text[:1].islower() or previous.rstrip().endswith((":", ";")) and item.kind == BULLET


def _list_follows(items: list[_Item], index: int, section: str) -> bool:
    """True when the next content under a sub-heading is still the list (bullets, recommendations)."""
    for item in items[index : index + 3]:
        if _is_heading(item):
            continue
        if section == "area_for_improvement":
            return bool(_IMPERATIVE.match(item.text)) or item.kind == BULLET
        return item.kind == BULLET or item.text.endswith(":")
    return False


def _skip_contents(items: list[_Item], index: int, aside: list[SetAside]) -> int:
    """Set the contents list aside; return the index of the first real heading after it."""
    entries: list[int] = []
    position = index
    while position < len(items):
        item = items[position]
        if not _is_heading(item) and not re.fullmatch(r"[\d\s]+", item.text):
            break
        entries.append(position)
        position += 1
    if not entries:
        return index
    first = _key(items[entries[0]].text)
    starts = [p for p in entries[1:] if _key(items[p].text) == first]
    real_start = starts[-1] if starts else position
    if not starts and position < len(items):
        # The first heading run into the paragraph after it: "Section 1: … Summary of findings Children's …".
        text = items[position].text
        for entry in entries:
            head = items[entry].text
            if len(head) > 8 and text.lower().startswith(head.lower() + " "):
                items[position : position + 1] = [
                    _Item("para", head),
                    _Item(items[position].kind, text[len(head) + 1 :]),
                ]
                break
    aside.extend(SetAside("contents", items[p].text) for p in range(index, real_start))
    return real_start


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().replace("’", "'"))


def _is_running_header(text: str, title_key: str) -> bool:
    key = _key(text)
    if len(text) < 40 and SINGLE_DATE.search(text) and re.fullmatch(r"[\w\s,–—-]{0,30}\d{4}", text):
        return True  # the dates line of a running header
    return bool(title_key) and key.startswith(title_key) and len(text) < 200


def split_long(text: str, limit: int = MAX_FINDING_CHARS) -> list[str]:
    """A finding over ``limit`` characters cut at sentence ends into pieces no longer than it."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])", text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit) if " " in sentence[:limit] else limit
            head, sentence = sentence[:cut], sentence[cut:].strip()
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


# --- fields --------------------------------------------------------------------------------------------


def _clean_title(text: str) -> str:
    text = re.sub(r"(?<=[a-z])\d{1,2}$", "", collapse_whitespace(text).strip())
    return text[:300]


def _date(text: str):
    match = SINGLE_DATE.search(text)
    return make_date(*match.groups()) if match else None


def _inspection_dates(text: str) -> list:
    text = re.sub(r"[─–—-]+", " to ", text)
    dates = find_visit_dates("from " + text)
    if len(dates) == 2 and dates[0] < dates[1]:
        return dates  # a range longer than a month: its first and last days
    return dates


def _framework(letter: ParsedLetter):
    title = letter.title.lower()
    on = letter.visit_dates[0] if letter.visit_dates else letter.letter_date
    if re.search(r"local authority children.s services|children.s social care services", title):
        return BY_SLUG["ilacs"]
    if "children in need of help and protection" in title or "local safeguarding children board" in title:
        return BY_SLUG["sif"]
    if re.search(r"safeguarding|looked after children", title):
        return BY_SLUG["slac"]
    if on is None:
        return None
    if on.year >= 2018:
        return BY_SLUG["ilacs"]
    return BY_SLUG["sif"] if on.year >= 2013 else BY_SLUG["slac"]


_NOT_A_COUNCIL = re.compile(r"^(?:the )?(?:local authority|council|children.s services|services)$", re.I)


def _council(letter: ParsedLetter, title: str, pre_title: str, items: list[_Item], authorities: AuthorityIndex) -> None:
    on = letter.letter_date
    candidates: list[str] = []
    named = re.search(r"inspection of (?P<name>.+?) local authority children", collapse_whitespace(title), re.I)
    if named:
        candidates.append(named.group("name"))
    if pre_title:
        candidates.append(pre_title)
    for name in candidates:
        name = re.sub(r"^(?:the )\s*", "", name.strip(" ,"), flags=re.I)
        if not name or _NOT_A_COUNCIL.match(name):
            continue
        record = authorities.resolve(name, on=on) or authorities.search(name, on=on)
        if record:
            letter.authority = _as_parsed(record, name)
            return
    opening = " ".join(item.text for item in items[:40])
    record = authorities.search(opening, on=on)
    if record:
        letter.authority = _as_parsed(record, record.short_name or record.name)
        return
    written = next((c for c in candidates if c and not _NOT_A_COUNCIL.match(c.strip())), "")
    if written:
        letter.authority = ParsedAuthority(name=written, as_written=written)
        letter.errors.append(
            f"council '{written}' is not in the reference data of English children's services authorities"
        )
    else:
        letter.errors.append("no council named in the report's title or opening")


def _as_parsed(record: AuthorityRecord, as_written: str) -> ParsedAuthority:
    return ParsedAuthority(name=record.name, slug=record.slug, gss_code=record.gss_code or None, as_written=as_written)


_ROLE = r"(?:,?\s*(?:Her|His) Majesty.s Inspector(?: \(HMI\))?|,?\s*HMI\b|,?\s*Ofsted Inspector|\s*\(lead\))"
_PERSON = re.compile(r"^[A-Z][A-Za-z'’.-]+(?: (?:[A-Z][A-Za-z'’.-]*|van|de|der|von|la|le|du|da|di|del)){1,4}$")


def _inspectors(text: str) -> list[ParsedInspector]:
    people: list[ParsedInspector] = []
    seen: set[str] = set()
    flat = text.replace("\n", " ; ")
    for label, lead in (
        (r"lead inspector", True),
        (r"deputy lead inspector", False),
        (r"team inspectors?", False),
        (r"(?:the )?inspectors? (?:were|was)", False),
    ):
        for match in re.finditer(rf"(?<![\w-]){label}\s*:?\s*(?:;\s*)?(?P<names>[^;]{{3,300}})", flat, re.I):
            if label == "lead inspector" and re.search(r"deputy\s*$", flat[: match.start()], re.I):
                continue
            names = re.split(
                r"(?:Judgement|Grade|Deputy|Team|Shadow|Quality|Senior|Data|Inspection)\b", match.group("names")
            )[0]
            for chunk in re.split(r",\s*(?:and\s+)?|\s+and\s+", re.sub(_ROLE, ",", names)):
                name = chunk.strip(" .,;()")
                if (
                    _PERSON.match(name)
                    and name.lower() not in seen
                    and not re.search(r"Majesty|Inspector|Ofsted|Council", name)
                ):
                    seen.add(name.lower())
                    people.append(ParsedInspector(name, lead and not any(p.lead for p in people)))
    return people


def _judgements(
    front_text: str, body_text: str, heading_grades: list[grades.ParsedJudgement], framework: str | None
) -> list[grades.ParsedJudgement]:
    table = grades.table_judgements(front_text)
    overall = grades.overall_from_sentence(front_text) or grades.overall_from_sentence(body_text[:6000])
    first: list[grades.ParsedJudgement] = []
    if overall and framework != "ilacs":
        first.append(grades.ParsedJudgement("overall_effectiveness", overall))
    # The board's grade as a statement standing alone (its section's opening line) before any sentence in prose.
    short = "\n".join(line for line in body_text.split("\n") if len(line) < 160)
    lscb = grades.lscb_grade(front_text) or (
        grades.lscb_grade(short) or grades.lscb_grade(body_text) if framework != "ilacs" else None
    )
    if lscb and framework != "ilacs":
        first.append(grades.ParsedJudgement("lscb", lscb))
    later = [grades.ParsedJudgement("overall_effectiveness", overall)] if overall else []
    return grades.merge(first, table, heading_grades, later)
