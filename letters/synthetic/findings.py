"""Compose finding texts (bullets, areas for improvement, headline and narrative paragraphs) from the banks.

A ``Composer`` is made per letter: it knows the era ("cra" for 2009–2012, "now" after), the letter's variables
(``place``, ``prior``, ``since``, ``num``) and which templates it has used, so a letter never repeats one.
"""

from __future__ import annotations

from functools import lru_cache
from random import Random

from letters.synthetic import bank_front, bank_letter, bank_practice
from letters.synthetic.bank_slots import SLOTS
from letters.synthetic.templates import Template, compile_bank, for_era, tidy

# Relative weights of topics; domestic abuse runs through many letters of every era.
TOPIC_WEIGHTS: dict[str, int] = {
    "assessments": 4, "thresholds": 3, "strategy": 3, "domestic_abuse": 3, "mash": 2, "early_help": 2,
    "out_of_hours": 2, "timeliness": 2, "supervision": 3, "recording": 2, "partnerships": 2,
    "childrens_views": 2, "disabled_children": 1, "exploitation": 2, "workforce": 2, "quality_assurance": 2,
    "leadership": 2, "neglect": 2, "planning": 2, "care_leavers": 1,
}
ALL_TOPICS = {**bank_front.TOPICS, **bank_practice.TOPICS}

_CONNECT_TURN = ("However, ", "However, ", "However, ", "", "", "Nevertheless, ", "At the same time, ")
_CONNECT_SAME = ("In addition, ", "Furthermore, ", "Also, ", "Consequently, ")


class _EraBank:
    def __init__(self, era: str):
        self.topics: dict[str, dict[str, tuple[Template, ...]]] = {}
        for name, kinds in ALL_TOPICS.items():
            self.topics[name] = {kind: for_era(compile_bank(sources, SLOTS), era) for kind, sources in kinds.items()}
        self.weighted: dict[str, tuple[str, ...]] = {}
        for kind in ("pos", "neg", "imp"):
            names = [n for n in self.topics if self.topics[n][kind]]
            self.weighted[kind] = tuple(n for n in names for _ in range(TOPIC_WEIGHTS.get(n, 1)))
        self.headline_pos = for_era(compile_bank(bank_letter.HEADLINE_POSITIVE, SLOTS), era)
        self.headline_neg = for_era(compile_bank(bank_letter.HEADLINE_NEGATIVE, SLOTS), era)
        self.response = compile_bank(bank_letter.RESPONSE, SLOTS)
        self.covid = compile_bank(bank_letter.COVID_REMARKS, SLOTS)


@lru_cache(maxsize=4)
def era_bank(era: str) -> _EraBank:
    return _EraBank(era)


def lower_first(sentence: str) -> str:
    """'Strategy meetings are…' -> 'strategy meetings are…' (acronyms such as 'MASH' are left alone)."""
    if len(sentence) > 1 and sentence[0].isupper() and sentence[1].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence


class Composer:
    def __init__(self, rng: Random, era: str, variables: dict[str, str]):
        self.rng = rng
        self.era = era
        self.bank = era_bank(era)
        self.vars = variables
        self.used: set[int] = set()

    # -- single sentences -------------------------------------------------------------------------------
    def topic(self, kind: str) -> str:
        return self.rng.choice(self.bank.weighted[kind])

    def _pick(self, templates: tuple[Template, ...]) -> Template | None:
        if not templates:
            return None
        for _ in range(6):
            template = self.rng.choice(templates)
            if id(template) not in self.used:
                self.used.add(id(template))
                return template
        return None

    def sentence(self, kind: str, topic: str | None = None) -> str:
        """One sentence of ``kind`` ("pos", "neg" or "imp") on ``topic`` (or a weighted random topic)."""
        for attempt in range(12):
            name = topic if topic is not None and attempt < 3 else self.topic(kind)
            template = self._pick(self.bank.topics[name][kind])
            if template is not None:
                return tidy(template.expand(self.rng, self.vars))
        # Every template used: allow a repeat (its alternatives will usually differ).
        name = self.topic(kind)
        return tidy(self.rng.choice(self.bank.topics[name][kind]).expand(self.rng, self.vars))

    def _from(self, templates: tuple[Template, ...]) -> str:
        template = self._pick(templates) or self.rng.choice(templates)
        return tidy(template.expand(self.rng, self.vars))

    def response(self) -> str:
        return self._from(self.bank.response)

    # -- findings ---------------------------------------------------------------------------------------
    def bullet(self, kind: str, *, second: float = 0.3, respond: float = 0.0) -> str:
        """A bulleted finding: one sentence, sometimes a second on the same topic, sometimes leaders' response."""
        topic = self.topic(kind)
        text = self.sentence(kind, topic)
        roll = self.rng.random()
        if roll < second:
            text += " " + self.sentence(kind, topic)
        elif roll < second + respond:
            text += " " + self.response()
        return text

    def improvement(self, *, framework_note: bool = False) -> str:
        text = self.sentence("imp")
        if framework_note:
            kind = self.rng.choice(("outcome", "outcome", "enabler", "principle"))
            text += f" ({kind} {self.rng.randint(1, 5)}, national framework)"
        return text

    def headline(self, tone: float, *, covid: bool = False) -> str:
        """A headline paragraph: an opener whose tone follows ``tone`` (0 poor – 1 strong), then 1–4 sentences."""
        positive = self.rng.random() < tone
        opener = self._from(self.bank.headline_pos if positive else self.bank.headline_neg)
        sentences = [opener]
        if covid and self.rng.random() < 0.5:
            sentences.append(self._from(self.bank.covid))
        for _ in range(self.rng.randint(1, 4)):
            good = self.rng.random() < tone
            sentence = self.sentence("pos" if good else "neg")
            if good != positive and self.rng.random() < 0.6:
                sentence = ("However, " if not good else "Positively, ") + lower_first(sentence)
            sentences.append(sentence)
        return " ".join(sentences)

    def narrative(self, tone: float, *, covid: bool = False) -> str:
        """A findings paragraph on one topic: 3–6 sentences mixing strengths and weaknesses."""
        if covid and self.rng.random() < 0.15:
            first = self._from(self.bank.covid)
            return first + " " + self.sentence("pos") + " " + self.sentence("pos" if self.rng.random() < tone else "neg")
        topic = self.topic("pos")
        count = self.rng.choice((3, 3, 4, 4, 4, 5, 5, 6))
        sentences: list[str] = []
        previous_good: bool | None = None
        for index in range(count):
            good = self.rng.random() < tone
            sentence = self.sentence("pos" if good else "neg", topic if index < 3 else None)
            if previous_good is not None:
                if good != previous_good:
                    connector = self.rng.choice(_CONNECT_TURN)
                else:
                    connector = self.rng.choice(_CONNECT_SAME) if self.rng.random() < 0.15 else ""
                if connector:
                    sentence = connector + lower_first(sentence)
            sentences.append(sentence)
            previous_good = good
        if previous_good is False and self.rng.random() < 0.3:
            sentences.append(self.response())
        return " ".join(sentences)
