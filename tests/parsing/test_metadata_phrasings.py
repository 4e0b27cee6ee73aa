"""Letter metadata in every phrasing the family uses: prior judgement (with its area), inspectors, framework,
recipient."""

from datetime import date

import pytest

from letters.parsing import parse
from letters.parsing.fields import find_inspectors, find_prior
from letters.parsing.frameworks import find_framework


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Since the last inspection in April 2022, when the overall effectiveness of the service was judged to "
            "be requires improvement to be good, leaders have acted.",
            ("requires improvement to be good", "2022-04", "overall_effectiveness"),
        ),
        (
            "Since the last inspection in April 2022, where services were judged to be good overall, demand grew.",
            ("good", "2022-04", "overall_effectiveness"),
        ),
        (
            "The council's children's services were last inspected in March 2020 and were judged requires "
            "improvement to be good.",
            ("requires improvement to be good", "2020-03", "overall_effectiveness"),
        ),
        (
            "Since the last inspection in October 2023, when the experiences and progress of children who need "
            "help and protection were judged to be good, leaders have sustained practice.",
            ("good", "2023-10", "help_and_protection"),
        ),
        (
            "Since the previous inspection in October 2022, when the experiences and progress of children in care "
            "and care leavers were judged to be requires improvement to be good, services have improved.",
            ("requires improvement to be good", "2022-10", "children_in_care_and_care_leavers"),
        ),
        (
            "Bury children's services were inspected by Ofsted in 2016, when the overall effectiveness of the "
            "service was judged to require improvement to be good, with the experiences of children in need of "
            "help and protection judged to be good.",
            ("requires improvement to be good", None, "overall_effectiveness"),
        ),
        (
            "Since the previous full inspection in October 2022, the trust has delivered services. Since that "
            "inspection, when the overall effectiveness of the service was judged as good overall, leaders acted.",
            ("good", "2022-10", "overall_effectiveness"),
        ),
        (
            "This was the fifth monitoring visit since the local authority was judged inadequate in March 2019.",
            ("inadequate", "2019-03", "overall_effectiveness"),
        ),
    ],
)
def test_prior_judgement_in_each_phrasing(sentence, expected):
    assert find_prior(sentence) == expected


def test_an_audits_judgement_of_cases_is_not_a_prior_judgement():
    assert find_prior("Managers audited 40 cases, and most cases were judged to be good.") is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The visit was carried out by Linda Steele and Donna Marriott, Her Majesty's Inspectors.",
            ["Linda Steele", "Donna Marriott"],
        ),
        (
            "This visit was led by lead inspector Ceri Evans and team inspector Monique Lindsay. It looked at plans.",
            ["Ceri Evans", "Monique Lindsay"],
        ),
        (
            "Her Majesty's Inspectors for this visit were Paula Thomson- Jones and Mandy Nightingale.",
            ["Paula Thomson-Jones", "Mandy Nightingale"],
        ),
        (
            "The inspectors were Amy Smith, Her Majesty's Inspector for Social Care, and Bob Jones, Social Care.",
            ["Amy Smith", "Bob Jones"],
        ),
    ],
)
def test_every_inspector_in_each_phrasing(text, names):
    assert [name for name, _ in find_inspectors(text, "")] == names


def test_a_name_whose_hyphen_the_conversion_dropped_is_written_as_the_sign_off_writes_it():
    text = "His Majesty's Inspectors for this visit were Jennyellen Scotland and Russel Breyer."
    got = find_inspectors(text, "Jenny-ellen Scotland")
    assert got == [("Jenny-ellen Scotland", True), ("Russel Breyer", False)]


def test_framework_comes_from_the_title_not_from_a_mention_of_another_inspection():
    text = (
        "Focused visit to Wigan children's services\n"
        "This letter summarises the findings of the focused visit. Since the joint targeted area inspection in "
        "2019 and the inspection of contact, referral and assessment arrangements, leaders have acted."
    )
    assert find_framework(text, "focused visit", date(2024, 3, 1)).slug == "ilacs"


def test_recipient_is_never_taken_from_ofsteds_address_block():
    raw = (
        b"Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\nT 0300 123 1231\n12 March 2024\n"
        b"Dear Ms Jones\nFocused visit to Wigan children's services\n"
        b"This letter summarises the findings of the focused visit to Wigan children's services on 6 and 7 "
        b"February 2024. His Majesty's Inspectors for this visit were Linda Steele and Donna Marriott.\n"
        b"Headline findings\nChildren are seen promptly.\nYours sincerely\nLinda Steele\nHis Majesty's Inspector\n"
    )
    got = parse(raw)
    assert got.recipient_name not in ("Manchester", "M1 2WD", "Ofsted")
    assert got.recipient_name == "Jones"
