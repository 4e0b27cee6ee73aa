from datetime import date

import pytest

from letters.parsing.dates import find_visit_dates, parse_single


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("was conducted on 2 and 3 June 2010.", ["2010-06-02", "2010-06-03"]),
        ("services on 31 July and 1 August 2024.", ["2024-07-31", "2024-08-01"]),
        ("between 3 and 5 November 2020", ["2020-11-03", "2020-11-04", "2020-11-05"]),
        ("on 22–23 October 2019.", ["2019-10-22", "2019-10-23"]),
        ("on 15, 16 and 21 July 2025.", ["2025-07-15", "2025-07-16", "2025-07-21"]),
        ("on 24 October 2018.", ["2018-10-24"]),
        ("on 7 to 8 December 2021", ["2021-12-07", "2021-12-08"]),
        ("on 30 December 2019 and 2 January 2020", ["2019-12-30", "2020-01-02"]),
        ("on 1st and 2nd March 2011", ["2011-03-01", "2011-03-02"]),
    ],
)
def test_visit_dates_cover_every_wording(text, expected):
    assert [d.isoformat() for d in find_visit_dates(text)] == expected


def test_a_date_that_does_not_exist_gives_nothing():
    assert find_visit_dates("on 31 February 2020") == []
    assert parse_single("31 February 2020") is None


def test_single_date():
    assert parse_single("Dated 1 July 2010, Bristol") == date(2010, 7, 1)
