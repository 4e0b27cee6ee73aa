import re
import sys
from datetime import date

import pytest

from letters.parsing.fields import (
    _JUDGED_WORDS,
    council_names,
    find_inspectors,
    find_letter_date,
    find_prior,
    find_prior_judgement,
    find_recipient,
    find_signatory,
    find_visit_ordinal,
    split_names,
)


def test_letter_date_is_the_date_alone_on_a_header_line():
    assert find_letter_date(["Piccadilly Gate", "T 0300 123 1231", "31 January 2022", "Niki Clemo"]) == date(
        2022, 1, 31
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Her Majesty's inspectors for this visit were Andrew Waugh and John Roughton.",
            [("Andrew Waugh", True), ("John Roughton", False)],
        ),
        (
            "The inspectors were Caroline Walsh, HMI, and Ian Young, HMI.",
            [("Caroline Walsh", True), ("Ian Young", False)],
        ),
        (
            "The inspectors were Rachel Holden, Her Majesty’s Inspector, and Jan Edwards, Her Majesty’s Inspector.",
            [("Rachel Holden", True), ("Jan Edwards", False)],
        ),
        (
            "The inspectors were Paula Thomson-Jones HMI and Mandy Nightingale HMI.",
            [("Paula Thomson-Jones", True), ("Mandy Nightingale", False)],
        ),
        (
            "The visit was conducted by Alison Smale and Tara Geere, two of Her Majesty’s Inspectors.",
            [("Alison Smale", True), ("Tara Geere", False)],
        ),
        (
            "The visit was carried out by Her Majesty's Inspectors Anna Gravelle and Sophie Wales.",
            [("Anna Gravelle", True), ("Sophie Wales", False)],
        ),
        (
            "The inspectors for this visit were Parveen Hussain, His Majesty’s Inspector, and Nick Stacey, "
            "Ofsted Inspector.",
            [("Parveen Hussain", True), ("Nick Stacey", False)],
        ),
        (
            "Her Majesty’s Inspectors were Mandy Nightingale, Andy Waugh, Julie Knight and Garry White.",
            [("Mandy Nightingale", True), ("Andy Waugh", False), ("Julie Knight", False), ("Garry White", False)],
        ),
    ],
)
def test_inspectors_in_every_phrasing(sentence, expected):
    assert find_inspectors(f"This letter summarises the visit. {sentence} Inspectors looked at x.", "") == expected


def test_marked_lead_inspector_wins_over_order():
    assert split_names("Jo Bloggs, and Sam Smith (lead inspector)") == [("Jo Bloggs", False), ("Sam Smith", True)]


def test_signatory_is_the_lead_when_no_lead_is_marked():
    people = find_inspectors("Her Majesty's Inspectors for this visit were Ann Lee and Bob Ray.", "Bob Ray")
    assert people == [("Ann Lee", False), ("Bob Ray", True)]


def test_signatory_alone_names_the_inspector_of_older_letters():
    assert find_signatory("Yours sincerely Helen Norry Her Majesty's Inspector Copy: Mr John") == "Helen Norry"
    assert find_inspectors("No names here.", "Helen Norry") == [("Helen Norry", True)]


def test_recipient_on_one_line_with_role_and_address():
    lines = ["Niki Clemo Interim Director of Children's Services Civic Centre Glebe Street Stoke-on-Trent ST4 1HH"]
    assert find_recipient(lines, "Dear Niki", ["Stoke-on-Trent"]) == (
        "Niki Clemo",
        "Interim Director of Children's Services",
    )


def test_recipient_with_role_on_the_next_line():
    lines = ["Mr Roy Lockwood", "Director for Children and Young People", "Civic Centre"]
    assert find_recipient(lines, "Dear Mr Lockwood", []) == ("Roy Lockwood", "Director for Children and Young People")


def test_recipient_with_council_name_after_role():
    lines = [
        "Mr John Stephens Director of Children and Young People's Services "
        "Cheshire West and Chester Council County Hall"
    ]
    name, role = find_recipient(lines, "Dear Mr Stephens", ["Cheshire West and Chester Council"])
    assert (name, role) == ("John Stephens", "Director of Children and Young People's Services")


def test_recipient_where_the_post_comes_before_the_person():
    lines = ["Director of Children’s Services", "Martin", "Gray", "Municipal", "Buildings"]
    assert find_recipient(lines, "Dear Martin", []) == ("Martin Gray", "Director of Children’s Services")


def test_prior_judgement_and_ordinal():
    text = "This was the fifth monitoring visit since the local authority was judged inadequate in March 2019."
    assert find_prior_judgement(text) == ("inadequate", "2019-03")
    assert find_visit_ordinal(text) == 5
    assert find_prior_judgement("No judgement here.") is None
    assert find_visit_ordinal("This is the 3rd monitoring visit to the council.") == 3


def test_council_names_from_title_and_opening():
    title = (
        "Annual unannounced inspection of contact, referral and assessment arrangements within "
        "Stoke-on-Trent children's services"
    )
    assert council_names(title, "")[0] == "Stoke-on-Trent"
    assert "Middlesbrough council" in council_names(
        "", "the findings of a focused visit to Middlesbrough council on 7 and 8 August 2018."
    )


def test_sif_monitoring_wording_names_inspectors_and_ordinal():
    text = (
        "This letter summarises the findings of the second monitoring visit to Luton Borough Council children's "
        "services since the local authority was judged inadequate in November 2015. The visit was carried out on "
        "15 and 16 March 2016 by Her Majesty's Inspectors Amy Smith and Bob Jones."
    )
    assert find_inspectors(text, "") == [("Amy Smith", True), ("Bob Jones", False)]
    assert find_visit_ordinal(text) == 2
    assert find_prior_judgement(text) == ("inadequate", "2015-11")


def test_the_prior_judgement_words_are_found_in_lower_case_whatever_the_case():
    """find_prior skips sentences whose lower case holds none of _JUDGED_WORDS: sound only while every character
    that IGNORECASE matches to one of their letters lower-cases to that letter."""
    letters = sorted(set("".join(_JUDGED_WORDS)))
    pattern = re.compile(f"[{''.join(letters)}]", re.I)
    strays = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if pattern.fullmatch(chr(code)) and chr(code).lower() not in letters
    ]
    assert strays == []


def test_a_prior_judgement_in_capitals_is_read():
    assert find_prior("At the last inspection, in May 2019, services were JUDGED TO BE INADEQUATE.") == (
        "inadequate",
        "2019-05",
        "overall_effectiveness",
    )
