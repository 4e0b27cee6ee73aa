"""The parser against synthetic letters with known ground truth (letters/synthetic): every format of the family,
with the conversion mess real letters show. Thresholds sit a little below what the parser measures today, so a
change that makes it worse on the family of formats fails here, not only one that breaks a sample."""

from collections import Counter

import pytest

from letters.parsing import parse
from letters.synthetic import generate_corpus

COUNT, SEED = 200, 20261123


def norm(text: str) -> str:
    return " ".join(text.split())


def _grade_and_month(judgement: dict | None) -> tuple | None:
    return (judgement["grade"], judgement["month"]) if judgement else None


@pytest.fixture(scope="module")
def scores():
    hits: Counter = Counter()
    for letter in generate_corpus(COUNT, SEED):
        got, want = parse(letter.raw).to_dict(), letter.truth
        checks = {
            "ok": got["ok"],
            "authority": (got["authority"] or {}).get("slug") == want["authority"]["slug"],
            "letter_date": got["letter_date"] == want["letter_date"],
            "visit_dates": got["visit_dates"] == want["visit_dates"],
            "framework": (got["framework"] or {}).get("slug") == want["framework"]["slug"],
            "visit_type": got["visit_type"] == want["visit_type"],
            "inspectors": [i["name"] for i in got["inspectors"]] == [i["name"] for i in want["inspectors"]],
            "recipient": got["recipient"]["name"] == want["recipient"]["name"],
            "prior_judgement": _grade_and_month(got["prior_judgement"]) == _grade_and_month(want["prior_judgement"]),
            "visit_ordinal": got["visit_ordinal"] == want["visit_ordinal"],
            "section_counts": Counter(f["section"] for f in got["findings"])
            == Counter(f["section"] for f in want["findings"]),
            "finding_texts": [norm(f["text"]) for f in got["findings"]] == [norm(f["text"]) for f in want["findings"]],
        }
        hits.update(name for name, good in checks.items() if good)
    return {name: hits[name] / COUNT for name in hits}


# Measured on this corpus when the test was written: 1.00 for most fields, 0.99 inspectors/recipient,
# 0.98 prior judgement, ~0.68 section counts and ~0.6 exact finding texts (paragraphs whose last line fills the
# wrap width cannot be told apart from one paragraph in pdftotext-style text; pdftotext also drops hyphens).
# Raised when line breaks came to be judged by the letter's own wrap measure (issue 11): 0.67 section counts,
# 0.555 exact finding texts measured.
FLOORS = {
    "ok": 0.97,
    "authority": 0.97,
    "letter_date": 0.97,
    "visit_dates": 0.97,
    "framework": 0.97,
    "visit_type": 0.97,
    "inspectors": 0.95,
    "recipient": 0.95,
    "prior_judgement": 0.95,
    "visit_ordinal": 0.97,
    "section_counts": 0.65,
    "finding_texts": 0.53,
}


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_parser_accuracy_on_synthetic_letters(scores, field):
    assert scores.get(field, 0) >= FLOORS[field], f"{field}: {scores.get(field, 0):.3f} < {FLOORS[field]}"
