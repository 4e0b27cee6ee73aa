"""The family's rules for the text path, checked on the 25 real focused-visit letters in ../shared/real-letters.

Nothing here is an answer key: each test states a rule any reader of these letters would apply (every body word is
in a finding or named as set aside; the closing boilerplate is never a finding; each bullet is a finding of its
own; the letter's whole text survives), so it holds for letters nobody here has seen.
"""

import re
import unicodedata

import pytest

from letters.parsing import parse
from tests.conftest import REAL_LETTERS_DIR

FILES = sorted(REAL_LETTERS_DIR.glob("*.txt")) if REAL_LETTERS_DIR.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason=f"no real letters at {REAL_LETTERS_DIR}")
GLYPHS = ("◼", "▪", "•", "\uf0a7", "\uf0b7", "\uf06e")


@pytest.fixture(scope="module")
def parsed():
    return {path: parse(path.read_bytes()) for path in FILES}


def squash(text: str) -> str:
    return "".join(ch.lower() for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_coverage_is_at_least_99_percent_or_a_warning_names_what_was_set_aside(parsed, path):
    letter = parsed[path]
    if letter.coverage < 0.99:
        warning = next((w for w in letter.warnings if "set aside" in w), "")
        assert warning, f"coverage {letter.coverage} without a warning naming the set-aside text"
    for aside in letter.set_aside:
        assert aside.reason in ("boilerplate", "footnote", "page_furniture", "unplaced")
        assert aside.text.strip()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_no_finding_holds_the_closing_boilerplate(parsed, path):
    for finding in parsed[path].findings:
        assert "Ofsted will take the findings" not in finding.text
        assert "I am copying this letter" not in finding.text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_the_closing_boilerplate_is_listed_as_set_aside(parsed, path):
    text = re.sub(r"\s+", " ", path.read_text())
    if "Ofsted will take the findings" in text:
        assert any(
            a.reason == "boilerplate" and a.text.startswith("Ofsted will take the findings")
            for a in parsed[path].set_aside
        )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_every_bullet_of_the_text_starts_a_finding_or_a_scope_item_of_its_own(parsed, path):
    letter = parsed[path]
    starts = [squash(f.text)[:40] for f in letter.findings] + [squash(s)[:40] for s in letter.scope]
    for line in path.read_text().splitlines():
        line = line.strip()
        if line[:1] in GLYPHS and len(line) > 20:
            head = squash(line[1:])[:40]
            assert any(start.startswith(head) or head.startswith(start) for start in starts if start), line


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_every_body_word_survives_in_a_finding_the_scope_or_the_set_aside_text(parsed, path):
    """No paragraph is dropped: each body line's words are somewhere in the parse, in order."""
    letter = parsed[path]
    kept = squash(" ".join([f.text for f in letter.findings] + letter.scope + [a.text for a in letter.set_aside]))
    lines = path.read_text().replace("\f", "\n").splitlines()
    start = next(
        i for i, line in enumerate(lines) if re.match(r"\s*(?:Headline findings|Overview|What needs to)", line)
    )
    end = next(i for i, line in enumerate(lines) if re.match(r"\s*Yours? sincerely", line))
    for line in lines[start + 1 : end]:
        words = squash(line.strip().lstrip("".join(GLYPHS)))
        if len(words) > 25 and not re.match(r"\s*(?:What needs to improve|Main findings|Findings)\b", line):
            assert words[5:-5] in kept, f"lost: {line.strip()}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_confidence_is_rounded_and_falls_with_guessed_boundaries(parsed, path):
    letter = parsed[path]
    assert letter.confidence == round(letter.confidence, 2)
    if any("could not be told from the text" in w for w in letter.warnings):
        assert letter.confidence < 1.0
