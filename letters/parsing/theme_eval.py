"""Measure the theme rules against findings labelled by hand: precision and recall, overall and per theme.

The labels are JSON lines, one finding each: ``{"text", "source", "section", "themes": [slug, ...], "sample"}``
(``sample`` says how the finding was chosen: "random" for the unbiased sample, "targeted" for findings picked
because they were likely to be about a rare theme). Every (finding, theme) pair counts once: a theme the rules
give and the label has is a true positive, one the rules give alone a false positive, one the label has alone a
false negative. A labelled theme missing from the taxonomy counts as a false negative, so an older taxonomy is
measured against the same labels.

    python -m letters.parsing.theme_eval tests/parsing/data/theme_labels.jsonl
    python -m letters.parsing.theme_eval labels.jsonl --themes old_themes.json --sample random --per-theme
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from letters.parsing.themes import ThemeMatcher, load_default_themes, rules_from_dicts


@dataclass(frozen=True)
class LabelledFinding:
    text: str
    themes: frozenset[str]
    source: str = ""
    sample: str = "random"


@dataclass
class Scores:
    """Counts of (finding, theme) pairs, overall and per theme."""

    findings: int = 0
    true_positive: Counter = field(default_factory=Counter)
    false_positive: Counter = field(default_factory=Counter)
    false_negative: Counter = field(default_factory=Counter)

    @staticmethod
    def _ratio(numerator: int, denominator: int) -> float:
        return numerator / denominator if denominator else 1.0

    def precision(self, theme: str | None = None) -> float:
        tp, fp = self._counts(theme)[:2]
        return self._ratio(tp, tp + fp)

    def recall(self, theme: str | None = None) -> float:
        tp, _, fn = self._counts(theme)
        return self._ratio(tp, tp + fn)

    def f1(self, theme: str | None = None) -> float:
        precision, recall = self.precision(theme), self.recall(theme)
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def _counts(self, theme: str | None) -> tuple[int, int, int]:
        if theme is None:
            return (
                sum(self.true_positive.values()),
                sum(self.false_positive.values()),
                sum(self.false_negative.values()),
            )
        return self.true_positive[theme], self.false_positive[theme], self.false_negative[theme]

    def themes(self) -> list[str]:
        return sorted(set(self.true_positive) | set(self.false_positive) | set(self.false_negative))


def read_labels(path: str | Path, sample: str | None = None, half: str | None = None) -> list[LabelledFinding]:
    """The labelled findings in ``path`` (JSON lines), only those of ``sample`` when given, and only the even or
    odd ones of them when ``half`` is "even" or "odd" (rules are tuned looking at one half, judged on the other)."""
    found = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            finding = LabelledFinding(
                text=str(item["text"]),
                themes=frozenset(str(slug) for slug in item["themes"]),
                source=str(item.get("source", "")),
                sample=str(item.get("sample", "random")),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}, line {number}: not a labelled finding ({error})") from error
        if sample is None or finding.sample == sample:
            found.append(finding)
    if half is not None:
        found = found[0 if half == "even" else 1 :: 2]
    return found


def evaluate(matcher: ThemeMatcher, findings: Iterable[LabelledFinding]) -> Scores:
    """Score ``matcher``'s themes for each finding against its labels."""
    scores = Scores()
    for finding in findings:
        scores.findings += 1
        given = set(matcher.match(finding.text))
        for slug in given & finding.themes:
            scores.true_positive[slug] += 1
        for slug in given - finding.themes:
            scores.false_positive[slug] += 1
        for slug in finding.themes - given:
            scores.false_negative[slug] += 1
    return scores


def report(scores: Scores, *, per_theme: bool = False) -> str:
    """The figures as text: one summary line, then a line per theme when asked."""
    tp, fp, fn = scores._counts(None)
    lines = [
        f"{scores.findings} findings, {tp + fn} labelled themes, {tp + fp} assigned: "
        f"precision {scores.precision():.1%}, recall {scores.recall():.1%}, F1 {scores.f1():.1%}"
    ]
    if per_theme:
        lines.append(f"{'theme':40} {'labelled':>8} {'given':>6} {'prec':>6} {'recall':>6}")
        for theme in scores.themes():
            t_tp, t_fp, t_fn = scores._counts(theme)
            lines.append(
                f"{theme:40} {t_tp + t_fn:8} {t_tp + t_fp:6} {scores.precision(theme):6.0%} {scores.recall(theme):6.0%}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", help="JSON lines of labelled findings")
    parser.add_argument("--themes", help="a taxonomy file like data/themes.json (default: the shipped one)")
    parser.add_argument("--sample", help="only findings of this sample (random, targeted)")
    parser.add_argument("--half", choices=("even", "odd"), help="only every other finding (a held-out half)")
    parser.add_argument("--per-theme", action="store_true", help="a line per theme")
    args = parser.parse_args(argv)
    items = json.loads(Path(args.themes).read_text(encoding="utf-8")) if args.themes else load_default_themes()
    matcher = ThemeMatcher(rules_from_dicts(items))
    for error in matcher.errors:
        print(f"warning: {error}", file=sys.stderr)
    print(report(evaluate(matcher, read_labels(args.labels, args.sample, args.half)), per_theme=args.per_theme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
