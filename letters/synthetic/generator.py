"""Synthetic letters with known truth: ``generate_letter`` (one) and ``generate_corpus`` (a lazy stream).

A letter is fully determined by its seed (an int, or a ``random.Random`` to draw from): the format is drawn,
then the plan (truth), then the blocks, then the noise kinds, layout, text mess and bytes. Letter ``i`` of
``generate_corpus(count, seed)`` is ``generate_letter(letter_seed(seed, i))``, so any one can be regenerated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from random import Random

from letters.synthetic import councils, formats, layout, plans
from letters.synthetic import noise as mess

FRAMEWORK_FORMATS = {
    "cra": ("cra",),
    "ilacs": ("ilacs_monitoring", "ilacs_focused", "covid_focused"),
    "sif": ("sif_monitoring",),
}
VISIT_TYPE_FORMATS = {
    "unannounced inspection": ("cra",),
    "monitoring visit": ("ilacs_monitoring", "sif_monitoring"),
    "focused visit": ("ilacs_focused", "covid_focused"),
}


@dataclass
class SyntheticLetter:
    raw: bytes
    truth: dict
    filename: str
    seed: int
    format: str  # "cra", "ilacs_monitoring", "ilacs_focused", "sif_monitoring", "covid_focused"
    noise: tuple[str, ...] = field(default_factory=tuple)  # the kinds that really happened, sorted

    @property
    def encoding(self) -> str:
        if "cp1252" in self.noise:
            return "cp1252"
        if "utf16" in self.noise:
            return "utf-16"
        return "utf-8-sig" if "bom" in self.noise else "utf-8"

    def text(self) -> str:
        """The raw bytes decoded (line endings kept)."""
        return self.raw.decode(self.encoding)


def letter_seed(seed: int, index: int) -> int:
    """The seed of letter ``index`` of a corpus: a stable hash, independent of PYTHONHASHSEED."""
    digest = hashlib.blake2b(f"{seed}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _formats(framework: str | None, visit_type: str | None, fmt: str | None) -> tuple[str, ...]:
    if fmt is not None:
        if fmt not in plans.FORMATS:
            raise ValueError(f"unknown format {fmt!r}; one of {sorted(plans.FORMATS)}")
        return (fmt,)
    names = tuple(plans.FORMATS)
    if framework is not None:
        if framework not in FRAMEWORK_FORMATS:
            raise ValueError(f"unknown framework {framework!r}; one of {sorted(FRAMEWORK_FORMATS)}")
        names = tuple(n for n in names if n in FRAMEWORK_FORMATS[framework])
    if visit_type is not None:
        if visit_type not in VISIT_TYPE_FORMATS:
            raise ValueError(f"unknown visit type {visit_type!r}; one of {sorted(VISIT_TYPE_FORMATS)}")
        names = tuple(n for n in names if n in VISIT_TYPE_FORMATS[visit_type])
    if not names:
        raise ValueError(f"no format is both {framework!r} and {visit_type!r}")
    return names


def _filename(plan: plans.Plan, seed: int) -> str:
    kind = plan.visit_type.replace(" ", "_")
    day = plan.letter_date
    return (
        f"{seed:016x}_{plan.council.slug.replace('-', '_')}__childrens_services_{kind}_-_"
        f"{day.day:02d}_{day.strftime('%B').lower()}_{day.year}.txt"
    )


def generate_letter(
    rng_or_seed: Random | int,
    *,
    framework: str | None = None,
    visit_type: str | None = None,
    fmt: str | None = None,
    noise: str | Iterable[str] | None = "realistic",
    authorities: str | None = None,
) -> SyntheticLetter:
    """One letter. ``framework`` ("cra", "ilacs", "sif"), ``visit_type`` or ``fmt`` narrow the format;
    ``noise`` is "realistic" (default), "heavy", "none" or a collection of kind names (see ``noise.py``);
    ``authorities`` is a path to an authorities.json-format file (default: the project's, else a fallback)."""
    if isinstance(rng_or_seed, Random):
        seed = rng_or_seed.getrandbits(64)
    else:
        seed = int(rng_or_seed)
    rng = Random(seed)
    names = _formats(framework, visit_type, fmt)
    name = names[0] if len(names) == 1 else rng.choices(names, weights=[plans.FORMAT_WEIGHTS[n] for n in names])[0]
    _, _, planner = plans.FORMATS[name]
    plan = planner(rng, councils.picker(authorities))
    truth = plan.truth()

    # A separate stream for the noise draw: asking for other noise never changes the letter's content.
    kinds, forced = mess.choose(Random(rng.getrandbits(64)), name, noise)
    if forced and "footnote" in kinds and name in ("ilacs_focused", "covid_focused"):
        plan.extras["footnote"] = True
    blocks = formats.RENDERERS[name](plan, rng)
    applied: set[str] = set()
    if "ocr" in kinds and mess.ocr(blocks, rng, ensure=forced):
        applied.add("ocr")
    style = mess.style_for(rng, kinds, forced)
    text, laid_out = layout.layout(blocks, style, rng)
    for width in (80, 84, 88, 91, 79, 86):  # asked-for dehyphenation needs a hyphenated word at a margin
        if not forced or "dehyphenate" not in kinds or "dehyphenate" in laid_out:
            break
        style.width = width
        text, laid_out = layout.layout(blocks, style, rng)
    applied |= laid_out
    applied |= {k for k in _VISIBLE if k in kinds and _shows(k, text, style)}
    text = mess.apply_text(text, kinds, rng)
    applied |= {k for k in mess.TEXT_KINDS + mess.BYTE_KINDS if k in kinds}
    raw = mess.encode(text, kinds)
    return SyntheticLetter(
        raw=raw,
        truth=truth,
        filename=_filename(plan, seed),
        seed=seed,
        format=name,
        noise=tuple(sorted(applied)),
    )


_VISIBLE = (
    "hard_wrap",
    "glyph_markers",
    "form_feed",
    "page_number",
    "investor_in_people",
    "running_footer",
    "indented_continuation",
)


def _shows(kind: str, text: str, style: layout.Style) -> bool:
    """Whether a layout kind left a visible trace (a chosen page number on a one-page letter does not)."""
    if kind == "hard_wrap":
        return style.width is not None
    if kind == "glyph_markers":
        return style.marker.strip() in text
    if kind == "form_feed":
        return "\f" in text
    if kind == "page_number":
        return any(line.strip().isdigit() for line in text.split("\n"))
    if kind == "investor_in_people":
        return "INVESTOR IN PEOPLE" in text
    if kind == "running_footer":
        return "Page " in text or "- 2 -" in text
    if kind == "indented_continuation":
        return "\n  " in text
    return True


def generate_corpus(count: int, seed: int, **options) -> Iterator[SyntheticLetter]:
    """``count`` letters, made one at a time as the iterator is consumed (memory stays flat)."""
    for index in range(count):
        yield generate_letter(letter_seed(seed, index), **options)
