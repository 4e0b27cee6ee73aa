"""letters/parsing/compiled_store.py: bytes kept under a key, written whole; a store that cannot be read or written
is as if it were empty."""

import os

import pytest

from letters.parsing.compiled_store import FolderStore

KEY = "ab" * 32


def test_what_is_saved_is_loaded_back_whole(tmp_path):
    store = FolderStore(tmp_path / "made" / "on" / "demand")
    assert not store.has(KEY) and store.load(KEY) is None
    store.save(KEY, b"\x00compiled\xff" * 1000)
    assert store.has(KEY) and store.load(KEY) == b"\x00compiled\xff" * 1000
    store.save(KEY, b"replaced")
    assert store.load(KEY) == b"replaced"
    assert [path.name for path in (tmp_path / "made" / "on" / "demand").iterdir()] == [KEY]  # no temporary left


@pytest.mark.parametrize("key", ["../escape", "", "ABCDEF0123456789", "0" * 8, "zz" * 16])
def test_a_key_is_hex_digits_never_a_path(tmp_path, key):
    with pytest.raises(ValueError):
        FolderStore(tmp_path).has(key)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_that_cannot_be_written_only_costs_the_saving(tmp_path):
    tmp_path.chmod(0o500)
    try:
        store = FolderStore(tmp_path / "inside")
        store.save(KEY, b"data")
        assert store.load(KEY) is None
    finally:
        tmp_path.chmod(0o700)


def test_a_file_where_the_folder_should_be_only_costs_the_saving(tmp_path):
    (tmp_path / "taken").write_text("a file")
    store = FolderStore(tmp_path / "taken")
    store.save(KEY, b"data")
    assert store.load(KEY) is None and not store.has(KEY)
