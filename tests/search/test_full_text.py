"""Full-text search through the one entry (``Finding.objects.search``) and the backend interface beneath it, run
unchanged on SQLite (FTS5) and PostgreSQL (tsvector): the same data gives the same results, which are checked against
counts made here in Python from the findings' text."""

import re

import pytest
from django.db import connection

from letters import search
from letters.models import Finding, Inspection
from letters.search.query import parse_query, to_fts5

pytestmark = pytest.mark.django_db


def python_count(pattern: str, exclude: str | None = None, findings=None) -> int:
    texts = (findings if findings is not None else Finding.objects.all()).values_list("text", flat=True)
    return sum(1 for t in texts if re.search(pattern, t, re.I) and not (exclude and re.search(exclude, t, re.I)))


@pytest.mark.parametrize(
    ("query", "pattern", "exclude"),
    [
        ("domestic", r"\bdomestic", None),
        ("supervision", r"\bsupervis(ion|ions)\b", None),
        ('"strategy discussions"', r"\bstrateg(y|ies) discussions?\b", None),
        ("domestic -police", r"\bdomestic", r"\bpolice\b"),
        ("caseloads OR morale", r"\b(caseloads?|morale)\b", None),
        ("assessments timely", r"(?=.*\bassessments?\b)(?=.*\btimely\b)", None),
    ],
)
def test_full_text_matches_what_the_words_say_on_either_database(archive, query, pattern, exclude):
    expected = python_count(pattern, exclude)
    assert expected > 0
    assert search.match(Finding.objects.all(), query).count() == expected
    assert Finding.objects.search(query).count() == expected


def test_the_queryset_search_is_the_backend_match_and_no_words_is_every_row(archive):
    assert (
        Finding.objects.search("  domestic   abuse ").count()
        == search.match(Finding.objects.all(), "domestic abuse").count()
        > 0
    )
    assert Finding.objects.search("").count() == Finding.objects.count()
    assert Inspection.objects.search("   ").count() == Inspection.objects.count()
    stoke = Finding.objects.filter(authority__slug="stoke-on-trent")
    assert stoke.search("domestic").count() == python_count(r"\bdomestic", findings=stoke) > 0


def test_ranked_results_put_denser_hits_first(archive):
    ranked = list(search.rank(search.match(Finding.objects.all(), "domestic"), "domestic").order_by("-rank"))
    assert ranked and all(a.rank >= b.rank for a, b in zip(ranked, ranked[1:], strict=False))
    via_queryset = list(Finding.objects.search("domestic").ranked("domestic").order_by("-rank", "pk"))
    assert [f.pk for f in via_queryset] == [f.pk for f in sorted(ranked, key=lambda f: (-f.rank, f.pk))]


def test_letters_search_finds_whole_letters(archive):
    assert search.match(Inspection.objects.all(), "Menghini").count() == 1
    assert search.match(Inspection.objects.all(), '"contact, referral and assessment"').count() == 4
    assert Inspection.objects.search("Menghini").count() == 1


def test_odd_queries_never_raise(archive):
    for query in ['"', '"unterminated phrase', "a:b", "(((", "NEAR(x y)", "*", "-", "OR", "- OR -", "x OR", "^c", "'"]:
        list(search.match(Finding.objects.all(), query)[:5])
        list(Finding.objects.search(query)[:5])


def test_snippets_escape_letter_text_then_mark_the_hits(archive):
    letter = Inspection.objects.first()
    finding = Finding.objects.create(
        inspection=letter,
        section="narrative",
        position=99,
        authority=letter.authority,
        year=letter.year,
        text='Leaders <script>alert("x")</script> use <b onmouseover="evil()">audits</b> of domestic abuse.',
    )
    html = search.snippets(Finding.objects.all(), [finding.pk], "domestic", "text", whole=True)[finding.pk]
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html
    assert "<mark>domestic</mark>" in html


def test_query_parser_quotes_everything_for_fts5():
    assert to_fts5('"strategy meeting" -police') == ('("strategy meeting") NOT ("police")', None)
    assert to_fts5("neglect OR exploitation") == ('("neglect" OR "exploitation")', None)
    assert to_fts5("-police") == (None, '"police"')
    assert to_fts5('a"b:c') == ('"a b c"', None)  # punctuation inside a word joins its parts as a phrase
    assert parse_query("") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage of letters' tsvectors")
def test_letters_vectors_are_stored_in_the_table_not_in_toast(archive):
    """Ranking a broad word reads every matching letter's vector: they must live in the table's own pages."""

    def toast_bytes(cursor) -> int:
        cursor.execute("SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = 'letters_inspection'")
        return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'letters_inspection'::regclass "
            "AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == "m"
        cursor.execute("SELECT count(*) FROM letters_inspection WHERE pg_column_size(search_vector) > 2000")
        assert cursor.fetchone()[0] >= 4  # over TOAST's threshold, so PostgreSQL's default would move them out
        in_line = toast_bytes(cursor)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred foreign-key checks pending before ALTER
        cursor.execute("ALTER TABLE letters_inspection ALTER COLUMN search_vector SET STORAGE EXTENDED")
        cursor.execute("UPDATE letters_inspection SET search_vector = search_vector || ''::tsvector")
        assert toast_bytes(cursor) > in_line  # rolled back with the test's transaction


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ts_headline's window; FTS5's snippet reads its index")
@pytest.mark.parametrize("sentence", ["Work to safeguard children is strong.", "Safeguarding is strong."])
def test_a_long_letters_snippet_shows_a_hit_far_into_it_from_a_window_around_it(archive, sentence):
    from letters.search.postgres import WINDOW

    letter = Inspection.objects.first()
    filler = "Leaders meet regularly with partners to review plans. " * 200  # 10,800 characters, no hit
    Inspection.objects.filter(pk=letter.pk).update(cleaned_text=f"{filler}{sentence} {filler}")
    snippet = search.snippets(Inspection.objects.all(), [letter.pk], "safeguards", "cleaned_text", whole=False)
    assert re.search(r"<mark>[Ss]afeguard(ing)?</mark>", snippet[letter.pk])
    assert len(snippet[letter.pk]) < WINDOW


def _lexemes_apart(cursor) -> list[int]:
    """The letters whose stored vector does not hold exactly the words of their whole text."""
    cursor.execute(
        "SELECT id FROM letters_inspection WHERE tsvector_to_array(search_vector) IS DISTINCT FROM "
        "tsvector_to_array(to_tsvector('english', left(cleaned_text, 200000)))"
    )
    return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's letter vectors joined from findings'")
def test_a_letter_s_vector_holds_the_words_of_its_whole_text_though_made_from_its_findings(archive):
    """The ingest writes a letter's findings first and the letter's vector joins their vectors (search/schema.py):
    the words must be those of reading the letter's whole text."""
    with connection.cursor() as cursor:
        assert Inspection.objects.count() == 5
        assert _lexemes_apart(cursor) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's letter vectors joined from findings'")
def test_a_letter_s_vector_takes_only_findings_found_whole_in_its_text(archive):
    """A finding inside a word, one no longer in the text, and text around characters of several bytes: the
    letter's words are still exactly its text's."""
    letter = Inspection.objects.first()
    body = (
        "Dear Ms Été, thank you. Leaders are thinkingwell about practice.\n"
        "Managers review plans – weekly.\nThe zebra paragraph is here.\nClosing café words."
    )
    Finding.objects.filter(inspection=letter).delete()
    for position, text in enumerate(
        ["well about practice.", "Managers review plans", "Quasar unicorn narwhal.", "The zebra paragraph is here."],
        start=1,
    ):
        Finding.objects.create(
            inspection=letter, position=position, section="strength", text=text, authority_id=letter.authority_id
        )
    Inspection.objects.filter(pk=letter.pk).update(cleaned_text=body)  # the trigger reads the vector again
    with connection.cursor() as cursor:
        assert _lexemes_apart(cursor) == []
        cursor.execute("SELECT tsvector_to_array(search_vector) FROM letters_inspection WHERE id = %s", [letter.pk])
        words = set(cursor.fetchone()[0])
    assert {"zebra", "thinkingwel", "café"} <= words  # the whole finding's, the cut word's, the last piece's
    assert not {"quasar", "unicorn", "narwhal"} & words  # a finding not in the text lends it no words


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's letter vectors joined from findings'")
def test_a_letter_with_more_findings_than_are_joined_still_holds_every_word(archive):
    from letters.search.schema import JOINED_FINDINGS

    letter = Inspection.objects.first()
    Finding.objects.filter(inspection=letter).delete()
    texts = [f"Finding {n} names zebra{n} and the partnership." for n in range(1, JOINED_FINDINGS + 11)]
    Finding.objects.bulk_create(
        Finding(inspection=letter, position=n, section="strength", text=text, authority_id=letter.authority_id)
        for n, text in enumerate(texts, start=1)
    )
    Inspection.objects.filter(pk=letter.pk).update(cleaned_text="Dear Ms Lee,\n\n" + "\n\n".join(texts))
    with connection.cursor() as cursor:
        assert _lexemes_apart(cursor) == []
        cursor.execute("SELECT %s = ANY(tsvector_to_array(search_vector)) FROM letters_inspection WHERE id = %s",
                       [f"zebra{JOINED_FINDINGS + 10}", letter.pk])  # fmt: skip
        assert cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's letter vectors joined from findings'")
def test_a_letter_s_vector_joined_in_pairs_is_its_findings_vectors_joined_in_order(archive):
    """The trigger joins the pieces two of a size at a time: the result, positions included, must be the findings'
    vectors joined one after another in their order (37 pieces: a count that is no power of two)."""
    letter = Inspection.objects.first()
    Finding.objects.filter(inspection=letter).delete()
    texts = [f"Finding {n} names zebra{n} beside the partnership {'and quagga ' * (n % 4)}" for n in range(1, 38)]
    Finding.objects.bulk_create(
        Finding(inspection=letter, position=n, section="strength", text=text, authority_id=letter.authority_id)
        for n, text in enumerate(texts, start=1)
    )
    Inspection.objects.filter(pk=letter.pk).update(cleaned_text="\n\n".join(texts))
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector FROM letters_finding WHERE inspection_id = %s ORDER BY position",
                       [letter.pk])  # fmt: skip
        vectors = [row[0] for row in cursor.fetchall()]
        chain = " || ".join(["%s::tsvector"] * len(vectors))
        cursor.execute(f"SELECT ({chain})::text", vectors)  # noqa: S608 - only placeholders
        one_by_one = cursor.fetchone()[0]
        cursor.execute("SELECT search_vector::text FROM letters_inspection WHERE id = %s", [letter.pk])
        assert cursor.fetchone()[0] == one_by_one
    assert "'zebra37':364" in one_by_one  # the last finding's word, after all the others'
