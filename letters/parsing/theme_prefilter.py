"""One Hyperscan pass over a finding says which theme patterns may match it, so that Python's ``re`` runs only those.

``themes.py`` decides what the rules mean and ``theme_patterns.py`` compiles them for ``re``; this module only saves
work, and never changes an answer. Every top-level alternative of a theme's (folded) patterns is compiled into one
Hyperscan database in *prefilter* mode, in which Hyperscan may report a match the pattern would not make but never
misses one (lookarounds, for instance, are dropped). A scan of the lower-cased finding gives the alternatives that
may match; ``re`` then confirms each of them, and a theme whose exclude patterns cannot match skips its excludes.

Where the answer could differ, the theme is not prefiltered and runs as before:
- a pattern that cannot be folded to lower case (it keeps IGNORECASE);
- an alternative with characters outside printable ASCII, or with syntax that Hyperscan (PCRE) reads otherwise
  than Python: ``{,n}`` (a literal in PCRE) and ``[:``, ``[.``, ``[=`` (POSIX classes in PCRE);
- an alternative Hyperscan will not compile.
A finding with a non-ASCII letter, digit or space is not scanned at all (Hyperscan's ``\\w``, ``\\s`` and ``\\b`` are
ASCII); any other non-ASCII character (a dash, a pound sign) is scanned as ``\\x01``, which no pattern left in the
database can name, and which every class treats as it treats the character it stands for.

Hyperscan (BSD licence, through the MIT-licensed ``hyperscan`` wheels) is optional: without it every theme runs
as before.

Compiling the shipped taxonomy takes about a second. Given a store (``compiled_store.FolderStore``: the ingest's and
re-parse's workers get one), the compiled database is saved there under a key made of the rules, Hyperscan's version
and the flags, and the next run loads it in a fraction of a millisecond and uses it from its first text; a database
this machine's Hyperscan will not load is compiled anew.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from letters.parsing import anchored
from letters.parsing.anchored import Anchor
from letters.parsing.theme_patterns import leading_literal

try:
    import hyperscan
except ImportError:  # pragma: no cover - the wheel is in requirements.txt; the matcher still works without it
    hyperscan = None

_FLAGS = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH if hyperscan is not None else 0

_PRINTABLE_ASCII = re.compile(r"[ -~]+")
_PCRE_READS_OTHERWISE = re.compile(r"\{,|\[[:.=]")
_STAND_IN = "\x01"  # for a non-ASCII character that is neither a letter, a digit nor a space


def prefilterable(alternative: str) -> bool:
    """Whether Hyperscan reads ``alternative`` (a folded pattern with no top-level ``|``) as Python's ``re`` does,
    or more loosely."""
    return bool(_PRINTABLE_ASCII.fullmatch(alternative)) and not _PCRE_READS_OTHERWISE.search(alternative)


def scannable(lowered: str) -> bytes | None:
    """``lowered`` as the ASCII bytes Hyperscan scans, or None when a character could not be stood in for."""
    if lowered.isascii():
        return lowered.encode("ascii")
    chars = []
    for char in lowered:
        if char.isascii():
            chars.append(char)
        elif char.isalnum() or char.isspace():
            return None  # a word or space character outside ASCII: Python's \w, \s and \b see it, Hyperscan's not
        else:
            chars.append(_STAND_IN)
    return "".join(chars).encode("ascii")


@dataclass(frozen=True)
class ThemeSides:
    """A theme's folded alternatives as the prefilter needs them; None for a side that cannot be prefiltered."""

    include: Sequence[str] | None
    exclude: Sequence[str] | None  # empty when the theme has no exclude patterns


@dataclass(frozen=True)
class Scan:
    """What one scan found. ``includes[i]``: the include alternatives of theme ``i`` that may match, or None to run
    its whole include (a theme absent from it cannot match). ``excludes``: the themes whose excludes must run."""

    includes: dict[int, list[Confirmation] | None]
    excludes: frozenset[int] | set[int]


# A leading text shorter than this is found too often to be worth looking for first.
_SHORTEST_LEAD = 3


class Confirmation:
    """Whether a text holds a match of one include alternative (``search``: ``re.search(alternative, text) is not
    None``), for the alternatives a scan could not rule out.

    Most alternatives start with words (``\\bsafeguard…``): every match starts where those words are, so the pattern
    is tried only there (``anchored.search``: ``str.find``, then ``match`` at each place; a ``\\b`` still sees the
    character before), where a search tried it at every character of the finding (~45 confirmations a letter)."""

    __slots__ = ("pattern", "lead", "_anchors")

    def __init__(self, alternative: str):
        self.pattern = re.compile(alternative)
        lead = leading_literal(alternative)
        self.lead = lead if len(lead) >= _SHORTEST_LEAD else ""
        self._anchors = (Anchor(self.lead),)

    def search(self, text: str) -> bool:
        if not self.lead:
            return self.pattern.search(text) is not None
        return anchored.search(self.pattern, text, self._anchors) is not None


# Compiling the shipped taxonomy takes about a second and saves ~0.3 ms a finding, so it pays off after ~3,500
# findings: the first texts a matcher sees run without it, and only a matcher with much work (an ingest, a re-parse,
# re-applying rules) compiles it. A one-letter parse never waits for it.
COMPILE_AFTER = 2000


class ThemePrefilter:
    """Built from each theme's sides, in the matcher's order; ``scan(lowered)`` gives a ``Scan``, or None when the
    text cannot be scanned or the database is not compiled yet (every theme then runs as before). Compiled after
    ``compile_after`` scans were asked for; safe across threads."""

    def __init__(self, themes: Sequence[ThemeSides], *, compile_after: int = COMPILE_AFTER, store=None):
        self._waiting = compile_after
        self._store = store  # a compiled_store.FolderStore, or None
        self._in_store: bool | None = None  # whether the store holds this taxonomy's database (asked once)
        self._themes = list(themes)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._database = None
        self._compiled = False
        # Per Hyperscan id: (theme index, the alternative's confirmation by re, or None for an exclude alternative).
        self._targets: list[tuple[int, Confirmation | None]] = []
        self._unfiltered_includes: dict[int, None] = {}
        self._unfiltered_excludes: set[int] = set()

    @property
    def available(self) -> bool:
        self._compile()
        return self._database is not None

    def _compile(self) -> None:
        if self._compiled:
            return
        with self._lock:
            if not self._compiled:
                self._build()
                self._compiled = True

    def _expressions(self) -> tuple[list[tuple[int, str, bool]], list[bool], list[bool]]:
        """(theme index, alternative, is an include) for every alternative compiled, and which sides are."""
        include_ok = [side.include is not None and all(map(prefilterable, side.include)) for side in self._themes]
        exclude_ok = [side.exclude is not None and all(map(prefilterable, side.exclude)) for side in self._themes]
        expressions: list[tuple[int, str, bool]] = []
        for index, side in enumerate(self._themes):
            if include_ok[index]:
                expressions += [(index, alternative, True) for alternative in side.include]
            if exclude_ok[index]:
                expressions += [(index, alternative, False) for alternative in side.exclude]
        return expressions, include_ok, exclude_ok

    def _stored(self) -> bool:
        """Whether the store holds the database of these rules (then it is used from the first text)."""
        if self._in_store is None:
            self._in_store = bool(
                hyperscan is not None
                and self._store is not None
                and self._store.has(database_key(tuple(alternative for _, alternative, _ in self._expressions()[0])))
            )
        return self._in_store

    def _build(self) -> None:
        if hyperscan is None:
            return
        expressions, include_ok, exclude_ok = self._expressions()
        alternatives = [alternative for _, alternative, _ in expressions]
        database = _stored_or_compiled(tuple(alternatives), self._store)
        if database is None:  # some alternative Hyperscan refuses: its side runs unfiltered, the rest are rebuilt
            for position in _refused(alternatives):
                index, _, is_include = expressions[position]
                (include_ok if is_include else exclude_ok)[index] = False
            expressions = [(i, alt, inc) for i, alt, inc in expressions if (include_ok if inc else exclude_ok)[i]]
            database = _stored_or_compiled(tuple(alternative for _, alternative, _ in expressions), self._store)
            if database is None and expressions:  # pragma: no cover - each was compiled alone
                return
        self._targets = [(i, Confirmation(alternative) if inc else None) for i, alternative, inc in expressions]
        self._unfiltered_includes = {i: None for i in range(len(self._themes)) if not include_ok[i]}
        self._unfiltered_excludes = {i for i in range(len(self._themes)) if not exclude_ok[i]}
        self._database = database

    def scan(self, lowered: str) -> Scan | None:
        if self._waiting > 0:
            if not self._stored():
                self._waiting -= 1  # a race between threads only moves the moment of compiling
                return None
            self._waiting = 0
        self._compile()
        if self._database is None:
            return None
        data = scannable(lowered)
        if data is None:
            return None
        hits: list[int] = []
        self._database.scan(data, match_event_handler=_collector(hits), scratch=self._scratch())
        includes: dict[int, list[re.Pattern[str]] | None] = dict(self._unfiltered_includes)
        excludes = set(self._unfiltered_excludes)
        for hit in hits:
            index, pattern = self._targets[hit]
            if pattern is None:
                excludes.add(index)
            elif index not in self._unfiltered_includes:
                includes.setdefault(index, []).append(pattern)
        return Scan(includes, excludes)

    def _scratch(self):
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._database)
        return scratch


def _collector(hits: list[int]):
    def on_match(expression_id, start, end, flags, context):
        hits.append(expression_id)

    return on_match


def database_key(alternatives: tuple[str, ...]) -> str:
    """The store's key of a database of ``alternatives``: the rules, Hyperscan's version and how it is compiled."""
    digest = hashlib.sha256()
    how = f"flags {_FLAGS} mode {hyperscan.HS_MODE_BLOCK}"
    for part in (getattr(hyperscan, "__version__", ""), how, *alternatives):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _stored_or_compiled(alternatives: tuple[str, ...], store):
    """The database of ``alternatives`` from the store when it holds one this Hyperscan loads, else compiled (and
    then saved to the store); None when Hyperscan refuses an alternative."""
    if store is None or not alternatives:
        return _shared_database(alternatives)
    key = database_key(alternatives)
    saved = store.load(key)
    if saved is not None:
        try:
            return hyperscan.loadb(saved, hyperscan.HS_MODE_BLOCK)
        except (hyperscan.error, TypeError, ValueError):
            pass  # another machine's or version's database: compiled anew below, and saved over it
    database = _shared_database(alternatives)
    if database is not None:
        store.save(key, hyperscan.dumpb(database))
    return database


@lru_cache(maxsize=8)
def _shared_database(alternatives: tuple[str, ...]):
    """``_database_of``, compiled once per process for the same rules (about a second for the shipped taxonomy; a
    database is read-only, and each thread scans it with scratch space of its own)."""
    return _database_of(list(alternatives))


def _refused(alternatives: list[str]) -> list[int]:
    """The positions of the alternatives Hyperscan will not compile (each tried alone: slow, and rare)."""
    return [position for position, alternative in enumerate(alternatives) if _database_of([alternative]) is None]


def _database_of(alternatives: list[str]):
    """A Hyperscan database matching ``alternatives`` (ids: their positions), or None if it will not compile."""
    if not alternatives:
        return None
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        database.compile(
            expressions=[alternative.encode("ascii") for alternative in alternatives],
            ids=list(range(len(alternatives))),
            elements=len(alternatives),
            flags=[_FLAGS] * len(alternatives),
        )
    except hyperscan.error:
        return None
    return database
