"""The theme rules measured against findings labelled by hand (tests/parsing/data/theme_labels.jsonl): the
labels are well formed, the scoring counts what it should, and the shipped rules stay above measured floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from letters.parsing.theme_eval import LabelledFinding, evaluate, main, read_labels, report
from letters.parsing.themes import ThemeMatcher, ThemeRule, load_default_themes, rules_from_dicts

LABELS = Path(__file__).with_name("data") / "theme_labels.jsonl"
MATCHER = ThemeMatcher(rules_from_dicts(load_default_themes()))


def test_the_labels_name_only_themes_of_the_taxonomy_and_hold_200_random_findings():
    slugs = {item["slug"] for item in load_default_themes()}
    findings = read_labels(LABELS)
    assert all(finding.themes <= slugs for finding in findings)
    assert len(read_labels(LABELS, "random")) >= 200
    assert all(finding.text and finding.source for finding in findings)


def test_scores_count_each_finding_theme_pair_once():
    matcher = ThemeMatcher([ThemeRule("a", "A", (r"\bapple\b",)), ThemeRule("b", "B", (r"\bbanana\b",))])
    findings = [
        LabelledFinding("apple and banana", frozenset({"a"})),  # a right, b wrong
        LabelledFinding("apple", frozenset({"a", "c"})),  # a right, c missed (not in the taxonomy)
    ]
    scores = evaluate(matcher, findings)
    assert scores.precision() == pytest.approx(2 / 3)
    assert scores.recall() == pytest.approx(2 / 3)
    assert scores.precision("b") == 0 and scores.recall("c") == 0
    assert "precision 66.7%, recall 66.7%" in report(scores)


def test_halves_split_the_sample_without_overlap():
    even, odd = read_labels(LABELS, "random", "even"), read_labels(LABELS, "random", "odd")
    assert len(even) + len(odd) == len(read_labels(LABELS, "random"))
    assert not {f.text for f in even} & {f.text for f in odd}


def test_a_malformed_label_line_is_named(tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_text('{"text": "x", "themes": []}\n{"text": "no themes"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_labels(path)


# Floors a little below what the revised rules measured (precision 84.7%, recall 91.3% on the random sample;
# the rules before issue 13 measured 79.9% and 85.3%).
def test_the_rules_keep_their_precision_and_recall_on_the_random_sample():
    scores = evaluate(MATCHER, read_labels(LABELS, "random"))
    assert scores.precision() >= 0.82
    assert scores.recall() >= 0.88


@pytest.mark.parametrize(
    "slug", ["care-leavers", "private-fostering", "unaccompanied-asylum-seeking-children", "family-help"]
)
def test_the_new_themes_find_the_findings_labelled_with_them(slug):
    scores = evaluate(MATCHER, read_labels(LABELS))
    assert scores.recall(slug) >= 0.9
    assert scores.precision(slug) >= 0.75


def test_the_command_prints_the_figures(capsys, tmp_path):
    themes = tmp_path / "themes.json"
    themes.write_text(json.dumps(load_default_themes()[:1]), encoding="utf-8")
    assert main([str(LABELS), "--sample", "random", "--per-theme"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("200 findings") and "care-leavers" in out
    main([str(LABELS), "--themes", str(themes)])
    assert "recall" in capsys.readouterr().out
