"""``letter_path``: the path ``reverse`` gives, for plain values and for any other."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

from letters.letter_paths import letter_path


def _reversed(council: str, key: str) -> str:
    return reverse("letters:letter", kwargs={"council": council, "key": key})


@given(
    council=st.text(alphabet="abcxyz019-_", min_size=1, max_size=20),
    key=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=20),
)
def test_letter_path_is_what_reverse_gives(council, key):
    try:
        expected = _reversed(council, key)
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            letter_path(council, key)
        return
    assert letter_path(council, key) == expected


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_letter_path_follows_the_script_prefix(prefix):
    set_script_prefix(prefix)
    try:
        assert letter_path("leeds", "2024-03-05-2") == _reversed("leeds", "2024-03-05-2")
        assert letter_path("leeds", "2024-03-05-2").startswith(prefix)
    finally:
        set_script_prefix("/")
