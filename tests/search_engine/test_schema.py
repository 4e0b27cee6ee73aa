"""The engine's documents hold a multi-valued facet's mask cut into groups of bits; the bits' counts follow."""

import random

from letters.search_engine.schema import GROUP_BITS, GROUPS, MASK_BITS, bit_counts, bits_of, group_values


def test_a_mask_cut_into_groups_holds_every_bit_once():
    rng = random.Random(3)
    masks = [0, 1, 1 << (MASK_BITS - 1), (1 << MASK_BITS) - 1] + [rng.getrandbits(MASK_BITS) for _ in range(200)]
    for mask in masks:
        values = group_values(mask)
        assert len(values) == GROUPS and all(0 <= value < 1 << GROUP_BITS for value in values)
        assert sum(value << (group * GROUP_BITS) for group, value in enumerate(values)) == mask
    assert group_values(None) == [0] * GROUPS


def test_the_bits_counts_from_the_groups_counts_are_the_documents_bits_counted_one_by_one():
    rng = random.Random(4)
    documents = [rng.getrandbits(MASK_BITS) & rng.getrandbits(MASK_BITS) for _ in range(500)]
    expected: dict[int, int] = {}
    for mask in documents:
        for bit in bits_of(mask):
            expected[bit] = expected.get(bit, 0) + 1
    counted: dict[int, int] = {}
    for group in range(GROUPS):
        values: dict[int, int] = {}
        for mask in documents:
            value = group_values(mask)[group]
            values[value] = values.get(value, 0) + 1
        counted.update(bit_counts(group, values))
    assert counted == expected
