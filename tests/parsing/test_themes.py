"""Theme tagging: the starting taxonomy's shape, what real-sounding findings are (and are not) tagged with,
curators' bad patterns, and a matcher that never raises and matches as a plain IGNORECASE search would (the
optimiser behind it, theme_patterns.py, has its own tests in test_theme_patterns.py)."""

from __future__ import annotations

import re
import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.parsing import themes
from letters.parsing.themes import (
    ThemeMatcher,
    ThemeRule,
    load_default_themes,
    rules_from_dicts,
    validate_pattern,
)
from tests.parsing.theme_reference import reference_match

THEMES = load_default_themes()
SLUGS = [item["slug"] for item in THEMES]
MATCHER = ThemeMatcher(rules_from_dicts(THEMES))

# fmt: off
REQUIRED = {
    "domestic-abuse", "assessment-quality", "thresholds-decision-making", "strategy-discussions-section-47",
    "supervision-management-oversight", "quality-assurance-audit", "workforce-caseloads",
    "training-development", "early-help", "front-door-mash", "out-of-hours", "recording-it-systems",
    "partnership-working", "childrens-views-direct-work", "equality-diversity", "disabled-children",
    "missing-exploitation", "timeliness", "care-leavers", "private-fostering",
    "unaccompanied-asylum-seeking-children", "family-help", "children-in-care",
}
# fmt: on


# --- the taxonomy file ------------------------------------------------------------------------------------


def test_taxonomy_fits_the_theme_bitmask_with_unique_slugs_and_names():
    assert 18 <= len(THEMES) <= 63  # Finding.theme_mask is a signed 64-bit integer: one bit per theme

    assert len(set(SLUGS)) == len(SLUGS)
    assert len({item["name"].lower() for item in THEMES}) == len(THEMES)
    assert REQUIRED <= set(SLUGS)


@pytest.mark.parametrize("item", THEMES, ids=SLUGS)
def test_each_theme_is_well_formed(item):
    assert set(item) == {"name", "slug", "description", "rules"}
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", item["slug"])
    assert item["name"].strip() == item["name"] and item["name"]
    description = item["description"]
    assert description.endswith(".") and description.count(". ") == 0, "one sentence"
    assert set(item["rules"]) == {"include", "exclude"}
    assert item["rules"]["include"], "a theme needs at least one include pattern"
    for pattern in item["rules"]["include"] + item["rules"]["exclude"]:
        assert isinstance(pattern, str)
        assert validate_pattern(pattern) is None, pattern
        re.compile(pattern, re.IGNORECASE)


def test_the_default_taxonomy_compiles_without_errors():
    assert MATCHER.errors == []
    assert MATCHER.slugs == SLUGS
    assert len(MATCHER) == len(THEMES)


def test_load_default_themes_returns_a_fresh_copy():
    first = load_default_themes()
    first[0]["rules"]["include"].append("mutated")
    assert "mutated" not in load_default_themes()[0]["rules"]["include"]


@pytest.mark.parametrize(
    "text",
    [
        "This letter summarises the findings of a focused visit.",
        "Inspectors looked at a range of evidence.",
        "It is clear that the council is committed to this work.",
        "Yours sincerely",
    ],
)
def test_boilerplate_is_not_tagged(text):
    """No catch-all: a sentence about nothing in particular gets no theme."""
    assert MATCHER.match(text) == []


# --- what findings are about ------------------------------------------------------------------------------

# (finding, themes it must have, themes it must not have)
# fmt: off
CASES = [
    # domestic abuse
    ("Domestic abuse notifications from the police are screened daily in the MASH.",
     {"domestic-abuse", "front-door-mash", "partnership-working"}, {"neglect", "out-of-hours"}),
    # seed letter, Stoke-on-Trent 2010
    ("Notifications of domestic violence to Specialist Services involving children are not consistently "
     "timely to ensure a prompt response to safeguarding concerns.",
     {"domestic-abuse", "timeliness"}, {"front-door-mash", "assessment-quality"}),
    ("Cases of high-risk domestic abuse are discussed at MARAC and coercive control is well understood.",
     {"domestic-abuse"}, {"missing-exploitation"}),
    # assessment and thresholds
    ("The quality of assessments is variable; some lack analysis of risk and do not consider family history.",
     {"assessment-quality"}, {"thresholds-decision-making", "recording-it-systems"}),
    ("The local authority's self-assessment accurately identifies the service's strengths.",
     {"leadership-governance"}, {"assessment-quality"}),
    ("Managers in the duty and assessment team are accessible and approachable.",
     {"supervision-management-oversight", "front-door-mash"}, {"assessment-quality"}),
    ("Thresholds are well understood by partner agencies, and decision making at the front door is timely.",
     {"thresholds-decision-making", "partnership-working", "front-door-mash", "timeliness"}, set()),
    ("The child protection plan is clear and sets out what needs to change.",
     {"planning-review"}, {"thresholds-decision-making", "strategy-discussions-section-47"}),
    ("Child protection conference chairs escalate concerns when plans do not progress.",
     {"planning-review", "thresholds-decision-making"}, {"strategy-discussions-section-47"}),
    ("The MASH makes timely decisions about contacts and referrals.",
     {"front-door-mash", "thresholds-decision-making", "timeliness"}, {"partnership-working"}),
    # strategy discussions and section 47
    # seed letter, Stoke-on-Trent 2010
    ("Section 47 strategy discussions are not consistently held at the right time in the investigation.",
     {"strategy-discussions-section-47"}, {"planning-review", "leadership-governance", "timeliness"}),
    ("Strategy meetings are well attended by the police and health partners.",
     {"strategy-discussions-section-47", "partnership-working"}, {"leadership-governance"}),
    ("Children subject to child protection enquiries are seen promptly by social workers.",
     {"strategy-discussions-section-47", "timeliness", "childrens-views-direct-work"},
     {"thresholds-decision-making", "planning-review"}),
    # supervision, QA, workforce, training
    ("The supervision of staff is regular and reflective.",
     {"supervision-management-oversight"}, {"training-development", "quality-assurance-audit"}),
    # focused visit, Bury 2019
    ("Management oversight is evident on children's files, but this is mostly brief, and task focused and "
     "does not lead to good-quality social work practice with children.",
     {"supervision-management-oversight"}, {"leadership-governance", "quality-assurance-audit"}),
    ("Audits of case files are moderated, and actions are tracked to completion.",
     {"quality-assurance-audit", "recording-it-systems"}, {"supervision-management-oversight"}),
    # focused visit, Bury 2019
    ("Current caseloads across many teams are high, with half of social workers working with over 20 "
     "children, and a small number with up to 28 children.",
     {"workforce-caseloads"}, {"training-development", "leadership-governance"}),
    ("Caseloads are manageable and the workforce is stable, with few agency staff.",
     {"workforce-caseloads"}, {"training-development"}),
    ("Newly qualified social workers have a protected caseload and good-quality training.",
     {"training-development", "workforce-caseloads"}, set()),
    ("Care leavers are supported to access education, employment and training.",
     {"care-leavers", "health-education"}, {"training-development", "children-in-care"}),
    # early help, front door, out of hours
    ("Early help services are well coordinated, and the CAF is used by schools.",
     {"early-help"}, {"assessment-quality"}),
    ("When children's needs reduce, their cases are stepped down to early help appropriately.",
     {"early-help", "thresholds-decision-making"}, set()),
    ("Too many contacts from the police are passed to the front door without triage.",
     {"front-door-mash", "partnership-working"}, {"domestic-abuse"}),
    ("The emergency duty team provides an effective out-of-hours response and communicates well with daytime "
     "services.",
     {"out-of-hours"}, {"front-door-mash"}),
    ("Out of hours, children at risk are responded to by a well-resourced EDT.", {"out-of-hours"}, set()),
    # recording, partnership, children's views
    ("Children's case records are up to date, but the electronic recording system is cumbersome.",
     {"recording-it-systems"}, {"timeliness"}),
    ("The IT system does not allow managers to see the workloads of their teams.",
     {"recording-it-systems", "workforce-caseloads"}, set()),
    ("The local safeguarding children board monitors the effectiveness of multi-agency arrangements.",
     {"partnership-working"}, set()),
    ("Children's views are sought through direct work, and their wishes and feelings inform their plans.",
     {"childrens-views-direct-work"}, {"equality-diversity"}),
    ("Young people told inspectors that they feel safe where they live.",
     {"childrens-views-direct-work"}, set()),
    # equality, disability
    ("Workers use interpreters so that parents whose first language is not English can take part.",
     {"equality-diversity"}, set()),
    ("Children's identity, culture and religion are well considered in assessments.",
     {"equality-diversity", "assessment-quality"}, set()),
    ("Plans use simple language that families understand.", set(), {"equality-diversity"}),
    ("Disabled children receive effective support from the children with disabilities team.",
     {"disabled-children"}, set()),
    ("Children with SEND and autism benefit from the short breaks service.", {"disabled-children"}, set()),
    ("Social workers send referrals to the right services.", {"front-door-mash"}, {"disabled-children"}),
    # missing and exploited, neglect, timeliness
    ("Return home interviews are offered to children who go missing, and risks of criminal exploitation and "
     "county lines are well understood.",
     {"missing-exploitation"}, set()),
    ("Too many assessments were missing important details about the child's circumstances.",
     {"assessment-quality"}, {"missing-exploitation"}),
    ("Neglect is recognised, and the graded care profile is used well.", {"neglect"}, {"children-in-care"}),
    ("Delays in allocating cases lead to drift for some children.", {"timeliness"}, set()),
    # planning, leadership, children in care
    ("Senior leaders and elected members have invested in the service, and governance is strong.",
     {"leadership-governance"}, {"supervision-management-oversight"}),
    ("Children in care live in stable placements, and permanence is achieved without delay.",
     {"children-in-care", "timeliness"}, set()),
    ("Personal advisers keep in touch with care leavers, and pathway plans are updated.",
     {"care-leavers", "planning-review"}, {"children-in-care"}),
    ("Homeless 16- and 17-year-olds are told of their right to become looked after.",
     {"children-in-care"}, set()),
    ("Parents and carers are encouraged to take part in meetings.", set(), {"children-in-care"}),
    ("Pre-proceedings work under the Public Law Outline is tracked closely.",
     {"planning-review"}, {"children-in-care"}),
    ("A small number of children live in unregistered children's homes because of a lack of sufficiency.",
     {"children-in-care", "leadership-governance"}, set()),
    # the themes directors ask about, and generic words that used to tag wrongly (issue 13)
    ("Care-experienced young people are helped to manage their own tenancies.", {"care-leavers"}, {"children-in-care"}),
    ("Privately fostered children are visited regularly.", {"private-fostering"}, {"children-in-care"}),
    ("Notifications of private fostering arrangements remain low.", {"private-fostering"}, {"children-in-care"}),
    ("Unaccompanied children seeking asylum receive an age assessment only when needed.",
     {"unaccompanied-asylum-seeking-children"}, set()),
    ("The national transfer scheme brings separated migrant children into the county.",
     {"unaccompanied-asylum-seeking-children"}, set()),
    ("The new Family Help Team and three family hubs give seamless support.", {"family-help"}, set()),
    ("The director took the decision to restructure the service.", {"leadership-governance"},
     {"thresholds-decision-making"}),
    ("Managers make proportionate decisions about what needs to happen next.", {"thresholds-decision-making"}, set()),
    ("Leaders have fostered a culture of openness and adopted a new model.", {"leadership-governance"},
     {"children-in-care", "training-development"}),
    ("Partners share learning from reviews, and a learning culture is evident.", {"partnership-working"},
     {"training-development"}),
    ("Risks are quickly identified and support is put in place.", set(), {"timeliness"}),
    ("Children are seen quickly after a referral.", {"timeliness"}, set()),
    ("Social workers use language that children understand.", set(), {"equality-diversity"}),
    ("For a small minority of children, plans are not reviewed.", {"planning-review"}, {"equality-diversity"}),
    ("Some important events are missing from chronologies.", {"recording-it-systems"}, {"missing-exploitation"}),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected", "forbidden"), CASES, ids=[c[0][:50] for c in CASES])
def test_findings_are_tagged_with_what_they_are_about(text, expected, forbidden):
    assert not (expected | forbidden) - set(SLUGS), "the table names a slug the taxonomy lacks"
    found = set(MATCHER.match(text))
    assert expected <= found, f"missing {sorted(expected - found)}; got {sorted(found)}"
    assert not found & forbidden, f"wrongly tagged {sorted(found & forbidden)}"


def test_matching_ignores_case_typography_and_line_wraps():
    plain = MATCHER.match("The out-of-hours service's response to children's views is timely.")
    assert plain
    shouted = "THE OUT\u2011OF\u2011HOURS SERVICE\u2019S RESPONSE TO\nCHILDREN\u2019S   VIEWS IS TIMELY."
    assert MATCHER.match(shouted) == plain


def test_results_follow_taxonomy_order():
    found = MATCHER.match("Timely strategy discussions consider domestic abuse and neglect.")
    assert found == [slug for slug in SLUGS if slug in found]
    assert {"domestic-abuse", "strategy-discussions-section-47", "timeliness", "neglect"} <= set(found)


def test_an_exclude_masks_its_phrase_without_vetoing_the_finding():
    rule = ThemeRule("missing", "Missing", (r"\bmissing\b",), (r"\bmissing (?:important )?details\b",))
    matcher = ThemeMatcher([rule])
    assert matcher.match("The assessment was missing important details.") == []
    both = "The assessment was missing important details; children who go missing are seen."
    assert matcher.match(both) == ["missing"]


# --- curators' patterns -----------------------------------------------------------------------------------


def test_invalid_patterns_are_reported_and_skipped_not_raised():
    rules = [
        ThemeRule("broken", "Broken theme", include=(r"\bsupervision(", r"\bgood\b"), exclude=("[a-",)),
        ThemeRule("all-bad", "All bad", include=("(unclosed", "")),
        ThemeRule("fine", "Fine", include=(r"\bcaseloads?\b",)),
    ]
    matcher = ThemeMatcher(rules)
    assert matcher.slugs == ["broken", "fine"]
    messages = "\n".join(matcher.errors)
    assert "Broken theme" in messages and r"'\\bsupervision('" in messages
    assert "'[a-'" in messages and "exclude" in messages
    assert "All bad" in messages and "no usable include pattern" in messages
    assert matcher.match("Good caseloads and supervision.") == ["broken", "fine"]


@pytest.mark.parametrize(
    "pattern",
    [
        "(",
        "[a-",
        r"\bsupervision(",
        "*oops",
        "",
        "   ",
        "x*",
        r"\b|\bfoo",
        r"(?P<name>x)",
        r"(a)\1",
        "(?i)late",
        r"(a+)+b",
        r"(?:\w+ )*x",
    ],
)
def test_validate_pattern_explains_what_is_wrong(pattern):
    message = validate_pattern(pattern)
    assert isinstance(message, str) and message


GOOD_PATTERNS = [r"\bmulti[- ]?agency\b", r"\bout[- ]of[- ]hours\b", r"\bCAF\b", r"(?-i:\bSEND\b)"]


@pytest.mark.parametrize("pattern", GOOD_PATTERNS)
def test_validate_pattern_accepts_good_patterns(pattern):
    assert validate_pattern(pattern) is None


def test_rules_that_cannot_be_combined_fall_back_to_one_pattern_at_a_time(monkeypatch):
    def refuse(patterns, *, any_match):
        raise re.error("simulated")

    monkeypatch.setattr(themes, "compile_patterns", refuse)
    matcher = ThemeMatcher([ThemeRule("t", "T", (r"\bCAF\b", r"\bearly help\b"), (r"\bearly help hub\b",))])
    assert any("could not be combined" in error for error in matcher.errors)
    assert matcher.match("The caf is used.") == ["t"]
    assert matcher.match("The Early Help hub.") == []


def test_duplicate_slugs_are_reported():
    matcher = ThemeMatcher([ThemeRule("a", "A", (r"\bx\b",)), ThemeRule("a", "A again", (r"\by\b",))])
    assert matcher.slugs == ["a"]
    assert any("more than once" in error for error in matcher.errors)


def test_rules_from_dicts_tolerates_missing_parts():
    rules = rules_from_dicts([{"slug": "s", "name": "S"}, {"slug": "t", "rules": {"include": ["x"]}}])
    assert rules == [ThemeRule("s", "S", (), ()), ThemeRule("t", "t", ("x",), ())]
    assert ThemeMatcher(rules).slugs == ["t"]


# --- never raises; same answers as the obvious implementation ---------------------------------------------


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_match_never_raises(text):
    found = MATCHER.match(text)
    assert found == [slug for slug in SLUGS if slug in found]


VOCABULARY = sorted(
    {word for text, _, _ in CASES for word in re.findall(r"[\w'-]+|[.,;]", text)}
    | {
        "missing",
        "important",
        "details",
        "strategy",
        "care",
        "leavers",
        "plans",
        "action",
        "pre-proceedings",
        "CSE",
        "PAs",
        "IT",
        "systems",
        "SEND",
        "with",
        "and",
        "not",
        "the",
        "of",
        "-",
        "\u2019",
        "\u2011",
        "\n",
    }
)
DEFAULT_RULES = rules_from_dicts(THEMES)


@given(st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_match_agrees_with_the_obvious_implementation(text):
    assert MATCHER.match(text) == reference_match(DEFAULT_RULES, text)


@given(st.text(alphabet=string.ascii_letters + string.digits + " .,'-", max_size=200))
@settings(max_examples=200, deadline=None)
def test_match_is_case_insensitive(text):
    assert MATCHER.match(text) == MATCHER.match(text.upper()) == MATCHER.match(text.lower())


def test_matching_is_fast_enough_for_the_archive():
    texts = [text for text, _, _ in CASES] * 20
    start = time.perf_counter()
    for text in texts:
        MATCHER.match(text)
    per_finding = (time.perf_counter() - start) / len(texts)
    assert per_finding < 0.002, f"{per_finding * 1e6:.0f} µs per finding"


def test_health_education_and_covid_themes_tag_what_they_name():
    matcher = ThemeMatcher(rules_from_dicts(load_default_themes()))
    assert "health-education" in matcher.match(
        "Children are encouraged to attend education and have their health/emotional health needs met."
    )
    assert "covid-19" in matcher.match("Social workers kept visiting children during the COVID-19 pandemic.")
    assert "health-education" not in matcher.match("The local health visitor attends strategy meetings.")
