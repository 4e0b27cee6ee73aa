"""Reference data for children's services authorities and the date-aware name resolver (plain pytest)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import time
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.parsing.authorities import (
    DATA_FILE,
    KINDS,
    REGIONS,
    AuthorityIndex,
    AuthorityRecord,
    core_name,
    load_default_authorities,
    normalise_name,
)

FIELDS = ["name", "short_name", "slug", "gss_code", "region", "kind", "abolished", "replaced_by", "aliases"]
GSS = re.compile(r"^E0[6-9]\d{6}$|^E10\d{6}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> list[AuthorityRecord]:
    return load_default_authorities()


@pytest.fixture(scope="module")
def index(records) -> AuthorityIndex:
    return AuthorityIndex(records)


def slug_of(index: AuthorityIndex, name: str, on: date | None = None) -> str | None:
    record = index.resolve(name, on=on)
    return record.slug if record else None


# --- the JSON's shape -----------------------------------------------------------------------------


def test_every_object_has_exactly_the_agreed_fields_and_types(raw):
    assert isinstance(raw, list) and raw
    for item in raw:
        assert list(item) == FIELDS, item.get("slug")
        for field in ("name", "short_name", "slug", "gss_code", "region", "kind"):
            assert isinstance(item[field], str), (item["slug"], field)
        assert item["abolished"] is None or isinstance(item["abolished"], str)
        assert all(isinstance(value, str) and value.strip() == value and value for value in item["aliases"])
        assert all(isinstance(value, str) for value in item["replaced_by"])


def test_sorted_by_slug_and_slugs_unique_and_well_formed(raw):
    slugs = [item["slug"] for item in raw]
    assert slugs == sorted(slugs)
    assert len(slugs) == len(set(slugs))
    assert all(SLUG.match(slug) for slug in slugs)


def test_kinds_and_regions_are_from_the_fixed_lists(records):
    assert {record.kind for record in records} <= set(KINDS)
    assert {record.region for record in records} == set(REGIONS)


def test_abolished_dates_and_successors_agree(records):
    slugs = {record.slug for record in records}
    for record in records:
        assert all(successor in slugs for successor in record.replaced_by), record.slug
        assert record.slug not in record.replaced_by
        # A replaced body names its successors; a current one names none.
        assert bool(record.abolished) == bool(record.replaced_by), record.slug
        if record.abolished:
            assert date(2009, 4, 1) <= record.abolished <= date.today()


def test_gss_codes_are_well_formed_and_unique(records):
    codes = [record.gss_code for record in records if record.gss_code]
    assert all(GSS.match(code) for code in codes)
    assert not [code for code, count in Counter(codes).items() if count > 1]
    # Bodies abolished before GSS codes were introduced (2011) have none.
    blank = {record.slug for record in records if not record.gss_code}
    assert blank == {"bedfordshire", "cheshire"}


def test_counts(records):
    current = [record for record in records if record.is_current]
    assert 150 <= len(current) <= 156
    kinds = Counter(record.kind for record in current)
    assert kinds["london_borough"] == 32
    assert kinds["metropolitan_borough"] == 36
    assert kinds["sui_generis"] == 2
    assert len([record for record in current if record.region == "London"]) == 33
    assert len(records) - len(current) >= 10


@pytest.mark.parametrize(
    ("slug", "code"),
    [
        ("northamptonshire", "E10000021"),
        ("north-northamptonshire", "E06000061"),
        ("west-northamptonshire", "E06000062"),
        ("cumbria", "E10000006"),
        ("cumberland", "E06000063"),
        ("westmorland-and-furness", "E06000064"),
        ("north-yorkshire-county-council", "E10000023"),
        ("north-yorkshire", "E06000065"),
        ("somerset-county-council", "E10000027"),
        ("somerset", "E06000066"),
        ("dorset-county-council", "E10000009"),
        ("dorset", "E06000059"),
        ("bournemouth", "E06000028"),
        ("poole", "E06000029"),
        ("bournemouth-christchurch-and-poole", "E06000058"),
        ("buckinghamshire-county-council", "E10000002"),
        ("buckinghamshire", "E06000060"),
        ("city-of-london", "E09000001"),
        ("isles-of-scilly", "E06000053"),
        ("stoke-on-trent", "E06000021"),
        ("gateshead", "E08000037"),
        ("northumberland", "E06000057"),
    ],
)
def test_known_codes(index, slug, code):
    assert index.get(slug).gss_code == code


def test_reorganisations_are_recorded(index):
    def successors(slug):
        return set(index.get(slug).replaced_by), index.get(slug).abolished

    northamptonshire = {"north-northamptonshire", "west-northamptonshire"}
    assert successors("northamptonshire") == (northamptonshire, date(2021, 4, 1))
    assert successors("cumbria") == ({"cumberland", "westmorland-and-furness"}, date(2023, 4, 1))
    assert successors("north-yorkshire-county-council") == ({"north-yorkshire"}, date(2023, 4, 1))
    assert successors("somerset-county-council") == ({"somerset"}, date(2023, 4, 1))
    assert successors("bournemouth") == ({"bournemouth-christchurch-and-poole"}, date(2019, 4, 1))
    assert successors("poole") == ({"bournemouth-christchurch-and-poole"}, date(2019, 4, 1))
    assert successors("bedfordshire") == ({"bedford", "central-bedfordshire"}, date(2009, 4, 1))
    assert successors("cheshire") == ({"cheshire-east", "cheshire-west-and-chester"}, date(2009, 4, 1))
    assert index.established(index.get("somerset")) == date(2023, 4, 1)
    assert index.established(index.get("derby")) is None


def _lifetime(index: AuthorityIndex, record: AuthorityRecord) -> tuple[date, date]:
    return index.established(record) or date.min, record.abolished or date.max


def test_no_name_means_two_authorities_at_the_same_time(index, records):
    for normalise in (normalise_name, core_name):
        holders: dict[str, set[str]] = {}
        for record in records:
            for name in record.all_names:
                key = normalise(name)
                assert key, (record.slug, name)
                holders.setdefault(key, set()).add(record.slug)
        for key, slugs in holders.items():
            for first, second in itertools.combinations(sorted(slugs), 2):
                (a_start, a_end), (b_start, b_end) = (_lifetime(index, index.get(s)) for s in (first, second))
                assert a_end <= b_start or b_end <= a_start, f"{key!r} means both {first} and {second}"


def test_every_name_of_every_record_resolves_back_to_it(index, records):
    for record in records:
        on = record.abolished - timedelta(days=1) if record.abolished else date.today()
        for name in record.all_names:
            assert index.resolve(name, on=on) == record, (record.slug, name)
            if record.is_current:
                assert index.resolve(name) == record, (record.slug, name)


def test_default_list_is_cached_but_callers_cannot_corrupt_it():
    first = load_default_authorities()
    first.clear()
    assert load_default_authorities()
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_default_authorities()[0].name = "x"  # type: ignore[misc]


# --- resolve --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Stoke-on-Trent City Council", "stoke-on-trent"),
        ("Stoke-on-Trent children's services", "stoke-on-trent"),
        ("Stoke-on-Trent children\u2019s services", "stoke-on-trent"),
        ("Stoke-on-Trent", "stoke-on-trent"),
        ("Stoke on Trent", "stoke-on-trent"),
        ("STOKE-ON-TRENT CITY COUNCIL", "stoke-on-trent"),
        ("City of Stoke-on-Trent", "stoke-on-trent"),
        ("Luton Borough Council", "luton"),
        ("Luton children's services", "luton"),
        ("Luton local authority children's services", "luton"),
        ("Bournemouth, Christchurch and Poole", "bournemouth-christchurch-and-poole"),
        ("Bournemouth, Christchurch and Poole Council", "bournemouth-christchurch-and-poole"),
        ("the City of London Corporation", "city-of-london"),
        ("City of London", "city-of-london"),
        ("Corporation of London", "city-of-london"),
        ("Kingston upon Hull", "kingston-upon-hull"),
        ("Hull", "kingston-upon-hull"),
        ("Hull City Council", "kingston-upon-hull"),
        ("Kingston upon Hull City Council", "kingston-upon-hull"),
        ("Kingston upon Thames", "kingston-upon-thames"),
        ("Royal Borough of Kingston upon Thames", "kingston-upon-thames"),
        ("Bristol", "bristol"),
        ("Bristol City Council", "bristol"),
        ("City of Bristol", "bristol"),
        ("Bristol, City of", "bristol"),
        ("City of Bradford Metropolitan District Council", "bradford"),
        ("Bradford", "bradford"),
        ("Herefordshire Council", "herefordshire"),
        ("County of Herefordshire", "herefordshire"),
        ("Durham County Council", "durham"),
        ("County Durham", "durham"),
        ("London Borough of Hammersmith & Fulham", "hammersmith-and-fulham"),
        ("Hammersmith and Fulham", "hammersmith-and-fulham"),
        ("Royal Borough of Windsor and Maidenhead", "windsor-and-maidenhead"),
        ("Telford & Wrekin", "telford-and-wrekin"),
        ("Brighton & Hove", "brighton-and-hove"),
        ("Bath and North East Somerset", "bath-and-north-east-somerset"),
        ("Southend-on-Sea City Council", "southend-on-sea"),
        ("London Borough of Ealing", "ealing"),
        ("Ealing", "ealing"),
        ("Wolverhampton City Council", "wolverhampton"),
        ("City of Wolverhampton Council", "wolverhampton"),
        ("Redcar and Cleveland Borough Council", "redcar-and-cleveland"),
        ("Cheshire West and Chester Council", "cheshire-west-and-chester"),
        ("Derbyshire County Council", "derbyshire"),
        ("St Helens Borough Council", "st-helens"),
        ("St. Helens", "st-helens"),
        ("Stockton-on-Tees Borough Council", "stockton-on-tees"),
        ("North East Lincolnshire Council", "north-east-lincolnshire"),
        ("Council of the Isles of Scilly", "isles-of-scilly"),
        ("Westminster City Council", "westminster"),
        ("  the   Leeds City Council  ", "leeds"),
    ],
)
def test_resolve_names_as_letters_write_them(index, name, slug):
    assert slug_of(index, name) == slug


NOT_ONE_AUTHORITY = ["London", "Kingston", "Council", "City Council", "", "   ", "Narnia", "Cardiff"]


@pytest.mark.parametrize("name", NOT_ONE_AUTHORITY)
def test_resolve_gives_none_for_names_that_are_not_one_authority(index, name):
    assert index.resolve(name) is None


def test_resolve_non_text_gives_none(index):
    assert index.resolve(None) is None  # type: ignore[arg-type]
    assert index.search(None) is None  # type: ignore[arg-type]


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "on", "slug"),
    [
        ("Northamptonshire County Council", date(2019, 5, 1), "northamptonshire"),
        ("Northamptonshire", date(2019, 5, 1), "northamptonshire"),
        ("North Northamptonshire", date(2022, 1, 1), "north-northamptonshire"),
        ("Somerset", date(2019, 1, 1), "somerset-county-council"),
        ("Somerset", date(2023, 3, 31), "somerset-county-council"),
        ("Somerset", date(2023, 4, 1), "somerset"),
        ("Somerset County Council", date(2020, 1, 1), "somerset-county-council"),
        ("Dorset", date(2018, 6, 1), "dorset-county-council"),
        ("Dorset", date(2019, 4, 1), "dorset"),
        ("Dorset County Council", date(2015, 1, 1), "dorset-county-council"),
        ("North Yorkshire", date(2022, 1, 1), "north-yorkshire-county-council"),
        ("North Yorkshire County Council", date(2016, 1, 1), "north-yorkshire-county-council"),
        ("North Yorkshire", date(2024, 1, 1), "north-yorkshire"),
        ("Buckinghamshire", date(2019, 1, 1), "buckinghamshire-county-council"),
        ("Buckinghamshire", date(2021, 1, 1), "buckinghamshire"),
        ("Cumbria", date(2020, 1, 1), "cumbria"),
        ("Bournemouth", date(2017, 1, 1), "bournemouth"),
        ("Poole", date(2017, 1, 1), "poole"),
    ],
)
def test_on_picks_the_body_in_existence(index, name, on, slug):
    assert slug_of(index, name, on) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Somerset", "somerset"),
        ("Dorset", "dorset"),
        ("North Yorkshire", "north-yorkshire"),
        ("Buckinghamshire", "buckinghamshire"),
        # An explicit old name still means the old body when no date says otherwise.
        ("Northamptonshire County Council", "northamptonshire"),
        ("Somerset County Council", "somerset-county-council"),
        ("Cumbria", "cumbria"),
    ],
)
def test_without_a_date_the_current_body_wins(index, name, slug):
    assert slug_of(index, name) == slug


def test_after_abolition_a_name_follows_a_single_successor_but_not_a_split(index):
    assert slug_of(index, "Somerset County Council", date(2024, 1, 1)) == "somerset"
    assert slug_of(index, "Poole", date(2020, 1, 1)) == "bournemouth-christchurch-and-poole"
    # Split areas: nothing better than the name as written.
    assert slug_of(index, "Cumbria", date(2024, 1, 1)) == "cumbria"
    assert slug_of(index, "Northamptonshire", date(2022, 1, 1)) == "northamptonshire"


def test_exists_on(index):
    old, new = index.get("somerset-county-council"), index.get("somerset")
    assert index.exists_on(old, date(2023, 3, 31)) and not index.exists_on(old, date(2023, 4, 1))
    assert index.exists_on(new, date(2023, 4, 1)) and not index.exists_on(new, date(2023, 3, 31))
    assert index.exists_on(index.get("leeds"), date(2000, 1, 1))


# --- search ---------------------------------------------------------------------------------------


def test_search_finds_the_longest_name(index):
    text = "This letter is about Bath and North East Somerset. Somerset is next door."
    assert index.search(text).slug == "bath-and-north-east-somerset"
    assert index.search("Luton Borough Council children's services, 3 June 2015").slug == "luton"
    text = "Inspection of Somerset County Council children's services, with North Somerset colleagues"
    assert index.search(text, on=date(2016, 1, 1)).slug == "somerset-county-council"


def test_search_ties_go_to_the_earliest(index):
    assert index.search("Leeds and Luton met in Bury").slug == "leeds"
    assert index.search("Luton and Leeds").slug == "luton"
    assert index.search("Oldham, Bolton, Oldham").slug == "oldham"


def test_search_is_case_insensitive_and_word_bounded(index):
    assert index.search("INSPECTION OF SEFTON").slug == "sefton"
    assert index.search("inspection of sefton children's services").slug == "sefton"
    assert index.search("Kentucky and Essexshire") is None
    assert index.search("The Stoke-on-Trent team").slug == "stoke-on-trent"
    assert index.search("St. Helens, Merseyside").slug == "st-helens"


def test_search_ignores_everyday_words_unless_capitalised(index):
    assert index.search("We were reading case files in the hull of a ship") is None
    assert index.search("Inspection of Reading Borough Council").slug == "reading"


def test_search_ignores_names_inside_other_places(index):
    assert index.search("A Greater Manchester protocol") is None
    assert index.search("Schools in Newcastle-under-Lyme, Staffordshire").slug == "staffordshire"
    assert index.search("Newcastle upon Tyne City Council").slug == "newcastle-upon-tyne"


def test_search_with_a_date_prefers_an_authority_that_existed(index):
    text = "Inspection of Bedford Borough Council. The Bedfordshire Police attended."
    assert index.search(text, on=date(2015, 1, 1)).slug == "bedford"
    text = "Cumberland Council. Cumbria Constabulary took part."
    assert index.search(text, on=date(2024, 1, 1)).slug == "cumberland"
    assert index.search("Somerset children's services", on=date(2024, 1, 1)).slug == "somerset"
    assert index.search("Somerset children's services", on=date(2018, 1, 1)).slug == "somerset-county-council"


def test_search_finds_nothing_in_text_without_a_name(index):
    assert index.search("") is None
    assert index.search("The quality of practice has improved since the last inspection.") is None


def test_search_is_fast_on_a_long_letter(index):
    paragraph = (
        "Inspectors met senior leaders, social workers and partners including the police and health staff. "
        "Children in Kirklees who need help and protection are seen promptly; the Bolton panel was noted. "
    )
    text = paragraph * (20_000 // len(paragraph) + 1)
    assert len(text) >= 20_000
    index.search(text)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        assert index.search(text, on=date(2020, 1, 1)).slug == "kirklees"
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.02


# --- never raise ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), on=st.none() | st.dates())
def test_resolve_and_search_never_raise(index, text, on):
    for result in (index.resolve(text, on=on), index.search(text, on=on)):
        assert result is None or isinstance(result, AuthorityRecord)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.sampled_from(
            [
                "Somerset",
                "County",
                "Council",
                "of",
                "the",
                "City",
                "London",
                "&",
                "-",
                "'s",
                "children's",
                "Hull",
                "Kingston",
                "upon",
                "Thames",
                "Poole",
                ",",
                ".",
                "\u2019",
                "Greater",
                "Manchester",
                "Reading",
                "\n",
            ]
        ),
        max_size=12,
    ),
    on=st.none() | st.dates(),
)
def test_name_like_noise_never_raises(index, parts, on):
    text = " ".join(parts)
    index.resolve(text, on=on)
    index.search(text, on=on)
