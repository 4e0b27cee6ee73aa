"""The engine's documents: a finding or a letter, its text and, for every facet of the registry
(letters/browse/registry.py) counted per row, a field of the same name as the facet's column; a bitmask facet (and
the themes) as the numbers of its bits, several per document (what the filters ask), and as its mask cut into groups
of bits (what the counts read). Council-level facets (region, latest judgement) are
not in the documents: they are counted through the councils, as the SQL statement counts them."""

from __future__ import annotations

import tantivy

from letters.browse.registry import FacetSpec

TOKENIZER = "archive_words"
EMPTY = "\x1f"  # an empty text value ("" has no term of its own)
THEMES = "themes"  # the field of the theme facet (its column is the findings' theme bitmask, apart)
# A multi-valued facet (the themes, a bitmask facet) is also held as its mask cut into groups of GROUP_BITS bits, one
# single-valued field a group ("themes_g0" holds bits 0-6, …): the engine counts a single-valued field with at most
# 128 values several times faster than the same bits as several values a document (at 50,000 letters, the themes of
# 87,000 matches: 5.4 -> 1.5 ms), and the counts of the bits follow from the counts of the groups' values.
GROUP_BITS = 7
MASK_BITS = 63  # of a signed 64-bit mask (letters/models/theme.py MAX_THEMES)
GROUPS = -(-MASK_BITS // GROUP_BITS)


def analyzer() -> tantivy.TextAnalyzer:
    """Words as SQLite's ``porter unicode61 remove_diacritics 2`` cuts them: runs of letters and digits (an apostrophe
    or an underscore separates), lower case, accents folded, English stems."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"[^\W_]+"))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def per_row(facets: list[FacetSpec]) -> list[FacetSpec]:
    """The facets whose values are the rows' own (in the documents), the themes apart."""
    return [spec for spec in facets if spec.column and not spec.council_column]


def field_of(spec: FacetSpec) -> str:
    return spec.column or THEMES


def is_number(spec: FacetSpec) -> bool:
    """Ids (councils, frameworks), years and bits are numbers; the other values are text."""
    return spec.model is not None or spec.bits is not None or spec.param == "year"


def schema(facets: list[FacetSpec], *, themes: bool) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("text", tokenizer_name=TOKENIZER, index_option="position")
    for spec in per_row(facets):
        if is_number(spec):
            builder.add_integer_field(spec.column, indexed=True, fast=True)
        else:
            builder.add_text_field(spec.column, fast=True, tokenizer_name="raw", index_option="basic")
    multi_valued = [spec for spec in per_row(facets) if spec.bits is not None] + ([None] if themes else [])
    if themes:
        builder.add_integer_field(THEMES, indexed=True, fast=True)
    for spec in multi_valued:
        for group in range(GROUPS):
            builder.add_integer_field(group_field(spec, group), fast=True)
    builder.add_integer_field("newest", fast=True)  # the "newest first" order as one number (bigger is newer)
    builder.add_integer_field("oldest", fast=True)  # the "oldest first" order as one number (smaller is older)
    return builder.build()


def group_field(spec: FacetSpec | None, group: int) -> str:
    """The field of one group of a multi-valued facet's bits (``spec`` None: the themes)."""
    return f"{spec.column if spec is not None else THEMES}_g{group}"


def group_values(mask: int | None) -> list[int]:
    """A mask cut into its groups' values, group 0 first."""
    mask = max(mask or 0, 0)
    return [(mask >> (group * GROUP_BITS)) & ((1 << GROUP_BITS) - 1) for group in range(GROUPS)]


def bit_counts(group: int, value_counts: dict[int, int]) -> dict[int, int]:
    """The number of documents with each bit of a group, from the numbers with each of the group's values."""
    counts: dict[int, int] = {}
    for value, n in value_counts.items():
        for bit in bits_of(value):
            counts[group * GROUP_BITS + bit] = counts.get(group * GROUP_BITS + bit, 0) + n
    return counts


def bits_of(mask: int) -> list[int]:
    return [bit for bit in range(max(mask, 0).bit_length()) if mask >> bit & 1]


def document_value(spec: FacetSpec, value):
    """A row's value as the engine holds it: bits for a bitmask, 0 for a missing number, EMPTY for empty text."""
    if spec.bits is not None:
        return bits_of(value or 0)
    if is_number(spec):
        return value or 0
    return value if value else EMPTY
