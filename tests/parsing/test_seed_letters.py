"""The acceptance table of the foundation issue, on the five seed letters kept in sample_data/."""

from collections import Counter

import pytest

from letters.parsing import parse
from tests.conftest import SAMPLE_DIR

CRA = "cra"
EXPECTED = {
    "000_45b027815db80f73.txt": dict(
        authority="Stoke-on-Trent City Council",
        letter_date="2010-07-01",
        visit_dates=["2010-06-02", "2010-06-03"],
        framework=CRA,
        visit_type="unannounced inspection",
        inspectors=[("Helen Norry", True)],
        recipient=("Sharon Menghini", ""),
        sections={"strength": (4, 4), "satisfactory": (6, 6), "area_for_development": (5, 6)},
    ),
    "001_a4209e73c953c179.txt": dict(
        authority="Stoke-on-Trent City Council",
        letter_date="2022-01-31",
        visit_dates=["2021-12-14", "2021-12-15"],
        framework="ilacs",
        visit_type="monitoring visit",
        inspectors=[("Andrew Waugh", True), ("John Roughton", False)],
        recipient=("Niki Clemo", "Interim Director of Children's Services"),
        sections={"headline": (1, 1), "narrative": (13, 14)},
        prior=("inadequate", "2019-03"),
        ordinal=5,
    ),
    "002_398b3cc886be3b1e.txt": dict(
        authority="Wolverhampton City Council",
        letter_date="2010-10-13",
        visit_dates=["2010-09-14", "2010-09-15"],
        framework=CRA,
        visit_type="unannounced inspection",
        inspectors=[("Brendan Parkinson", True)],
        recipient=("Roy Lockwood", "Director for Children and Young People"),
        sections={"strength": (5, 5), "satisfactory": (12, 12), "area_for_development": (6, 6)},
    ),
    "003_ec62f8ba3d73cc36.txt": dict(
        authority="Redcar and Cleveland Borough Council",
        letter_date="2010-12-08",
        visit_dates=["2010-11-09", "2010-11-10"],
        framework=CRA,
        visit_type="unannounced inspection",
        inspectors=[("Ralph Trevelyan-Butler", True)],
        recipient=("Barbara Shaw", "Acting Director of Adult and Children's Services"),
        sections={"strength": (1, 1), "satisfactory": (10, 10), "area_for_development": (5, 5)},
    ),
    "004_ea5071c6fb35de9d.txt": dict(
        authority="Cheshire West and Chester Council",
        letter_date="2010-05-21",
        visit_dates=["2010-03-17", "2010-03-18"],
        framework=CRA,
        visit_type="unannounced inspection",
        inspectors=[("Robert Hackeson", True)],
        recipient=("John Stephens", "Director of Children and Young People's Services"),
        sections={"strength": (2, 2), "satisfactory": (5, 5), "area_for_development": (7, 7)},
    ),
}
FORBIDDEN_IN_FINDINGS = [
    "Freshford House",
    "Piccadilly Gate",
    "Yours sincerely",
    "I am copying this letter",
    "<ul",
    "<li",
    "list-style",
    "INVESTOR IN PEOPLE",
    "▪",
    "enquiries@ofsted",
    "Her Majesty's Inspector",
    "The service meets the requirements of statutory guidance",
]
JOINED = {
    "000_45b027815db80f73.txt": ["has led to increased confidence in practice", "better understanding of trends."],
    "001_a4209e73c953c179.txt": [
        "Leaders and politicians have worked hard to develop",
        "However, when stepped down, initial actions suggested",
    ],
    "002_398b3cc886be3b1e.txt": [
        "religion with needs and strengths being identified",
        "accessible to the out-of-hours duty service",
        "database system is periodically inaccessible",
    ],
}


@pytest.fixture(scope="module")
def parsed():
    return {name: parse((SAMPLE_DIR / name).read_bytes()).to_dict() for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_letter_fields(parsed, name):
    got, want = parsed[name], EXPECTED[name]
    assert got["ok"], got["errors"]
    assert got["authority"]["name"] == want["authority"]
    assert got["letter_date"] == want["letter_date"]
    assert got["visit_dates"] == want["visit_dates"]
    assert got["framework"]["slug"] == want["framework"]
    assert got["visit_type"] == want["visit_type"]
    assert [(i["name"], i["lead"]) for i in got["inspectors"]] == want["inspectors"]
    assert (got["recipient"]["name"], got["recipient"]["role"]) == want["recipient"]
    prior = got["prior_judgement"]
    assert ((prior["grade"], prior["month"]) if prior else None) == want.get("prior")
    assert got["visit_ordinal"] == want.get("ordinal")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_letter_findings_by_section(parsed, name):
    counts = Counter(f["section"] for f in parsed[name]["findings"])
    for section, (low, high) in EXPECTED[name]["sections"].items():
        assert low <= counts[section] <= high, (section, counts)
    assert set(counts) == set(EXPECTED[name]["sections"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_findings_hold_no_furniture_and_read_whole(parsed, name):
    texts = [f["text"] for f in parsed[name]["findings"]]
    for text in texts:
        for bad in FORBIDDEN_IN_FINDINGS:
            assert bad not in text
        assert text[0].isupper() or text[0].isdigit(), text
        assert text.rstrip()[-1] in ".)", text
    for phrase in JOINED.get(name, []):
        assert any(phrase in text for text in texts), phrase


def test_every_non_headline_seed_finding_has_a_theme(parsed):
    for name, letter in parsed.items():
        for finding in letter["findings"]:
            if finding["section"] != "headline":
                assert finding["themes"], (name, finding["text"])
