"""Joint targeted area inspection (JTAI) letters: council, date, topic, recipients, signatories, opening summary.

The real letters in ../shared/real-jtai are read where they are (skipped when absent); council and date come
from each file's name, the topic from the letter's own title or 'deep dive' sentence. The made-up letters prove
the rules one at a time.
"""

import re

import pytest

from letters.parsing import parse
from letters.parsing.jtai import find_recipients, find_topic, signatories
from tests.conftest import SHARED_DIR

JTAI_DIR = SHARED_DIR / "real-jtai"
LETTERS = sorted(JTAI_DIR.glob("*.txt")) if JTAI_DIR.is_dir() else []
needs_letters = pytest.mark.skipif(not LETTERS, reason=f"no real JTAI letters at {JTAI_DIR}")
MONTHS = "january february march april may june july august september october november december".split()
TOPICS = {  # the topic each letter names ("the multi-agency response to …", its deep dive)
    "bedford": "early-help",
    "bristol": "neglect",
    "central_bedfordshire": "child-exploitation",
    "cornwall": "child-sexual-abuse",
    "derby": "child-sexual-abuse",
    "bexley": "childrens-mental-health",
    "merton": "serious-youth-violence",
    "surrey": "early-help",
}


def council(path):
    return path.name.split("__")[0].split("_", 1)[1]


def name_date(path):
    day, month, year = path.stem.split("_-_")[1].split("_")
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def address_lines(path):
    lines = path.read_text(errors="replace").splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("Dear"))
    person = re.compile(r"^(?:Mr |Ms |Mrs |Dr |Sir )?[A-Z][\w'’-]+ (?!Service|Trust|Group|Police)[A-Z][\w'’-]+,")
    return [line for line in lines[:end] if person.match(line)]


@needs_letters
@pytest.mark.parametrize("path", LETTERS, ids=council)
def test_every_real_jtai_letter_gives_council_date_topic_and_framework(path):
    letter = parse(path.read_bytes())
    assert letter.ok, letter.errors
    assert letter.document_kind == "letter"
    assert letter.framework_slug == "jtai"
    assert letter.authority.slug == council(path).replace("_", "-")
    assert letter.letter_date.isoformat() == name_date(path)
    assert letter.jtai_topic == TOPICS[council(path)]


@needs_letters
@pytest.mark.parametrize("path", LETTERS, ids=council)
def test_every_real_jtai_letter_lists_every_recipient(path):
    letter = parse(path.read_bytes())
    written = address_lines(path)
    assert len(letter.recipients) >= len(written) >= 4
    for line in written:
        assert any(recipient.startswith(line.split(",")[0]) for recipient in letter.recipients)


@needs_letters
@pytest.mark.parametrize("path", LETTERS, ids=council)
def test_every_real_jtai_letter_has_headline_findings_signatories_and_headings(path):
    letter = parse(path.read_bytes())
    headline = [f for f in letter.findings if f.section == "headline"]
    assert headline
    assert not any(re.search(r"undertook a joint inspection|outlines our findings", f.text) for f in headline)
    assert letter.inspectors
    assert not any(i.name.endswith(("National", "Director")) for i in letter.inspectors)
    assert sum(1 for f in letter.findings if f.heading) >= 0.8 * (len(letter.findings) - len(headline))


@needs_letters
def test_a_2017_letters_untitled_opening_summary_becomes_headline_findings():
    letter = parse(next(p for p in LETTERS if "bristol" in p.name).read_bytes())
    headline = [f.text for f in letter.findings if f.section == "headline"]
    assert any(text.startswith("There is significant good practice in Bristol") for text in headline)
    assert [i.name for i in letter.inspectors] == [
        "Eleanor Schooling",
        "Ursula Gallagher",
        "Wendy Williams",
        "Helen Mercer",
    ]


# --- made-up letters ------------------------------------------------------------------------------------

LETTER = """4 June 2018

Jo Example, Director of Children's Services, Royal Borough of Greenwich
Sam Sample, Chief Constable of the Metropolitan Police Service, and a line long enough to wrap onto
the next line of the address block
Lee Person, Chair of the Greenwich Safeguarding Children Board

Dear local partnership

Joint targeted area inspection of the multi-agency response to abuse and
neglect in Greenwich

Between 16 and 20 April 2018, Ofsted, the Care Quality Commission (CQC), HMI Constabulary and Fire & Rescue
Services (HMICFRS) and HMI Probation (HMI Prob) undertook a joint inspection of the multi-agency response to
abuse and neglect in Greenwich. This inspection included a 'deep dive' focus on the response to children
living with domestic abuse.

This letter to all the service leaders in the area outlines our findings about the effectiveness of
partnership working and of the work of individual agencies in Greenwich.

Partners in Greenwich work well together, and children living with domestic abuse are kept safe.

Key strengths

Leaders know their services well and act on what they find.

Areas for improvement

Health visitors do not always share information about domestic abuse quickly.

Yours sincerely

Ofsted
Care Quality Commission
HMI Constabulary
HMI Probation
"""


def test_a_jtai_council_named_only_in_the_wrapped_title_is_found():
    letter = parse(LETTER.encode())
    assert letter.ok, letter.errors
    assert letter.authority.slug == "greenwich"


def test_the_deep_dive_decides_the_topic_over_the_inspections_general_title():
    assert (
        find_topic(
            "the multi-agency response to abuse and neglect in X. This inspection included a "
            "'deep dive' focus on the response to children living with domestic abuse."
        )
        == "domestic-abuse"
    )
    assert find_topic("the multi-agency response to abuse and neglect in X.") == "neglect"
    assert find_topic("the multi-agency response to children's mental health in X.") == "childrens-mental-health"
    assert find_topic("the multi-agency response to children and families in Surrey who need help.") == "early-help"
    assert find_topic("nothing about a response here") is None


def test_wrapped_recipient_lines_join_the_recipient_they_continue():
    recipients = find_recipients(LETTER.split("Dear")[0].splitlines())
    assert len(recipients) == 3
    assert recipients[1].endswith("onto the next line of the address block")


def test_inspectorates_sign_where_no_director_is_named():
    letter = parse(LETTER.encode())
    assert [i.name for i in letter.inspectors] == ["Ofsted", "Care Quality Commission", "HMICFRS", "HMI Probation"]
    assert signatories(
        ["Yvette Stanley", "National Director Regulation and Social Care, Ofsted", "Wendy Williams, CBE"]
    ) == [
        "Yvette Stanley",
        "Wendy Williams",
    ]


def test_the_untitled_opening_summary_without_its_introduction_is_the_headline():
    letter = parse(LETTER.encode())
    headline = [f.text for f in letter.findings if f.section == "headline"]
    assert headline == [
        "Partners in Greenwich work well together, and children living with domestic abuse are kept safe."
    ]
    strengths = [f for f in letter.findings if f.section == "strength"]
    assert strengths and strengths[0].heading == "Key strengths"
