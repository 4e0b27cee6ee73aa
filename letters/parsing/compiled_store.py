"""Where compiled matchers are kept between runs: bytes under a key, one file each in a folder, written whole or not
at all. Plain Python (the parser's worker processes use it without Django); what the folder is, the services say.

A store only saves time: a file that cannot be read or written is as if it were not there."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_KEY = re.compile(r"[0-9a-f]{16,128}")


class FolderStore:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a store key (hex digits): {key!r}")
        return self.folder / key

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def load(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def save(self, key: str, data: bytes) -> None:
        """Written to a temporary file in the folder, then renamed over the key's: a reader sees all of it or none."""
        target = self._path(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return
