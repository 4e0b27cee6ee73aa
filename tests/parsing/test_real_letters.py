"""The 25 real focused-visit letters (pdftotext output) in ../shared/real-letters, read where they are.

Expectations come from each file's name (the council) and from rules any reader would apply to the text
itself, never from a hand-made answer key tuned to the parser.
"""

import re
from collections import Counter

import pytest

from letters.parsing import parse
from tests.conftest import REAL_LETTERS_DIR

FILES = sorted(REAL_LETTERS_DIR.glob("*.txt")) if REAL_LETTERS_DIR.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason=f"no real letters at {REAL_LETTERS_DIR}")
BULLETS = ("◼", "▪", "•", "\uf0a7", "\uf0b7", "\uf06e")
MONTHS = "january february march april may june july august september october november december".split()


def council_words(path):
    council = path.name.split("__")[0].split("_", 1)[1].replace("_", " ")
    return {"kingston upon hull": ["hull"]}.get(council, council.replace("-", " ").split())


def header_date(text):
    for line in text.splitlines()[:40]:
        match = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", line.strip())
        if match and match.group(2).lower() in MONTHS:
            day, month, year = match.groups()
            return f"{year}-{MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"
    return None


def improvement_bullets(text):
    lines = [line.strip().lstrip("\f") for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if line.lower().startswith("what needs to improve")), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if re.fullmatch(r"(main )?findings", lines[i].lower())), None)
    return sum(1 for line in lines[start + 1 : end] if line[:1] in BULLETS) if end else None


@pytest.fixture(scope="module")
def parsed():
    return {path: parse(path.read_bytes()).to_dict() for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_real_letter_metadata(parsed, path):
    got = parsed[path]
    assert got["ok"], got["errors"]
    name = got["authority"]["name"].lower().replace("-", " ")
    assert all(word in name for word in council_words(path)), got["authority"]
    assert got["letter_date"] == header_date(path.read_text())
    assert got["visit_type"] == "focused visit"
    assert got["framework"]["slug"] == "ilacs"
    assert 1 <= len(got["visit_dates"]) <= 5
    assert all(
        d < (got["letter_date"] or "9999") or "before the visit" in " ".join(got["warnings"])
        for d in got["visit_dates"]
    )
    assert 1 <= len(got["inspectors"]) <= 6
    assert sum(i["lead"] for i in got["inspectors"]) == 1
    assert got["recipient"]["name"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_real_letter_findings(parsed, path):
    got = parsed[path]
    counts = Counter(f["section"] for f in got["findings"] if not f["text"].endswith(":"))  # lead-ins are findings
    expected_bullets = improvement_bullets(path.read_text())
    if expected_bullets:
        assert counts["area_for_improvement"] == expected_bullets
    assert 3 <= counts["narrative"] <= 60
    texts = [f["text"] for f in got["findings"]]
    for text in texts:
        for bad in (
            "Yours sincerely",
            "Piccadilly Gate",
            "enquiries@ofsted",
            "Textphone",
            "Crown copyright",
            "Inspectors looked at the local authority",
            "cross-referenced with the outcomes",
        ):
            assert bad not in text
        assert not re.search(r"(?:^|\s)\d{1,2}\s*$", text), f"page number left at the end: {text[-40:]}"
    for scope in got["scope"]:
        assert scope not in texts


def test_most_real_letters_have_headline_findings(parsed):
    with_headline = sum(1 for got in parsed.values() if any(f["section"] == "headline" for f in got["findings"]))
    assert with_headline >= len(parsed) - 3  # a few COVID-era letters have no overview section
