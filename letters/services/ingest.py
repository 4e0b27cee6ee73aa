"""Ingest letter files (text or PDF): one transaction per letter, unchanged files skipped by hash, bad files kept
and reported, a PDF's bytes kept beside the letter read from it."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.db import DatabaseError, IntegrityError, connection

from letters.models import Inspection, RejectedFile
from letters.parsing import PARSER_VERSION, parse
from letters.parsing.themes import ThemeMatcher, rules_from_dicts
from letters.services.changes import Run
from letters.services.known_files import KnownFiles
from letters.services.originals import drop_original, is_pdf, keep_originals
from letters.services.parse_pool import ParsePool
from letters.services.reference_index import authority_index_from_db, compiled_rules_folder, theme_rules_as_dicts
from letters.services.store import Lookups, sha256_of, store_new_letters, store_parsed_letter

ADDED, UPDATED, UNCHANGED, REJECTED = "added", "updated", "unchanged", "rejected"
TEXT_SUFFIXES = (".txt", ".text")
PDF_SUFFIX = ".pdf"
LETTER_SUFFIXES = (*TEXT_SUFFIXES, PDF_SUFFIX)
MAX_REJECTED_BYTES = 20 * 1024 * 1024


@dataclass
class IngestOutcome:
    path: str
    status: str
    inspection_id: int | None = None
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SkippedFile:
    path: Path
    reason: str


def letter_files(paths: Iterable[str | os.PathLike], skipped: list[SkippedFile] | None = None) -> Iterator[Path]:
    """Files named on the command line, and the letter files (*.txt, *.pdf) anywhere under the folders named, in
    sorted order. Folders are walked as the files are wanted: only one folder's names are held at a time.

    Other files in a folder are not read; each is added to ``skipped`` (when given) with the reason. Where a folder
    holds the same letter as ``X.pdf`` and ``X.txt``, the PDF is read and the text skipped: one letter, not two,
    and the PDF's layout gives its paragraphs."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, skipped)
        else:
            yield path


def _walk(folder: Path, skipped: list[SkippedFile] | None) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        if skipped is not None:
            skipped.append(SkippedFile(folder, f"the folder cannot be read ({error.strerror or error})"))
        return
    names = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
    del entries
    pdf_stems = {Path(name).stem for name, is_dir in names if not is_dir and name.lower().endswith(PDF_SUFFIX)}
    for name, is_dir in names:
        if is_dir:
            yield from _walk(folder / name, skipped)
            continue
        reason = _skip_reason(folder, name, pdf_stems)
        if reason is None:
            yield folder / name
        elif skipped is not None:
            skipped.append(SkippedFile(folder / name, reason))


def _skip_reason(folder: Path, name: str, pdf_stems: set[str]) -> str | None:
    suffix = Path(name).suffix.lower()
    if name.startswith("."):
        return "a hidden file"
    if suffix not in LETTER_SUFFIXES:
        kind = f"a {suffix} file" if suffix else "a file without a suffix"
        return f"{kind}, not a letter: only *.txt and *.pdf files are read"
    if not (folder / name).is_file():
        return "not a regular file"
    if suffix in TEXT_SUFFIXES and Path(name).stem in pdf_stems:
        return f"the same letter as {Path(name).stem}{PDF_SUFFIX} beside it, which is read instead (its layout)"
    return None


def twin_names(name: str) -> list[str]:
    """The names the same letter has in its other format: ``X.pdf`` for ``X.txt`` and the other way round."""
    path = Path(name)
    if path.suffix.lower() == PDF_SUFFIX:
        return [path.stem + suffix for suffix in TEXT_SUFFIXES]
    if path.suffix.lower() in TEXT_SUFFIXES:
        return [path.stem + PDF_SUFFIX]
    return []


def _names_and_twins(paths: Iterable[Path]) -> list[str]:
    return [name for path in paths for name in (path.name, *twin_names(path.name))]


# A batch is written in one go (a few queries and one commit whatever its size), so larger batches cost less a
# letter: the 5k bench corpus 64 -> 192 letters a batch, 7.30-7.61 -> 6.98-7.17 ms of CPU a letter (no gain past
# that). The first batch is small, so that the workers' first results come soon, and each next one twice as large; a
# batch also ends at WINDOW_BYTES of files (PDFs are ~50 times larger than their text), so memory stays flat.
WINDOW_FIRST = 32
WINDOW_MOST = 256
WINDOW_BYTES = 16 * 1024 * 1024
# Batches given to the workers before the oldest is written: with one, the workers sat idle whenever they finished
# before this process had written the batch before (5k corpus, alternated: 21.0-22.0 -> 20.8-21.4 s).
BATCHES_AHEAD = 2
# The workers have nothing to do while the last batches are written, so when the number of files is known the batches
# shrink again towards the end: none holds more than this share of the files still to come (WINDOW_FIRST at least).
# (5k corpus: the last two batches of 256 and 168 kept the workers idle for ~1.8 s of a 25 s run.)
TAIL_SHARE = 4


def _windows(
    paths: Iterable[Path], most: int, most_bytes: int = WINDOW_BYTES, expected: int | None = None
) -> Iterator[list[Path]]:
    """``paths`` in batches: WINDOW_FIRST, then twice as many each time up to ``most`` (and ``most_bytes``); with
    ``expected``, the number of files to come, no more than 1/TAIL_SHARE of those left as the end nears."""
    grow = min(WINDOW_FIRST, most)
    taken = 0

    def size_now() -> int:
        if expected is None:
            return grow
        return min(grow, max(WINDOW_FIRST, (expected - taken) // TAIL_SHARE))

    size = size_now()
    window: list[Path] = []
    held = 0
    for path in paths:
        window.append(path)
        held += _size_of(path)
        if len(window) >= size or held >= most_bytes:
            yield window
            taken += len(window)
            window, held = [], 0
            grow = min(2 * grow, most)
            size = size_now()
    if window:
        yield window


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say why


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0][:200] if error and str(error).strip() else "no detail"


def relax_commit_durability() -> None:
    """On PostgreSQL, let this transaction's COMMIT return before its WAL reaches disk.

    Each letter stays atomic and the database consistent; a server crash can lose only the last moments of an ingest
    (PostgreSQL's synchronous_commit=off), which re-running the idempotent ingest restores. It removes a disk flush
    per letter, the largest single cost of a bulk ingest.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


class Ingestor:
    """Ingest many files with the reference data and themes read once, and what the archive already holds read
    for each window of files."""

    def __init__(self) -> None:
        self.authorities = authority_index_from_db()
        # The curators' theme rules, read once: the parser workers and this process's matcher use the same.
        self.theme_rules = theme_rules_as_dicts()
        self.lookups = Lookups.load()
        # The cheap "unchanged" check: what the archive holds for the names and hashes at hand, a window at a time.
        self.known = KnownFiles()
        self.run = Run()  # each call's writes, so that the count tables are recounted once per call

    @cached_property
    def themes(self) -> ThemeMatcher:
        """Compiled when first needed (~0.1 s): a run whose letters the workers parse never needs it here."""
        return ThemeMatcher(rules_from_dicts(self.theme_rules))

    def ingest_path(self, path: Path) -> IngestOutcome:
        try:
            raw = path.read_bytes()
        except OSError as error:
            return IngestOutcome(str(path), REJECTED, reasons=[f"cannot read the file: {error.strerror or error}"])
        return self.ingest_bytes(raw, source_name=path.name, source_path=str(path))

    def ingest_bytes(self, raw: bytes, *, source_name: str, source_path: str) -> IngestOutcome:
        digest = sha256_of(raw)
        self.known.prefetch([source_name, *twin_names(source_name)], [digest])
        skipped = self._skip(digest, source_name, source_path)
        if skipped is not None:
            return skipped
        parsed = parse(raw, authorities=self.authorities, themes=self.themes)
        self.run = Run()
        outcome = self._store(raw, digest, parsed, source_name, source_path)
        self.run.finish()
        return outcome

    def ingest_many(
        self, paths: Iterable[Path], *, workers: int = 1, batch: int = WINDOW_MOST, expected: int | None = None
    ) -> Iterator[IngestOutcome]:
        """Ingest files in order, in batches of up to ``batch`` files (see WINDOW_FIRST). Workers parse the next
        batches while this process writes the oldest (BATCHES_AHEAD); only three batches are ever in memory, whatever
        the corpus or archive size; ``expected``, the number of paths when known, shrinks the last batches (see
        TAIL_SHARE). The count tables are brought up to date at the end (also when nothing changed but a run killed
        earlier left them behind)."""
        self.run = Run(heal=True)
        yield from self._ingest_many(paths, workers, batch, expected)
        self.run.finish()

    def _ingest_many(
        self, paths: Iterable[Path], workers: int, batch: int, expected: int | None
    ) -> Iterator[IngestOutcome]:
        with ParsePool(workers, list(self.authorities.records), self.theme_rules, compiled_rules_folder()) as pool:
            in_flight: deque = deque()
            for window in _windows(paths, batch, expected=expected):
                readable = []
                for path in window:
                    try:
                        raw = path.read_bytes()
                    except OSError as error:
                        yield IngestOutcome(str(path), REJECTED, reasons=[f"cannot read the file: {error.strerror}"])
                        continue
                    readable.append((raw, sha256_of(raw), path))
                self.known.prefetch(_names_and_twins(path for _, _, path in readable), [d for _, d, _ in readable])
                pending = []
                for raw, digest, path in readable:
                    skipped = self._skip(digest, path.name, str(path))
                    if skipped is not None:
                        yield skipped
                    else:
                        pending.append((raw, digest, path))
                if pending:
                    in_flight.append((pending, pool.submit([raw for raw, _, _ in pending])))
                    if len(in_flight) > BATCHES_AHEAD:
                        yield from self._store_batch(*in_flight.popleft())
            while in_flight:
                yield from self._store_batch(*in_flight.popleft())

    def _store_batch(self, pending: list[tuple[bytes, str, Path]], parsing) -> Iterator[IngestOutcome]:
        """Write a parsed batch: letters new to the archive together, the rest (and any failure) one by one."""
        fresh, rest = [], []
        seen_names, seen_digests = set(), set()
        parsed_batch = parsing.get()
        # Read again: the batch written just before this one (or another ingest) may hold some of these files.
        self.known.prefetch(_names_and_twins(path for _, _, path in pending), [digest for _, digest, _ in pending])
        for (raw, digest, path), parsed in zip(pending, parsed_batch, strict=True):
            is_new = (
                parsed.ok
                and parsed.authority is not None
                and parsed.authority.slug in self.lookups.authorities
                and path.name not in self.known
                and not any(name in self.known for name in twin_names(path.name))
                and self.known.twin(digest) is None
                and path.name not in seen_names
                and not any(name in seen_names for name in twin_names(path.name))  # its twin earlier in the batch
                and digest not in seen_digests
            )
            (fresh if is_new else rest).append((raw, digest, path, parsed))
            seen_names.add(path.name)
            seen_digests.add(digest)
        if fresh:
            try:
                with self.run.transaction() as touched:
                    relax_commit_durability()
                    stored = store_new_letters([(p, d, path.name) for _, d, path, p in fresh], lookups=self.lookups)
                    keep_originals((letter.pk, raw) for (raw, _, _, _), letter in zip(fresh, stored, strict=True))
                    touched.councils(*(letter.authority_id for letter in stored))
            except DatabaseError:
                # Another ingest got there first, or one letter the database refuses: settle each on its own,
                # with the lookups read again (rows this batch created were rolled back with it).
                self.lookups = Lookups.load()
                rest = fresh + rest
            else:
                for (_, digest, path, parsed), inspection in zip(fresh, stored, strict=True):
                    self.known.remember(path.name, digest, PARSER_VERSION)
                    yield IngestOutcome(str(path), ADDED, inspection_id=inspection.pk, warnings=parsed.warnings)
        for raw, digest, path, parsed in rest:
            # A file repeated within the batch: the first copy decides, as it would one file at a time.
            skipped = self._skip(digest, path.name, str(path))
            yield skipped if skipped is not None else self._store(raw, digest, parsed, path.name, str(path))

    def _skip(self, digest: str, source_name: str, source_path: str) -> IngestOutcome | None:
        """The cheap checks that need no parse: the same file again, or the same bytes under another name."""
        if self.known.get(source_name) == (digest, PARSER_VERSION):
            return IngestOutcome(source_path, UNCHANGED)
        twin = self.known.twin(digest)
        if twin is not None and twin != source_name:
            return IngestOutcome(source_path, UNCHANGED, warnings=[f"the same bytes were already ingested as {twin}"])
        if source_name not in self.known and not source_name.lower().endswith(PDF_SUFFIX):
            pdf = next((name for name in twin_names(source_name) if name in self.known), None)
            if pdf is not None:
                return IngestOutcome(
                    source_path, UNCHANGED, warnings=[f"the same letter is in the archive from its PDF, {pdf}"]
                )
        return None

    def _store(self, raw: bytes, digest: str, parsed, source_name: str, source_path: str) -> IngestOutcome:
        if not parsed.ok:
            self._keep_rejected(raw, digest, source_name, source_path, parsed.errors)
            return IngestOutcome(source_path, REJECTED, reasons=parsed.errors, warnings=parsed.warnings)
        if parsed.authority is None or parsed.authority.slug not in self.lookups.authorities:
            reasons = [f"council '{parsed.authority.name if parsed.authority else '?'}' is not in the database"]
            self._keep_rejected(raw, digest, source_name, source_path, reasons)
            return IngestOutcome(source_path, REJECTED, reasons=reasons)
        for attempt in range(2):
            try:
                status, inspection = self._write(raw, parsed, digest, source_name)
                break
            except IntegrityError as error:
                # Another ingest wrote the same letter (or URL) at the same moment: read its work and try once more.
                twin = Inspection.objects.filter(sha256=digest).exclude(source_name=source_name).first()
                if twin is not None:
                    self.known.remember_twin(digest, twin.source_name)
                    return self._skip(digest, source_name, source_path)
                self.lookups = Lookups.load()
                self.known.mark_existing(source_name)
                if attempt:
                    return self._refused(raw, digest, source_name, source_path, parsed, error)
            except DatabaseError as error:
                self.lookups = Lookups.load()
                return self._refused(raw, digest, source_name, source_path, parsed, error)
        self.known.remember(source_name, digest, PARSER_VERSION)
        return IngestOutcome(source_path, status, inspection_id=inspection.pk, warnings=parsed.warnings)

    def _write(self, raw: bytes, parsed, digest: str, source_name: str) -> tuple[str, Inspection]:
        with self.run.transaction() as touched:
            relax_commit_durability()
            current = (
                Inspection.objects.select_for_update().filter(source_name=source_name).first()
                if source_name in self.known
                else None
            )
            if current is None and is_pdf(raw):
                # The letter's PDF where its text was ingested before: the PDF takes the text's place.
                text_twin = next((name for name in twin_names(source_name) if name in self.known), None)
                if text_twin is not None:
                    current = Inspection.objects.select_for_update().filter(source_name=text_twin).first()
                    if current is not None:
                        current.source_name = source_name
            if current is not None and current.sha256 == digest and current.parser_version == PARSER_VERSION:
                touched.changed = False
                return UNCHANGED, current
            previous_council = current.authority_id if current is not None else None
            inspection = store_parsed_letter(
                parsed,
                digest=digest,
                source_name=source_name,
                lookups=self.lookups,
                current=current,
                themes_for=self.themes.match,
            )
            if is_pdf(raw):
                keep_originals([(inspection.pk, raw)])
            elif current is not None:
                drop_original(inspection.pk)
            touched.councils(previous_council, inspection.authority_id)
            return (UPDATED if current is not None else ADDED), inspection

    def _refused(
        self, raw: bytes, digest: str, source_name: str, source_path: str, parsed, error: Exception
    ) -> IngestOutcome:
        """The database refused the letter (a value out of its range, say): keep the file and say why."""
        reasons = [f"the database refused this letter ({type(error).__name__}: {_first_line(error)})"]
        self._keep_rejected(raw, digest, source_name, source_path, reasons)
        return IngestOutcome(source_path, REJECTED, reasons=reasons, warnings=parsed.warnings)

    @staticmethod
    def _keep_rejected(raw: bytes, digest: str, source_name: str, source_path: str, reasons: list[str]) -> None:
        RejectedFile.objects.update_or_create(
            sha256=digest,
            defaults={
                "source_name": source_name[:255],
                "source_path": source_path,
                "reasons": reasons,
                "raw_bytes": raw[:MAX_REJECTED_BYTES],
                "size": len(raw),
            },
        )
