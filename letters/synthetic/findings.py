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
    "assessments": 4,
    "thresholds": 3,
    "strategy": 3,
    "domestic_abuse": 2,
    "mash": 2,
    "early_help": 2,
    "out_of_hours": 2,
    "timeliness": 2,
    "supervision": 3,
    "recording": 2,
    "partnerships": 2,
    "childrens_views": 2,
    "disabled_children": 1,
    "exploitation": 2,
    "workforce": 2,
    "quality_assurance": 2,
    "leadership": 2,
    "neglect": 2,
    "planning": 2,
    "care_leavers": 1,
}
ALL_TOPICS = {**bank_front.TOPICS, **bank_practice.TOPICS}

_NO_OPENER = (
    "In ",
    "For ",
    "Where ",
    "When ",
    "Although ",
    "While ",
    "Since ",
    "At ",
    "Overall",
    "Sometimes",
)
_CONNECT_TURN = ("However, ", "However, ", "However, ", "", "", "Nevertheless, ", "At the same time, ")
_CONNECT_SAME = ("In addition, ", "Furthermore, ", "Also, ")


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
    word = sentence.split(" ", 1)[0]
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower() or word[1:2] == "'"):
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

    def opened(self, sentence: str, kind: str, rate: float = 0.12) -> str:
        """Sometimes lead a sentence with a qualifier ("In most cases, …", "For some children, …")."""
        if kind == "imp" or self.rng.random() >= rate or sentence.startswith(_NO_OPENER):
            return sentence
        return self.rng.choice(SLOTS["opener_pos" if kind == "pos" else "opener_neg"]) + lower_first(sentence)

    def response(self) -> str:
        return self._from(self.bank.response)

    # -- findings ---------------------------------------------------------------------------------------
    def bullet(self, kind: str, *, second: float = 0.3, respond: float = 0.0) -> str:
        """A bulleted finding: a sentence, sometimes a second on its topic, sometimes leaders' response."""
        topic = self.topic(kind)
        text = self.opened(self.sentence(kind, topic), kind)
        roll = self.rng.random()
        if roll < second:
            text += " " + self.sentence(kind, topic)
        elif roll < second + respond:
            text += " " + self.response()
        return text

    def improvement(self, *, framework_note: bool = False) -> str:
        text = self.sentence("imp")
        if "," not in text and " so that " not in text and self.rng.random() < 0.5:
            text = text[:-1] + self.rng.choice(SLOTS["purpose"]) + "."
        if framework_note:
            kind = self.rng.choice(("outcome", "outcome", "enabler", "principle"))
            text += f" ({kind} {self.rng.randint(1, 5)}, national framework)"
        return text

    def headline(self, tone: float, *, covid: bool = False) -> str:
        """A headline paragraph: an opener whose tone follows ``tone`` (0 poor – 1 strong), then 1–4 more
        sentences on various topics, turning at most once ("However, …")."""
        positive = self.rng.random() < tone
        sentences = [self._from(self.bank.headline_pos if positive else self.bank.headline_neg)]
        if covid and self.rng.random() < 0.5:
            sentences.append(self._from(self.bank.covid))
        count = self.rng.randint(1, 4)
        turn = self.rng.randint(0, count - 1) if self.rng.random() < 0.65 else count
        for index in range(count):
            good = positive if index < turn else not positive
            sentence = self.sentence("pos" if good else "neg")
            if index == turn and self.rng.random() < 0.7:
                connector = self.rng.choice(("However, ", "However, ", "Positively, " if good else "However, "))
                sentence = connector + lower_first(sentence)
            sentences.append(sentence)
        return " ".join(sentences)

    def _topic_sentence(self, kind: str, topic: str) -> str:
        """A sentence on ``topic``, else on a related topic, else on any."""
        related = RELATED[topic]
        start = self.rng.randrange(len(related))
        for name in (topic, *related[start:], *related[:start]):
            template = self._pick(self.bank.topics[name][kind])
            if template is not None:
                return tidy(template.expand(self.rng, self.vars))
        return self.sentence(kind)

    def narrative(self, tone: float, *, covid: bool = False) -> str:
        """A findings paragraph on one topic (and its neighbours): 3–6 sentences, strengths then weaknesses or
        the reverse, turning at most once ("However, …"), sometimes closing with leaders' response."""
        topic = self.topic("pos")
        count = self.rng.choice((3, 3, 4, 4, 4, 5, 5, 6))
        first_good = self.rng.random() < tone
        turn = self.rng.randint(1, count - 1) if self.rng.random() < 0.6 else count
        sentences: list[str] = []
        if covid and self.rng.random() < 0.2:
            sentences.append(self._from(self.bank.covid))
        for index in range(count):
            good = first_good if index < turn else not first_good
            sentence = self._topic_sentence("pos" if good else "neg", topic)
            if index == 0:
                sentence = self.opened(sentence, "pos" if good else "neg", 0.1)
            if index == turn:
                connector = self.rng.choice(_CONNECT_TURN)
            elif index and self.rng.random() < 0.1:
                connector = self.rng.choice(_CONNECT_SAME)
            else:
                connector = ""
            sentences.append(connector + lower_first(sentence) if connector else sentence)
        last_good = first_good if turn >= count else not first_good
        if not last_good and self.rng.random() < 0.3:
            sentences.append(self.response())
        return " ".join(sentences)


_CLUSTERS = (
    ("thresholds", "mash", "early_help", "out_of_hours", "strategy", "domestic_abuse", "timeliness"),
    (
        "assessments",
        "planning",
        "neglect",
        "childrens_views",
        "disabled_children",
        "domestic_abuse",
        "timeliness",
    ),
    ("supervision", "workforce", "quality_assurance", "leadership", "recording", "partnerships"),
    ("exploitation", "care_leavers", "partnerships", "childrens_views", "planning"),
)
RELATED: dict[str, tuple[str, ...]] = {
    topic: tuple(sorted({t for cluster in _CLUSTERS if topic in cluster for t in cluster} - {topic}))
    for topic in TOPIC_WEIGHTS
}
