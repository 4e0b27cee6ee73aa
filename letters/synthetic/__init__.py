"""Synthetic Ofsted letters with known ground truth, for parser tests and benchmarks (pure Python, no Django).

``generate_letter(seed)`` makes one letter (``.raw`` bytes, ``.truth`` in the parse contract, ``.filename``);
``generate_corpus(count, seed)`` streams many. ``python -m letters.synthetic OUT_DIR --count N --seed S``
writes them with a ``truth.jsonl``. Modules: ``plans`` (facts and truth), ``formats`` (wording per format),
``layout`` (wrapping, bullets, pages), ``noise`` (conversion mess), ``check`` (content survives the mess),
``findings`` and ``bank_*`` (sentences), ``councils``, ``people``, ``recipients``, ``dates``, ``offices``,
``templates`` (the sentence grammar).
"""

from letters.synthetic.generator import SyntheticLetter, generate_corpus, generate_letter, letter_seed
from letters.synthetic.noise import ALL_KINDS as NOISE_KINDS
from letters.synthetic.plans import FORMATS

__all__ = ["FORMATS", "NOISE_KINDS", "SyntheticLetter", "generate_corpus", "generate_letter", "letter_seed"]
