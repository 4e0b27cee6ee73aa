"""A tiny sentence grammar: templates with alternatives, compiled once and expanded fast from an rng.

Syntax inside a template string:

* ``{a|b|c}`` — one of the alternatives (an alternative may be empty: ``{|, however,}``);
* ``{@name}`` — one of the shared alternatives in ``SLOTS[name]`` (given to ``compile_bank``);
* ``<name>`` — a per-letter variable (the council's short name, a month…), substituted after expansion, so it
  may sit inside an alternative;
* a leading ``cra:`` or ``now:`` tag limits the template to 2009–2012 letters or to 2013– letters.

Alternatives do not nest; shared slots expand to plain strings. Expansion is a join over pre-split parts,
so a sentence costs a handful of ``rng.choice`` calls.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from random import Random

_BRACE = re.compile(r"\{([^{}]*)\}")
_VARIABLE = re.compile(r"<([a-z_]+)>")

ERA_ANY, ERA_CRA, ERA_NOW = "any", "cra", "now"


@dataclass(frozen=True)
class Template:
    era: str
    parts: tuple  # str (literal) | tuple[str, ...] (alternatives)
    source: str
    has_variables: bool

    def expand(self, rng: Random, variables: Mapping[str, str] | None = None) -> str:
        choice = rng.choice
        text = "".join(part if part.__class__ is str else choice(part) for part in self.parts)
        if self.has_variables and variables:
            text = _VARIABLE.sub(lambda m: variables.get(m.group(1), m.group(0)), text)
        return text


def compile_template(source: str, slots: Mapping[str, Sequence[str]] | None = None) -> Template:
    era = ERA_ANY
    if source.startswith("cra:"):
        era, source = ERA_CRA, source[4:].lstrip()
    elif source.startswith("now:"):
        era, source = ERA_NOW, source[4:].lstrip()
    parts: list = []
    position = 0
    for match in _BRACE.finditer(source):
        if match.start() > position:
            parts.append(source[position : match.start()])
        body = match.group(1)
        if body.startswith("@"):
            if slots is None or body[1:] not in slots:
                raise KeyError(f"unknown slot {body!r} in template {source!r}")
            parts.append(tuple(slots[body[1:]]))
        else:
            parts.append(tuple(body.split("|")))
        position = match.end()
    if position < len(source):
        parts.append(source[position:])
    # Merge neighbouring literal strings; single-option tuples become literals.
    merged: list = []
    for part in parts:
        if part.__class__ is tuple and len(part) == 1:
            part = part[0]
        if part.__class__ is str and merged and merged[-1].__class__ is str:
            merged[-1] += part
        else:
            merged.append(part)
    for part in merged:
        if part.__class__ is str and ("{" in part or "}" in part):
            raise ValueError(f"unbalanced or nested braces in template {source!r}")
    return Template(era, tuple(merged), source, bool(_VARIABLE.search(source)))


def compile_bank(sources: Sequence[str], slots: Mapping[str, Sequence[str]] | None = None) -> tuple[Template, ...]:
    return tuple(compile_template(source, slots) for source in sources)


def for_era(templates: Sequence[Template], era: str) -> tuple[Template, ...]:
    """The templates usable in a letter of ``era`` ("cra" or "now")."""
    return tuple(t for t in templates if t.era in (ERA_ANY, era))


def tidy(sentence: str) -> str:
    """Collapse doubled spaces and spaces before punctuation left by empty alternatives; capitalise."""
    sentence = sentence.replace("  ", " ").replace(" ,", ",").replace(" .", ".").strip()
    if sentence[:1].islower():
        sentence = sentence[0].upper() + sentence[1:]
    return sentence
