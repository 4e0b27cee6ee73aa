"""A focused visit's focus areas, read from its scope sentences and bullets."""

import pytest

from letters.parsing import parse
from letters.parsing.focus import FOCUS_AREAS, FOCUS_BITS, FOCUS_LABELS, focus_mask, focus_of
from tests.conftest import REAL_LETTERS_DIR


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (["Inspectors looked at the local authority's arrangements for the 'front door'."], ["front-door"]),
        (["Inspectors looked at the local authority’s arrangements for the ‘front door’."], ["front-door"]),
        (["Inspectors looked at the local authority's arrangements for care leavers."], ["care-leavers"]),
        (
            ["Inspectors looked at arrangements for children in need and children subject to a child protection plan."],
            ["children-in-need-and-child-protection"],
        ),
        (
            ["Inspectors evaluated the quality of care planning for children in care, and permanence."],
            ["children-in-care"],
        ),
        (["They looked at contacts and referrals, and the designated officer role."], None),
        (["Inspectors looked at the protection of vulnerable children from extra-familial risk."], None),
    ],
)
def test_scope_wording_gives_the_focus(scope, expected):
    found = focus_of(scope)
    if expected is not None:
        assert found == expected
    else:
        assert found  # several areas; each checked below


def test_contacts_and_referrals_is_the_front_door_and_the_designated_officer_is_allegations():
    assert focus_of(["Inspectors looked at contacts and referrals, and the designated officer role."]) == [
        "front-door",
        "allegations-against-adults",
    ]


def test_a_negated_area_is_not_a_focus():
    scope = ["Arrangements for placement decisions for older children, with a focus on over 14s but not care leavers."]
    assert "care-leavers" not in focus_of(scope)
    assert focus_of(scope) == ["children-in-care"]


def test_bullets_each_add_their_area():
    scope = [
        "Inspectors looked at the local authority's arrangements for children in need, specifically:",
        "children subject to a letter before proceedings",
        "the protection of disabled children.",
    ]
    assert focus_of(scope) == ["children-in-need-and-child-protection", "disabled-children", "pre-proceedings"]


def test_no_scope_no_focus():
    assert focus_of([]) == []
    assert focus_of(["The local authority has made progress since the last inspection."]) == []


def test_a_front_door_visit_does_not_add_its_assessments_as_another_area():
    scope = ["Inspectors looked at the front door, including child protection enquiries and assessments."]
    assert focus_of(scope) == ["front-door"]


def test_every_area_has_a_label_and_its_own_bit_and_the_mask_holds_them():
    slugs = [slug for slug, _, _ in FOCUS_AREAS]
    assert len(set(slugs)) == len(slugs) < 63
    assert set(FOCUS_LABELS) == set(slugs)
    assert focus_mask(["front-door", "care-leavers"]) == (1 << FOCUS_BITS["front-door"]) | (
        1 << FOCUS_BITS["care-leavers"]
    )
    assert focus_mask(["not-an-area"]) == 0


def test_parse_fills_focus_from_the_scope():
    letter = (
        b"Ofsted\nPiccadilly Gate\n\n3 March 2023\n\nJane Smith\nDirector of Children's Services\nBarnsley\n\n"
        b"Dear Jane\n\nFocused visit to Barnsley children's services\n\n"
        b"This letter summarises the findings of the focused visit to Barnsley children's services on 7 and 8 "
        b"February 2023. Inspectors looked at the local authority's arrangements for care leavers.\n\n"
        b"Headline findings\n\nCare leavers are well supported by their personal advisers.\n\n"
        b"Yours sincerely\n\nA Inspector\nHer Majesty's Inspector\n"
    )
    parsed = parse(letter)
    assert parsed.ok
    assert parsed.focus == focus_of(parsed.scope)


REAL = sorted(REAL_LETTERS_DIR.glob("*.txt")) if REAL_LETTERS_DIR.is_dir() else []


@pytest.mark.skipif(not REAL, reason=f"no real letters at {REAL_LETTERS_DIR}")
def test_real_letters_with_a_scope_each_have_a_focus_and_the_front_door_where_they_say_so():
    with_scope = 0
    for path in REAL:
        parsed = parse(path.read_bytes())
        if not parsed.scope:
            continue
        with_scope += 1
        scope = " ".join(parsed.scope).lower().replace("’", "'")
        assert parsed.focus, path.name
        if "front door" in scope or "front-door" in scope:
            assert "front-door" in parsed.focus, path.name
        assert ("care-leavers" in parsed.focus) == ("care leaver" in scope and "not care leaver" not in scope), (
            path.name
        )
    assert with_scope >= len(REAL) // 2
