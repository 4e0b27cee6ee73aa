"""The headline's words: drawn by document frequency among findings, stem by stem, seeded (bench/words.py)."""

import random

from bench.words import (
    BROAD,
    SELECTIVE,
    PorterStemmer,
    band_text,
    candidates,
    document_frequencies,
    draw,
    words_of,
)


def plural_stem(word: str) -> str:
    return word.removesuffix("s")


def texts(counts: dict[str, int], total: int) -> list[str]:
    """``total`` findings; the word ``w`` in the first ``counts[w]`` of them."""
    return [" ".join(["filler"] + [word for word, n in counts.items() if i < n]) for i in range(total)]


def test_a_word_counts_once_per_finding_however_often_it_appears():
    freq = document_frequencies(["plan plan plan", "plan", "other words"], plural_stem)
    assert freq.documents == 3
    assert freq.by_word["plan"] == 2


def test_forms_of_one_stem_count_together_as_one_word():
    freq = document_frequencies(["plans here", "plan there", "nothing"], plural_stem)
    assert freq.by_stem["plan"] == 2
    assert (freq.by_word["plan"], freq.by_word["plans"]) == (1, 1)


def test_short_words_digits_and_case_are_not_words():
    assert words_of("The MASH met 12 times; Supervision, supervision-led") == {"mash", "times", "supervision"}


def test_candidates_are_the_stems_whose_share_lies_in_the_band():
    freq = document_frequencies(texts({"neglect": 10, "escalation": 1, "rare": 0, "everywhere": 100}, 100), str)
    assert candidates(freq, (0.08, 0.25)) == ["neglect"]
    assert candidates(freq, (0.005, 0.02)) == ["escalation"]


def test_both_ends_of_the_band_are_in_it():
    freq = document_frequencies(texts({"lower": 8, "upper": 25, "below": 7, "above": 26}, 100), str)
    assert candidates(freq, (0.08, 0.25)) == ["lower", "upper"]


def test_a_stem_is_searched_as_its_commonest_form():
    freq = document_frequencies(texts({"plans": 12, "plan": 3}, 100), plural_stem)
    assert candidates(freq, BROAD) == ["plans"]


def test_a_stem_with_an_excluded_form_is_left_out():
    freq = document_frequencies(texts({"plans": 12, "plan": 3, "audits": 10}, 100), plural_stem)
    assert candidates(freq, BROAD, exclude={"plan"}) == ["audits"]


def test_the_draw_is_seeded_and_its_rounds_are_disjoint():
    items = [f"word{i:02}" for i in range(40)]
    first = draw(items, 8, 3, random.Random(7))
    assert first == draw(items, 8, 3, random.Random(7))
    assert first != draw(items, 8, 3, random.Random(8))
    assert [len(chosen) for chosen in first] == [8, 8, 8]
    assert len({item for chosen in first for item in chosen}) == 24


def test_the_draw_gives_fewer_rounds_when_items_run_short():
    assert len(draw(list("abcdefghijklmnopq"), 8, 5, random.Random(1))) == 2
    assert draw(list("abc"), 8, 1, random.Random(1)) == []


def test_the_porter_stemmer_is_fts5s():
    stem = PorterStemmer()
    assert stem("planning") == stem("planned") == stem("plans") == "plan"
    assert stem("supervision") == stem("supervision")  # remembered, and the same again
    assert stem("children") != stem("child")  # porter's, not a lemmatiser


def test_bands_read_as_the_issue_writes_them():
    assert band_text(BROAD) == "8–25%"
    assert band_text(SELECTIVE) == "0.3–2%"


def test_a_rounds_items_do_not_depend_on_how_many_rounds_are_drawn():
    items = [f"word{i:02}" for i in range(40)]
    assert draw(items, 8, 1, random.Random(3))[0] == draw(items, 8, 4, random.Random(3))[0]
