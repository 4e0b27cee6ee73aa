"""Plan a letter: draw its facts (council, dates, people, sections of findings) and build its truth record.

A ``Plan`` holds the truth (the parse contract) and the few facts the renderer needs that are not in the
truth (the recipient's honorific, the address lines, the section headings, the visit's date phrase). One
``plan_*`` function per format; ``FORMATS`` maps format names to (framework slug, visit type, planner).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from letters.synthetic import bank_letter, councils, dates, people, recipients
from letters.synthetic.findings import Composer

CHILDRENS = "children's services"


@dataclass
class Section:
    key: str  # the truth's section name
    heading: str  # heading line, or lead-in sentence when ``lead_in``
    items: list[str]
    bullets: bool = True
    lead_in: bool = False


@dataclass
class Plan:
    fmt: str
    era: str  # "cra" (2009–2012) or "now"
    council: councils.Council
    letter_date: date
    visit_days: list[date]
    visit_phrase: str
    title: str
    title_form: str  # the council as the title writes it
    recipient: people.Person
    role: str
    address: list[str]
    honorific_in_address: bool
    salutation: str
    inspectors: list[people.Person]
    majesty: str  # "Her" or "His"
    sections: list[Section] = field(default_factory=list)
    scope_para: str = ""
    scope_bullets: list[str] = field(default_factory=list)
    prior_month: date | None = None
    ordinal: int | None = None
    covid: bool = False
    extras: dict = field(default_factory=dict)

    @property
    def framework(self) -> str:
        return FORMATS[self.fmt][0]

    @property
    def visit_type(self) -> str:
        return FORMATS[self.fmt][1]

    def truth(self) -> dict:
        scope = ([self.scope_para] if self.scope_para else []) + list(self.scope_bullets)
        return {
            "authority": {"name": self.council.name, "slug": self.council.slug},
            "letter_date": self.letter_date.isoformat(),
            "visit_dates": [d.isoformat() for d in self.visit_days],
            "framework": {"slug": self.framework},
            "visit_type": self.visit_type,
            "title": self.title,
            "recipient": {"name": self.recipient.name, "role": self.role},
            "inspectors": [{"name": p.name, "lead": i == 0} for i, p in enumerate(self.inspectors)],
            "prior_judgement": (
                {"grade": "inadequate", "month": f"{self.prior_month.year:04d}-{self.prior_month.month:02d}"}
                if self.prior_month
                else None
            ),
            "visit_ordinal": self.ordinal,
            "scope": scope,
            "findings": [{"section": s.key, "text": text} for s in self.sections for text in s.items],
        }


# --- shared parts ---------------------------------------------------------------------------------------


def _majesty(rng: Random, letter_date: date) -> str:
    if letter_date >= date(2022, 10, 1):
        return "His"
    if letter_date >= date(2022, 9, 9):
        return rng.choice(("Her", "His"))
    return "Her"


def _variables(rng: Random, council: councils.Council, visit: date, prior: date | None) -> dict[str, str]:
    since = dates.add_months(visit, -rng.randint(5, 20))
    prior = prior or dates.add_months(visit, -rng.randint(14, 40))
    return {
        "place": council.short,
        "prior": dates.month_year(prior),
        "since": dates.month_year(since),
        "num": str(rng.randint(8, 90)),
    }


def _inspector_count(rng: Random, weights=(12, 62, 18, 5, 3)) -> int:
    return rng.choices((1, 2, 3, 4, 5), weights=weights)[0]


# Per format: the wording's era, the weights of a visit of one, two or three days or two days and a later one
# (dates.visit_days), and the days from the visit's last day to the letter (at least, at most).
_TIMING = {
    "cra": ("cra", (3, 95, 2, 0), (14, 45)),
    "ilacs_monitoring": ("now", (3, 88, 7, 2), (14, 40)),
    "sif_monitoring": ("now", (3, 88, 7, 2), (14, 40)),
    "ilacs_focused": ("now", (14, 76, 7, 3), (21, 50)),
    "covid_focused": ("now", (10, 70, 18, 2), (21, 45)),
}


def _base(
    rng: Random,
    picker: councils.CouncilPicker,
    fmt: str,
    window: tuple[date, date],
    title_prefix: str,
    *,
    inspectors: int,
    title_form=None,
) -> Plan:
    era, day_weights, letter_gap = _TIMING[fmt]
    days = dates.visit_days(rng, *window, weights=day_weights)
    letter_date = dates.letter_date_after(rng, days[-1], *letter_gap)
    for _ in range(20):
        council = picker.pick(rng, letter_date)
        if council.exists_on(days[0]):
            break
    form = title_form(rng, council) if title_form else councils.title_form(rng, council)
    person, role, address, honorific, salutation = recipients.recipient(rng, council, era, letter_date)
    return Plan(
        fmt=fmt,
        era=era,
        council=council,
        letter_date=letter_date,
        visit_days=days,
        visit_phrase=dates.visit_phrase(rng, days),
        title=f"{title_prefix} {form} {CHILDRENS}",
        title_form=form,
        recipient=person,
        role=role,
        address=address,
        honorific_in_address=honorific,
        salutation=salutation,
        inspectors=people.distinct_people(rng, inspectors),
        majesty=_majesty(rng, letter_date),
    )


# --- 2009–2012: unannounced inspections of contact, referral and assessment --------------------------------

CRA_TITLE = "Annual unannounced inspection of contact, referral and assessment arrangements within"
SATISFACTORY_LEAD_IN = (
    "From the evidence gathered, the inspection identified a number of areas where the contact, referral and "
    "assessment arrangements were delivered satisfactorily in accordance with national guidance, in "
    "particular:"
)
SATISFACTORY_MEETS = "The service meets the requirements of statutory guidance in the following areas"


def plan_cra(rng: Random, picker: councils.CouncilPicker) -> Plan:
    def form(rng: Random, council: councils.Council) -> str:
        return council.short if rng.random() < 0.65 else council.formal

    plan = _base(rng, picker, "cra", (date(2009, 6, 8), date(2012, 3, 30)), CRA_TITLE, inspectors=1, title_form=form)
    composer = Composer(rng, "cra", _variables(rng, plan.council, plan.visit_days[0], None))
    strengths = [composer.bullet("pos", second=0.35) for _ in range(rng.randint(1, 5))]
    satisfactory = [composer.bullet("pos", second=0.2) for _ in range(rng.randint(3, 8))]
    development = [composer.bullet("neg", second=0.3, respond=0.25) for _ in range(rng.randint(2, 7))]
    priority = [composer.bullet("neg", second=0.4) for _ in range(rng.randint(1, 3))] if rng.random() < 0.15 else []
    if plan.letter_date < date(2010, 7, 1):
        sat_heading = rng.choice(("Satisfactory practice", SATISFACTORY_LEAD_IN))
    else:
        sat_heading = rng.choice(
            ("Satisfactory practice", SATISFACTORY_MEETS, SATISFACTORY_MEETS, SATISFACTORY_LEAD_IN)
        )
    sat = Section("satisfactory", sat_heading, satisfactory, lead_in=sat_heading.endswith(":"))
    rest = [Section("strength", "Strengths", strengths)]
    if priority:
        rest.append(Section("priority_action", "Areas for priority action", priority))
    if sat.lead_in and rng.random() < 0.8:
        plan.sections = [sat, *rest]
        plan.extras["order"] = "satisfactory_first"
    else:
        plan.sections = [*rest, sat] if rng.random() < 0.85 else [rest[0], sat, *rest[1:]]
    plan.sections.append(Section("area_for_development", "Areas for development", development))
    plan.extras["dcsf"] = plan.letter_date < date(2010, 5, 12)
    plan.extras["copy"] = [people.person(rng) for _ in range(3)]
    return plan


# --- monitoring visits (SIF 2014–2017, ILACS 2018–2026) ----------------------------------------------------


def _monitoring_dates(rng: Random, judged: tuple[date, date], latest: date, earliest: date):
    for _ in range(50):
        prior = dates.random_day(rng, *judged)
        ordinal = rng.choices(range(1, 9), weights=(16, 16, 15, 14, 12, 10, 9, 8))[0]
        start = dates.add_months(prior, ordinal * 3 + rng.randint(0, ordinal + 1))
        if earliest <= start <= latest and not (date(2020, 3, 10) <= start <= date(2020, 9, 15)):
            return prior, ordinal, start
    return prior, 1, earliest


# Per format: when the inadequate judgements that start monitoring fell, and the earliest and latest first day of a
# visit.
_MONITORING = {
    "ilacs_monitoring": ((date(2016, 3, 1), date(2025, 6, 30)), date(2018, 2, 1), date(2026, 3, 31)),
    "sif_monitoring": ((date(2013, 11, 1), date(2017, 3, 31)), date(2014, 3, 1), date(2017, 11, 1)),
}


def _monitoring(rng: Random, picker, fmt: str) -> Plan:
    judged, earliest, latest = _MONITORING[fmt]
    prior, ordinal, start = _monitoring_dates(rng, judged, latest, earliest)
    prefix = "Monitoring visit to" if fmt == "ilacs_monitoring" or rng.random() < 0.5 else "Monitoring visit of"
    inspectors = _inspector_count(rng, (18, 64, 14, 3, 1))
    plan = _base(rng, picker, fmt, (start, start + timedelta(days=20)), prefix, inspectors=inspectors)
    plan.prior_month, plan.ordinal = date(prior.year, prior.month, 1), ordinal
    plan.covid = date(2020, 9, 1) <= plan.visit_days[0] <= date(2021, 12, 31)
    composer = Composer(rng, "now", _variables(rng, plan.council, plan.visit_days[0], prior))
    tone = rng.uniform(0.3, 0.85)
    if rng.random() < 0.8:
        plan.scope_bullets = rng.sample(bank_letter.MONITORING_AREAS, rng.randint(1, 4))
    else:
        areas = rng.sample(bank_letter.MONITORING_AREAS, 2)
        plan.scope_para = (
            "Inspectors reviewed the progress made in the following areas of concern identified at "
            f"the last inspection: {lower(areas[0][:-1])} and {lower(areas[1])}"
        )
    sections = []
    if plan.framework == "ilacs" or rng.random() < 0.6:
        heading = rng.choice(("Headline findings", "Headline findings", "Overview"))
        if plan.framework == "sif":
            heading = rng.choice(("Overview", "Summary of findings", "Headline findings"))
        count = rng.choices((1, 2, 3), weights=(45, 40, 15))[0]
        sections.append(
            Section(
                "headline",
                heading,
                [composer.headline(tone, covid=plan.covid) for _ in range(count)],
                bullets=False,
            )
        )
    heading = "Findings and evaluation of progress"
    if plan.framework == "sif":
        heading = rng.choice(("Findings and evaluation of progress", "Evaluation of progress"))
    count = rng.randint(8, 13)
    sections.append(
        Section(
            "narrative",
            heading,
            [composer.narrative(tone, covid=plan.covid) for _ in range(count)],
            bullets=False,
        )
    )
    plan.sections = sections
    return plan


def lower(text: str) -> str:
    return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text


def plan_ilacs_monitoring(rng: Random, picker: councils.CouncilPicker) -> Plan:
    return _monitoring(rng, picker, "ilacs_monitoring")


def plan_sif_monitoring(rng: Random, picker: councils.CouncilPicker) -> Plan:
    return _monitoring(rng, picker, "sif_monitoring")


# --- focused visits (ILACS 2018–2026, and the COVID-19 visits of 2020–2021) ---------------------------------


def _scope(rng: Random, plan: Plan) -> None:
    arrangement = rng.choice(bank_letter.SCOPE_ARRANGEMENTS)
    verb = rng.choice(("looked at", "looked at", "looked at", "evaluated", "reviewed"))
    opener = "During this visit, inspectors" if rng.random() < 0.1 else "Inspectors"
    text = f"{opener} {verb} the local authority's arrangements for {arrangement}."
    roll = rng.random()
    if roll < 0.18:
        text += " " + rng.choice(bank_letter.SCOPE_ALSO)
    elif roll < 0.33 and plan.letter_date.year >= 2022:
        text += " This visit focused specifically on:"
        plan.scope_bullets = rng.sample(bank_letter.SCOPE_FOCUS_BULLETS, rng.randint(2, 4))
    plan.scope_para = text


def _improvements(rng: Random, composer: Composer, plan: Plan, low: int, high: int) -> list[str]:
    note = plan.letter_date >= date(2025, 1, 1) and rng.random() < 0.5
    return [composer.improvement(framework_note=note) for _ in range(rng.randint(low, high))]


def plan_ilacs_focused(rng: Random, picker: councils.CouncilPicker) -> Plan:
    if rng.random() < 0.3:
        window = (date(2018, 1, 15), date(2020, 3, 10))
    else:
        window = (date(2021, 9, 6), date(2026, 2, 27))
    inspectors = _inspector_count(rng, (8, 68, 18, 4, 2))
    plan = _base(rng, picker, "ilacs_focused", window, "Focused visit to", inspectors=inspectors)
    _scope(rng, plan)
    composer = Composer(rng, "now", _variables(rng, plan.council, plan.visit_days[0], None))
    tone = rng.uniform(0.25, 0.9)
    early = plan.letter_date < date(2020, 6, 1)
    headline = (
        "Overview" if (early and rng.random() < 0.85) or (not early and rng.random() < 0.1) else "Headline findings"
    )
    improve = "What needs to improve in this area of social work practice"
    if plan.letter_date >= date(2022, 1, 1) and rng.random() < 0.8:
        improve += "?"
    findings_heading = "Findings" if (early and rng.random() < 0.8) or rng.random() < 0.15 else "Main findings"
    bulleted = early and rng.random() < 0.5
    count = rng.choices((1, 2, 3), weights=(35, 45, 20))[0]
    plan.sections = [
        Section("headline", headline, [composer.headline(tone) for _ in range(count)], bullets=False),
        Section("area_for_improvement", improve, _improvements(rng, composer, plan, 2, 5)),
        Section(
            "narrative",
            findings_heading,
            [composer.narrative(tone) for _ in range(rng.randint(6, 10))],
            bullets=bulleted,
        ),
    ]
    if plan.letter_date >= date(2024, 6, 1) and rng.random() < 0.5:
        plan.extras["footnote"] = True
    return plan


def plan_covid_focused(rng: Random, picker: councils.CouncilPicker) -> Plan:
    inspectors = _inspector_count(rng, (5, 50, 20, 12, 13))
    window = (date(2020, 9, 14), date(2021, 7, 9))
    plan = _base(rng, picker, "covid_focused", window, "Focused visit to", inspectors=inspectors)
    plan.covid = True
    plan.extras["autumn_2020"] = plan.visit_days[0] < date(2021, 1, 1)
    _scope(rng, plan)
    composer = Composer(rng, "now", _variables(rng, plan.council, plan.visit_days[0], None))
    tone = rng.uniform(0.2, 0.85)
    sections = []
    if rng.random() < 0.7:
        sections.append(
            Section(
                "headline",
                "Headline findings",
                [composer.headline(tone, covid=True) for _ in range(rng.randint(1, 2))],
                bullets=False,
            )
        )
    if rng.random() < 0.35:
        sections.append(
            Section(
                "priority_action",
                "Areas for priority action",
                [composer.improvement() for _ in range(rng.randint(1, 2))],
            )
        )
    sections.append(
        Section(
            "area_for_improvement",
            "What needs to improve in this area of social work practice",
            _improvements(rng, composer, plan, 2, 4),
        )
    )
    sections.append(
        Section(
            "narrative",
            rng.choice(("Findings", "Main findings")),
            [composer.narrative(tone, covid=True) for _ in range(rng.randint(6, 9))],
            bullets=rng.random() < 0.35,
        )
    )
    plan.sections = sections
    return plan


FORMATS = {
    "cra": ("cra", "unannounced inspection", plan_cra),
    "ilacs_monitoring": ("ilacs", "monitoring visit", plan_ilacs_monitoring),
    "ilacs_focused": ("ilacs", "focused visit", plan_ilacs_focused),
    "sif_monitoring": ("sif", "monitoring visit", plan_sif_monitoring),
    "covid_focused": ("ilacs", "focused visit", plan_covid_focused),
}
FORMAT_WEIGHTS = {
    "cra": 24,
    "ilacs_monitoring": 22,
    "ilacs_focused": 34,
    "sif_monitoring": 12,
    "covid_focused": 8,
}
