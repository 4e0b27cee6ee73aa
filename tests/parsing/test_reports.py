"""Full inspection reports (ILACS, SIF): document kind, judgements, sections by their headings, set-aside text.

The real reports in ../shared/real-reports are read where they are (skipped when absent); their grades below
are copied from each report's own judgement table. The made-up texts prove the rules one at a time.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letters.parsing import anchored, parse, reports
from letters.parsing import judgements as grades
from letters.parsing.reports import MAX_FINDING_CHARS, looks_like_report, split_long
from tests.conftest import SHARED_DIR

REPORTS_DIR = SHARED_DIR / "real-reports"
REPORTS = sorted(REPORTS_DIR.glob("*.txt")) if REPORTS_DIR.is_dir() else []
needs_reports = pytest.mark.skipif(not REPORTS, reason=f"no real reports at {REPORTS_DIR}")

ILACS_ONE_ROW = "overall_effectiveness leadership help_and_protection children_in_care_and_care_leavers"
EXPECTED = {  # (file prefix, date in the name): judgements as the report's own table states them
    ("80426", "08_august_2014"): "requires_improvement requires_improvement requires_improvement requires_improvement "
    "good requires_improvement requires_improvement",
    ("80426", "19_november_2018"): "good good good good",
    ("80436", "14_july_2017"): "good good good outstanding outstanding outstanding good",
    ("80461", "17_march_2020"): "inadequate inadequate requires_improvement inadequate",
    ("80469", "11_march_2016"): "good good good good requires_improvement good requires_improvement",
    ("80482", "20_march_2015"): "inadequate inadequate inadequate requires_improvement requires_improvement good "
    "inadequate",
    ("80485", "25_may_2023"): "inadequate inadequate inadequate requires_improvement inadequate",
    ("80486", "01_april_2019"): "requires_improvement requires_improvement requires_improvement requires_improvement",
    ("80487", "23_july_2024"): "good good good outstanding good",
    ("80491", "21_june_2022"): "outstanding outstanding good outstanding",
    ("80501", "11_february_2014"): "requires_improvement requires_improvement requires_improvement "
    "requires_improvement requires_improvement good requires_improvement",
    ("80527", "04_september_2017"): "outstanding outstanding good outstanding outstanding outstanding outstanding",
}
AREAS = {
    7: "overall_effectiveness leadership help_and_protection children_in_care care_leavers adoption lscb",
    5: "overall_effectiveness leadership help_and_protection children_in_care care_leavers",
    4: ILACS_ONE_ROW,
}


def expected_for(path):
    prefix, date = path.name[:5], path.stem.split("_-_")[1]
    values = EXPECTED[(prefix, date)].split()
    return dict(zip(AREAS[len(values)].split(), values, strict=True))


def parsed(path):
    return parse(path.read_bytes())


@needs_reports
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem[:40])
def test_every_real_report_is_a_report_with_every_judgement_of_its_table(path):
    letter = parsed(path)
    assert letter.ok, letter.errors
    assert letter.document_kind == "report"
    assert {j.area: j.grade for j in letter.judgements} == expected_for(path)
    assert letter.authority is not None and letter.authority.slug
    assert path.name.split("__")[0].split("_", 1)[1].split("_")[0] in letter.authority.slug
    assert letter.framework_slug == ("ilacs" if int(path.stem[-4:]) >= 2018 else "sif")
    assert letter.visit_type == "inspection" and letter.visit_dates and letter.letter_date
    assert letter.inspectors and letter.inspectors[0].lead


@needs_reports
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem[:40])
def test_real_report_findings_sit_under_the_reports_own_headings_and_none_is_over_3000_chars(path):
    letter = parsed(path)
    assert all(len(f.text) <= MAX_FINDING_CHARS for f in letter.findings)
    sections = {f.section for f in letter.findings}
    assert {"headline", "area_for_improvement", "narrative"} <= sections
    narrative_headings = {f.heading for f in letter.findings if f.section == "narrative"}
    assert all(narrative_headings), "every narrative finding names its heading"
    assert any("experiences and progress of children who" in h.lower() for h in narrative_headings)
    assert any("leader" in h.lower() for h in narrative_headings)
    improvement = [f for f in letter.findings if f.section == "area_for_improvement"]
    assert all(f.heading for f in improvement)
    text = " ".join(f.text for f in letter.findings)
    for boilerplate in ("If you would like a copy of this document", "Piccadilly Gate", "Ofsted produces this report"):
        assert boilerplate not in text
    reasons = {s.reason for s in letter.set_aside}
    assert {"judgement_table", "boilerplate"} <= reasons


@needs_reports
def test_ilacs_reports_untitled_summary_is_the_headline_and_what_needs_to_improve_the_areas_for_improvement():
    path = next(p for p in REPORTS if "liverpool" in p.name)
    letter = parsed(path)
    headline = [f for f in letter.findings if f.section == "headline"]
    assert headline[0].text.startswith("Services in Liverpool for children who need help and protection")
    improvement = [f for f in letter.findings if f.section == "area_for_improvement"]
    assert len(improvement) == 11 and {f.heading for f in improvement} == {"What needs to improve?"}
    assert any(s.reason == "page_furniture" for s in letter.set_aside)  # the running page header


@needs_reports
def test_sif_reports_contents_list_and_statistics_are_set_aside_not_findings():
    letter = parsed(next(p for p in REPORTS if "leicester" in p.name))
    contents = [s.text for s in letter.set_aside if s.reason == "contents"]
    assert "What does the Local Authority need to improve?" in contents
    assert not any(f.text.startswith("Approximately 79,000 children") for f in letter.findings)
    strengths = [f for f in letter.findings if f.section == "strength"]
    assert strengths and strengths[0].heading == "The Local Authority's strengths"


# --- made-up reports ------------------------------------------------------------------------------------

ILACS = """Inspection of Rutland local authority
children's services
Inspection dates: 3 to 14 February 2025
Lead inspector: Alex Example, His Majesty's Inspector
Judgement

Grade

The impact of leaders on social work
practice with children and families

Good

The experiences and progress of
children who need help and protection

Requires improvement to be good

The experiences and progress of
children in care

Good

The experiences and progress of care
leavers

Outstanding

Overall effectiveness

Good

Children in Rutland receive good services. Leaders know their services well and act on what they find.

What needs to improve?
- The timeliness of assessments for children who need help.
- The quality of plans for children in need.

The experiences and progress of children who need help and protection: requires improvement to be good

1. Early help is well coordinated across the partnership, and families say that it makes a difference.

2. Assessments are not always timely, and some children wait too long for help when risks increase.

Inspection of Rutland local authority children's services
3 to 14 February 2025

If you would like a copy of this document in a different format, such as large print or Braille, please
telephone 0300 123 1231, or email enquiries@ofsted.gov.uk.
"""


def test_a_made_up_ilacs_report_gives_its_table_sections_and_set_aside_text():
    letter = parse(ILACS.encode())
    assert letter.ok, letter.errors
    assert letter.document_kind == "report" and letter.framework_slug == "ilacs"
    assert letter.authority.slug == "rutland"
    assert {j.area: j.grade for j in letter.judgements} == {
        "overall_effectiveness": "good",
        "leadership": "good",
        "help_and_protection": "requires_improvement",
        "children_in_care": "good",
        "care_leavers": "outstanding",
    }
    assert [i.name for i in letter.inspectors] == ["Alex Example"]
    assert [d.isoformat() for d in letter.visit_dates[:1]] == ["2025-02-03"]
    by_section = {}
    for finding in letter.findings:
        by_section.setdefault(finding.section, []).append(finding)
    assert by_section["headline"][0].text.startswith("Children in Rutland receive good services")
    assert len(by_section["area_for_improvement"]) == 2
    narrative = by_section["narrative"]
    assert narrative[0].text.startswith("Early help is well coordinated")  # the paragraph number is dropped
    assert narrative[0].heading.startswith("The experiences and progress of children who need help and protection")
    assert any(s.reason == "page_furniture" for s in letter.set_aside)
    assert any(s.text.startswith("If you would like a copy") for s in letter.set_aside)


def test_an_ilacs_council_written_only_as_local_authority_is_never_taken_as_the_council_name():
    text = ILACS.replace("Rutland local authority\nchildren's services", "the local authority\nchildren's services")
    letter = parse(text.encode())
    assert letter.authority is None or "local authority" not in letter.authority.name.lower()


def test_sif_judgements_come_from_the_overall_sentence_the_numbered_rows_and_the_lscb_sentence():
    front = (
        "The overall judgement is that children's services are inadequate\n"
        "1. Children who need help and protection Inadequate\n"
        "2. Children looked after and achieving permanence Requires improvement\n"
        "2.1 Adoption performance Good\n2.2 Experiences and progress of care leavers Requires improvement\n"
        "3. Leadership, management and governance Inadequate\n"
    )
    assert grades.overall_from_sentence(front) == "inadequate"
    table = {j.area: j.grade for j in grades.table_judgements(front)}
    assert table == {
        "help_and_protection": "inadequate",
        "children_in_care": "requires_improvement",
        "adoption": "good",
        "care_leavers": "requires_improvement",
        "leadership": "inadequate",
    }
    assert grades.lscb_grade("The Local Safeguarding Children Board (LSCB) in Exampleton requires improvement.") == (
        "requires_improvement"
    )
    assert grades.lscb_grade("An LSCB that is good coordinates the activity of statutory partners.") is None


def test_a_table_laid_out_as_every_label_then_every_grade_is_paired_in_order():
    text = (
        "The impact of leaders on social work practice with children and families "
        "The experiences and progress of children who need help and protection "
        "Overall effectiveness Good Inadequate Requires improvement to be good"
    )
    assert {j.area: j.grade for j in grades.table_judgements(text)} == {
        "leadership": "good",
        "help_and_protection": "inadequate",
        "overall_effectiveness": "requires_improvement",
    }


def test_a_graded_section_heading_gives_its_area_and_grade():
    assert grades.heading_grade(
        "The experiences and progress of children in care: requires improvement to be good"
    ) == (
        "children_in_care",
        "requires_improvement",
    )
    assert grades.heading_grade("The experiences and progress of care leavers is: inadequate") == (
        "care_leavers",
        "inadequate",
    )
    assert grades.heading_grade("Leaders and managers: a new approach") is None


def test_a_finding_over_3000_characters_is_cut_at_sentence_ends():
    text = " ".join(f"Sentence number {n} says something about practice." for n in range(200))
    pieces = split_long(text)
    assert len(pieces) > 1 and all(len(p) <= MAX_FINDING_CHARS for p in pieces)
    assert " ".join(pieces) == text


def test_letters_are_not_taken_for_reports():
    letter = "12 March 2024\nDear Ms Example\nFocused visit to Rutland children's services\n"
    assert not looks_like_report(letter)
    assert looks_like_report(ILACS)


def test_a_document_neither_letter_nor_report_is_rejected_with_a_reason():
    text = "Ofsted annual report on further education colleges\n\nColleges improved this year in most regions.\n"
    letter = parse(text.encode())
    assert not letter.ok
    assert "neither a letter nor an inspection report" in letter.errors[0]


def test_a_title_broken_over_two_blocks_still_names_the_council_and_the_framework():
    text = ILACS.replace(
        "Inspection of Rutland local authority\nchildren's services\n",
        "Inspection of Rutland local authority\n\nchildren's services\n\n",
    )
    letter = parse(text.encode())
    assert letter.document_kind == "report" and letter.framework_slug == "ilacs"
    assert letter.authority.slug == "rutland"
    assert letter.title == "Inspection of Rutland local authority children's services"


def test_an_overall_judgement_written_with_the_verb_require_is_requires_improvement():
    assert grades.overall_from_sentence("Children's services in Exampleton require improvement to be good") == (
        "requires_improvement"
    )
    assert grades.overall_from_sentence("The overall judgement is requires improvement") == "requires_improvement"
    assert grades.overall_from_sentence("Children's services in Exampleton are good") == "good"


def test_numbered_narrative_after_an_unrecognised_heading_is_not_dumped_into_the_headline():
    long_para = "Social workers visit children often and know them well, and their records show it. " * 5
    text = ILACS.replace(
        "What needs to improve?\n- The timeliness of assessments for children who need help.\n"
        "- The quality of plans for children in need.\n",
        f"1. {long_para}\n\n2. {long_para}\n",
    )
    letter = parse(text.encode())
    assert [f.section for f in letter.findings if f.text.startswith("Social workers visit")] == ["narrative"] * 2


def test_long_prose_after_a_list_of_improvements_is_narrative_not_an_area_for_improvement():
    long_para = "The board meets regularly and its members attend well, and partners value its work. " * 12
    text = ILACS.replace("- The quality of plans for children in need.\n", f"- The quality of plans.\n\n{long_para}\n")
    letter = parse(text.encode())
    assert [f.section for f in letter.findings if f.text.startswith("The board meets")] == ["narrative"]


def test_a_table_without_an_overall_row_does_not_swallow_the_summary_after_it():
    text = ILACS.replace("Overall effectiveness\n\nGood\n\n", "")
    letter = parse(text.encode())
    headline = [f.text for f in letter.findings if f.section == "headline"]
    assert headline and headline[0].startswith("Children in Rutland receive good services")
    assert "overall_effectiveness" not in {j.area for j in letter.judgements}


def test_an_earlier_safeguarding_and_looked_after_children_report_is_a_report_without_mapped_grades():
    text = (
        "Ofsted\nInspection of safeguarding and looked after children services\nRutland County Council\n"
        "Inspection dates: 1 – 12 March 2010\n\nSafeguarding services\nOverall effectiveness\nAdequate\n"
        "Capacity for improvement\nGood\n\nLooked after children services\nOverall effectiveness\nGood\n\n"
        "Summary\n\nChildren in Rutland are kept safe by services that work well together and know them well.\n"
    )
    letter = parse(text.encode())
    assert letter.document_kind == "report" and letter.framework_slug == "slac"
    assert letter.judgements == []


_REPORTISH = [
    "inspection of ",
    "Inspection Of ",
    "review of ",
    "overall effectiveness ",
    "judgement ",
    "grade ",
    "is good ",
    "The overall judgement is ",
    "ınspection of ",
    "İnspection of ",
    "ſafeguarding ",
    "x ",
    "Wigan local authority children's services ",
    "services for children in need of help and protection ",
    "the effectiveness of the local safeguarding children board ",
]


@given(st.lists(st.sampled_from(_REPORTISH), max_size=12))
def test_a_report_s_title_and_judgement_are_found_where_their_first_words_are_as_by_a_whole_search(parts):
    """The report's patterns are tried only where the lower-cased text has a word their matches begin with
    (anchored.py): the same answer as searching the whole text, characters that fold oddly included."""
    text = "".join(parts)
    for pattern, starts in (
        (reports.REPORT_TITLE, reports._REPORT_TITLE_STARTS),
        (reports._JUDGEMENT_SHAPE, reports._JUDGEMENT_SHAPE_STARTS),
    ):
        found = anchored.search(pattern, text, starts)
        assert (found and found.span()) == ((whole := pattern.search(text)) and whole.span())
