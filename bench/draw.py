"""Run inside Django (a child process): draw the headline's requests from the ingested letters — broad and selective
words by their document frequency among findings (bench/words.py), and (council, theme) pairs that findings carry —
seeded, ``--rounds`` disjoint sets of bench.words.PER_KIND each. Prints JSON.

    python -m bench.draw --seed 1 --rounds 1
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import django

from bench.words import BROAD, PER_KIND, SELECTIVE, PorterStemmer, candidates, document_frequencies, draw, words_of

SAMPLE_FINDINGS = 200_000  # enough for a share of 0.3% to be counted on ~600 findings; every n-th finding beyond
PG_STOP_WORDS = sorted(Path("/usr/share/postgresql").glob("*/tsearch_data/english.stop"))
CHUNK = 5000


def stop_words() -> set[str]:
    """PostgreSQL's english stop words (its search drops them; FTS5's porter keeps them)."""
    return set(PG_STOP_WORDS[-1].read_text().split()) if PG_STOP_WORDS else set()


def synonym_words() -> set[str]:
    """Single-word entries of the archive's synonym groups, with and without a plural "s": the archive widens those
    to their group, Datasette does not, so they would not be the same search on both sides."""
    found = set()
    for data in sorted(Path(__file__).resolve().parent.parent.joinpath("letters").rglob("synonyms.json")):
        for group in json.loads(data.read_text(encoding="utf-8")):
            for entry in group:
                words = words_of(str(entry))
                if len(str(entry).split()) == 1 and words:
                    word = words.pop()
                    found |= {word, word.removesuffix("s"), word + "s"}
    return found


def finding_texts(total: int):
    from letters.models import Finding

    step = max(1, -(-total // SAMPLE_FINDINGS))
    for position, text in enumerate(Finding.objects.order_by("id").values_list("text", flat=True).iterator(CHUNK)):
        if position % step == 0:
            yield text


def council_theme_pairs() -> list[list[str]]:
    from letters.models import FindingTheme

    pairs = FindingTheme.objects.values_list("finding__authority__slug", "theme__slug").distinct()
    return sorted([council, theme] for council, theme in pairs if council and theme)


def drawn(seed: int, rounds: int) -> dict:
    from letters.models import Finding

    total = Finding.objects.count()
    freq = document_frequencies(finding_texts(total), PorterStemmer())
    exclude = stop_words() | synonym_words()
    rng = random.Random(seed)
    broad = candidates(freq, BROAD, exclude)
    selective = candidates(freq, SELECTIVE, exclude)
    pairs = council_theme_pairs()
    # one more of each than the rounds need: the first serves to warm both servers up, untimed
    sets = {
        "broad": draw(broad, PER_KIND, rounds + 1, rng),
        "selective": draw(selective, PER_KIND, rounds + 1, rng),
        "pairs": draw(pairs, PER_KIND, rounds + 1, rng),
    }
    timed = [word for kind in ("broad", "selective") for chosen in sets[kind] for word in chosen]
    share = {word: freq.by_stem[freq.stem_of[word]] / freq.documents for word in timed}
    return {
        "seed": seed,
        "findings": total,
        "findings_read": freq.documents,
        "candidates": {"broad": len(broad), "selective": len(selective), "pairs": len(pairs)},
        "warmup": {kind: chosen[0] if chosen else [] for kind, chosen in sets.items()},
        "rounds": [
            {kind: sets[kind][i] for kind in sets} for i in range(1, min(len(chosen) for chosen in sets.values()))
        ],
        "share": {word: round(value, 5) for word, value in share.items()},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    django.setup()
    print(json.dumps(drawn(options.seed, options.rounds)))
