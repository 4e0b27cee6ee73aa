"""Render a planned letter as blocks, one function per format, in the wording of the real letters.

Formats: ``render_cra`` (2009–2012 unannounced inspections of contact, referral and assessment),
``render_monitoring`` (ILACS 2018– and SIF 2014–2017 monitoring visits), ``render_focused`` (ILACS focused
visits 2018–, and the COVID-19 focused visits of autumn 2020 to summer 2021). Only finding blocks carry
``finding=True``; boilerplate that may take OCR slips carries ``ocr=True``.
"""

from __future__ import annotations

from datetime import date
from random import Random

from letters.synthetic import councils, dates, offices, people
from letters.synthetic.document import Block, Builder, Kind
from letters.synthetic.plans import CHILDRENS, Plan

FOOTNOTE_TEXT = (
    "The areas for improvement have been cross-referenced with the outcomes, enablers or principles in the "
    "Children's Social Care: National Framework. This statutory guidance sets out the purpose, principles "
    "for practice and expected outcomes of children's social care."
)


# --- shared ---------------------------------------------------------------------------------------------


def _header(b: Builder, plan: Plan, rng: Random) -> None:
    b.lines(Kind.FURNITURE, offices.address_block(rng, plan.letter_date))
    b.add(Kind.LINE, dates.day_month_year(plan.letter_date))
    person = plan.recipient
    name = f"{person.honorific} {person.name}" if plan.honorific_in_address else person.name
    b.lines(Kind.ADDRESS, [name] + ([plan.role] if plan.role else []) + plan.address)
    b.add(Kind.SALUTATION, plan.salutation)
    b.add(Kind.TITLE, plan.title)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _listed(parts: list[str]) -> str:
    """'A, HMI, and B, HMI' – the serial comma the letters use when each name carries its title."""
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def inspector_sentence(rng: Random, plan: Plan) -> str:
    """How the opening names the inspectors; the lead is always named first."""
    names = [p.name for p in plan.inspectors]
    m = plan.majesty
    hmi = f"{m} Majesty's Inspector"
    if len(names) == 1:
        return rng.choice(
            (
                f"The visit was carried out by {names[0]}, {hmi}.",
                f"{hmi} for this visit was {names[0]}.",
                f"The inspector was {names[0]}, {hmi}.",
                f"The inspector for this visit was {names[0]} HMI.",
            )
        )
    joined = _join(names)
    count_word = ("two", "three", "four", "five")[len(names) - 2]
    options = [
        (
            f"{m} Majesty's {rng.choice(('Inspectors', 'Inspectors', 'inspectors'))} for this visit were {joined}.",
            8 if plan.letter_date.year >= 2020 else 2,
        ),
        (f"The inspectors were {joined}, {hmi}s.", 3),
        ("The inspectors were " + _listed([f"{n}, {hmi}" for n in names]) + ".", 3),
        ("The inspectors were " + _join([f"{n} HMI" for n in names]) + ".", 2),
        ("The inspectors were " + _listed([f"{n}, HMI" for n in names]) + ".", 1),
        (f"The visit was carried out by {m} Majesty's Inspectors {joined}.", 2),
        (f"The visit was conducted by {joined}, {count_word} of {m} Majesty's Inspectors.", 1),
        (
            f"{m} Majesty's Inspectors for this visit were {names[0]} (lead inspector) and {_join(names[1:])}.",
            1,
        ),
        (
            f"The lead inspector was {names[0]}, {hmi}, and the visit was also carried out by "
            f"{_join(names[1:])}, {hmi}{'s' if len(names) > 2 else ''}.",
            1,
        ),
    ]
    if plan.covid:
        options.append((f"{m} Majesty's Inspectors were {joined}.", 8))
    if len(names) == 2 and plan.letter_date >= date(2024, 1, 1):
        options.append((f"The inspectors for this visit were {names[0]}, {hmi}, and {names[1]}, Ofsted Inspector.", 3))
    texts, weights = zip(*options, strict=True)
    return rng.choices(texts, weights=weights)[0]


def _sections(b: Builder, plan: Plan, rng: Random, *, lead_in_improve: bool = False) -> None:
    for section in plan.sections:
        if section.lead_in:
            b.add(Kind.PARA, section.heading)
        else:
            footnote = FOOTNOTE_TEXT if section.key == "area_for_improvement" and plan.extras.get("footnote") else None
            b.add(Kind.HEADING, section.heading, footnote=footnote)
        if section.key == "area_for_improvement" and lead_in_improve:
            b.add(
                Kind.PARA,
                "The local authority needs to take further action to address the following areas of weakness:",
                ocr=True,
            )
        if section.bullets:
            b.bullets(section.items)
        else:
            b.paras(section.items)


def _sign(b: Builder, plan: Plan, rng: Random, *, same_line: float = 0.1) -> None:
    closing = "Yours sincerely"
    roll = rng.random()
    if roll < 0.08:
        closing += ","
    elif roll < 0.1:
        closing = "Yours faithfully"
    name, role = plan.inspectors[0].name, f"{plan.majesty} Majesty's Inspector"
    b.lines(Kind.SIGN, [closing, "", f"{name} {role}"] if rng.random() < same_line else [closing, "", name, role])


# --- 2009–2012: contact, referral and assessment ----------------------------------------------------------


CRA_INTRO = (
    "This letter {verb} the findings of the recent unannounced inspection of contact, referral and "
    "assessment arrangements within local authority children's services in {where} which was conducted "
    "{dates}. The inspection was carried out under section 138 of the Education and Inspections Act 2006."
)
CRA_REVIEW_2010 = "It will contribute to the annual review of the performance of the authority's children's services"
CRA_RATING = ", for which Ofsted will award a rating later in the year."
CRA_REVIEW_2011 = "It will contribute to Ofsted's annual assessment of the authority's children's services."
CRA_THANKS = "I would like to thank all of the staff we met for their assistance in undertaking this inspection."
CRA_NO_PRIORITY = (
    "The inspection identified no areas for priority action but some areas for development{comma} which are "
    "detailed below."
)
CRA_PRIORITY = (
    "The inspection identified areas for priority action and some areas for development, which are detailed below."
)
CRA_BALANCE = (
    "The inspection identified areas of strength and areas of practice that met requirements, with some "
    "areas for development."
)
CRA_METHOD = (
    "The inspection sampled the quality and effectiveness of contact, referral and assessment arrangements "
    "and their impact on minimising {extent} child abuse and neglect. Inspectors considered a range of "
    "evidence, including: electronic case records; supervision files and notes; observation of social "
    "workers and senior practitioners undertaking referral and assessment duties; and other information "
    "provided by staff and managers. Inspectors also spoke to a range of staff including managers, social "
    "workers, other practitioners and administrative staff."
)
CRA_PREVIOUS = (
    "The areas for development identified at the previous inspection of contact, referral and assessment "
    "arrangements in {month} have been considered during this inspection. The local authority developed an "
    "action plan and {extent} progress has been made in most of these areas."
)
CRA_FEATURES = "From the evidence gathered, the following features of the service were identified:"
CRA_ALSO = "From the evidence gathered, the following strengths and areas for development were also identified:"
CRA_CLOSING = (
    "{lead} for development identified above will be specifically considered in any future inspection of "
    "services to safeguard children within your area."
)


def render_cra(plan: Plan, rng: Random) -> list[Block]:
    b = Builder()
    _header(b, plan, rng)
    where = councils.in_full(rng, plan.council) if rng.random() < 0.85 else plan.council.short
    verb = rng.choice(("summarises", "summarises", "contains"))
    intro = [CRA_INTRO.format(verb=verb, where=where, dates=plan.visit_phrase)]
    if plan.letter_date < date(2011, 4, 1) and rng.random() < 0.8:
        intro.append(CRA_REVIEW_2010 + (CRA_RATING if rng.random() < 0.6 else "."))
    else:
        intro.append(CRA_REVIEW_2011)
    if rng.random() < 0.6:
        intro.append(CRA_THANKS)
    b.add(Kind.PARA, " ".join(intro))

    priority = any(s.key == "priority_action" for s in plan.sections)
    summary = CRA_PRIORITY if priority else CRA_NO_PRIORITY.format(comma=rng.choice(("", ",")))
    method = CRA_METHOD.format(extent=rng.choice(("any", "the incidence of")))
    if rng.random() < 0.5:
        b.add(Kind.PARA, summary, ocr=True)
        b.add(Kind.PARA, method, ocr=True)
    else:
        b.add(Kind.PARA, method, ocr=True)
        if priority or rng.random() < 0.7:
            b.add(Kind.PARA, summary if priority or rng.random() < 0.5 else CRA_BALANCE, ocr=True)
    if rng.random() < 0.2:
        month = dates.month_year(dates.add_months(plan.visit_days[0], -rng.randint(9, 14)))
        extent = rng.choice(("significant", "some", "good"))
        b.add(Kind.PARA, CRA_PREVIOUS.format(month=month, extent=extent), ocr=True)

    sections = plan.sections
    if plan.extras.get("order") == "satisfactory_first":
        b.add(Kind.PARA, sections[0].heading)  # the long lead-in to the satisfactory practice
        b.bullets(sections[0].items)
        b.add(Kind.PARA, CRA_ALSO)
        sections = sections[1:]
    else:
        b.add(Kind.PARA, CRA_FEATURES)
    for section in sections:
        b.add(Kind.PARA if section.lead_in else Kind.HEADING, section.heading)
        b.bullets(section.items)
    if rng.random() < 0.75:
        b.add(Kind.PARA, CRA_CLOSING.format(lead=rng.choice(("Any areas", "Areas", "Any areas"))))
    _sign(b, plan, rng, same_line=0.35)

    chief, chair, member = plan.extras["copy"]
    council = plan.council
    copy = [
        f"{chief.name}, Chief Executive, {council.formal}",
        f"{chair.name}, Chair of {council.short} Safeguarding Children Board",
        f"Councillor {member.name}, Lead Member for Children's Services, {council.formal}",
        people.dfe_contact(rng, plan.extras["dcsf"]),
    ]
    b.lines(Kind.COPY, [f"Copy: {copy[0]}", *copy[1:]] if rng.random() < 0.7 else ["Copy:", "", *copy])
    return b.blocks


# --- monitoring visits ----------------------------------------------------------------------------------


def render_monitoring(plan: Plan, rng: Random) -> list[Block]:
    b = Builder()
    _header(b, plan, rng)
    ordinal = dates.ORDINALS[plan.ordinal - 1]
    judged = dates.month_year(plan.prior_month)
    form = plan.title_form if rng.random() < 0.8 else plan.council.short
    inspectors = inspector_sentence(rng, plan)
    judged_phrase = rng.choice(
        (
            "judged inadequate",
            "judged inadequate",
            "judged to be inadequate",
            "judged inadequate for overall effectiveness",
        )
    )
    if plan.framework == "sif":
        under = " under the single inspection framework" if rng.random() < 0.4 else ""
        when = "took place" if inspectors.startswith("The visit") else "was carried out"
        intro = (
            f"This letter summarises the findings of the {ordinal} monitoring visit to {form} {CHILDRENS} "
            f"since the local authority was {judged_phrase}{under} in {judged}. The visit {when} "
            f"{plan.visit_phrase}. {inspectors}"
        )
    else:
        intro = (
            f"This letter summarises the findings of the monitoring visit to {form} {CHILDRENS} "
            f"{plan.visit_phrase}. This was the {ordinal} monitoring visit since the local authority was "
            f"{judged_phrase} in {judged}. {inspectors}"
        )
    b.add(Kind.PARA, intro)
    b.add(Kind.HEADING, "Areas covered by the visit")
    if plan.scope_bullets:
        if plan.framework == "sif":
            lead = (
                "During the course of this visit, inspectors reviewed the progress made by the local "
                "authority in the following areas:"
            )
        else:
            lead = rng.choice(
                (
                    "Inspectors reviewed the progress made in the following areas of concern identified at "
                    "the last inspection:",
                    "Inspectors reviewed the progress made in the following areas:",
                    "During this visit, inspectors reviewed the progress made in:",
                )
            )
        b.add(Kind.PARA, lead)
        b.bullets(plan.scope_bullets, finding=False)
    else:
        b.add(Kind.PARA, plan.scope_para)
    b.add(Kind.PARA, _method(rng, plan), ocr=True)
    _sections(b, plan, rng)
    b.add(Kind.PARA, "I am copying this letter to the Department for Education.")
    _sign(b, plan, rng)
    return b.blocks


def _method(rng: Random, plan: Plan) -> str:
    if plan.framework == "sif":
        return (
            "A range of evidence was considered during the visit, including electronic case records, "
            "supervision files and notes, observation of social workers and senior practitioners and other "
            "information provided by staff and managers. In addition, we spoke to a range of staff, "
            "including managers, social workers and other practitioners."
        )
    text = (
        "This visit was carried out in line with the inspection of local authority children's services "
        "(ILACS) framework."
    )
    if plan.covid:
        text += (
            " However, the delivery model was adapted to reflect the COVID-19 context. The lead inspector "
            "and director of children's services agreed arrangements to deliver this visit effectively while "
            "working within national and local guidelines for responding to COVID-19. "
            + rng.choice(
                (
                    "The visit was carried out on site, with inspectors using video calls to talk to local "
                    "authority staff and partners when they were unable to be in the office.",
                    "Inspectors were primarily on site.",
                    "This visit was carried out remotely.",
                )
            )
        )
    elif rng.random() < 0.7:
        text += (
            " Inspectors " + rng.choice(("considered", "reviewed", "looked at")) + " a range of evidence, "
            "including "
            + rng.choice(
                (
                    "case discussions with social workers and managers, children's case records and the "
                    "local authority's quality assurance arrangements.",
                    "electronic records, performance management information, case file audits and other "
                    "information provided by senior leaders.",
                    "discussions with social workers, managers and leaders, and children's records.",
                )
            )
        )
    return text


# --- focused visits -------------------------------------------------------------------------------------

CHIEF_INSPECTOR = (
    "{m} Majesty's Chief Inspector of Education, Children's Services and Skills is leading Ofsted's work "
    "into how England's social care system has delivered child-centred practice and care within the context "
    "of the restrictions placed on society during the COVID-19 (coronavirus) pandemic."
)
INTERIM_2020 = (
    "This visit was carried out under the interim arrangements for inspecting local authority children's "
    "services during the COVID-19 (coronavirus) pandemic. Its aim was to provide assurance about how well "
    "children are being helped and protected."
)


def render_focused(plan: Plan, rng: Random) -> list[Block]:
    b = Builder()
    _header(b, plan, rng)
    covid = plan.covid
    if covid and not plan.extras.get("autumn_2020"):
        b.add(Kind.PARA, CHIEF_INSPECTOR.format(m=plan.majesty), ocr=True)
    form = plan.title_form if rng.random() < 0.85 else plan.council.short
    article = rng.choice(("a", "the")) if plan.letter_date.year < 2022 else "the"
    intro = (
        f"This letter summarises the findings of {article} focused visit to {form} {CHILDRENS} "
        f"{plan.visit_phrase}. {inspector_sentence(rng, plan)}"
    )
    b.add(Kind.PARA, intro)
    if covid and plan.extras.get("autumn_2020"):
        b.add(Kind.PARA, INTERIM_2020, ocr=True)
    b.add(Kind.PARA, plan.scope_para)
    if plan.scope_bullets:
        b.bullets(plan.scope_bullets, finding=False)
    b.add(Kind.PARA, _focused_method(rng, plan), ocr=True)
    _sections(b, plan, rng, lead_in_improve=rng.random() < 0.05)
    b.add(
        Kind.PARA,
        "Ofsted will take the findings from this focused visit into account when planning "
        + rng.choice(
            (
                "your next inspection or visit.",
                "your next inspection or visit.",
                "the next inspection or visit.",
            )
        ),
    )
    _sign(b, plan, rng, same_line=0.05)
    return b.blocks


def _focused_method(rng: Random, plan: Plan) -> str:
    evidence = rng.choice(
        (
            "Inspectors considered a range of evidence, including case discussions with social workers and "
            "team managers. They also looked at local authority performance management and quality "
            "assurance information and children's case records.",
            "Inspectors looked at a range of evidence, including case discussions with social workers, "
            "managers and senior leaders. They also looked at local authority performance management and "
            "quality assurance information and children's case records.",
            "A range of evidence was considered, including electronic records, performance management "
            "information, case file audits and other information provided by senior leaders.",
        )
    )
    if plan.covid:
        return (
            "The methodology for this visit was in line with the inspection of local authority children's "
            "services (ILACS) framework. However, the delivery model was adapted to reflect the COVID-19 "
            "context. "
            + rng.choice(
                (
                    "This visit was carried out remotely. ",
                    "Inspectors were primarily on site. ",
                    "This visit was carried out fully by remote means. ",
                )
            )
            + "The lead inspector and the director of children's services agreed arrangements to deliver "
            "this visit effectively while working within national and local guidelines for responding to "
            "COVID-19."
        )
    if plan.letter_date >= date(2021, 9, 1):
        ilacs = (
            "This visit was carried out in line with the inspection of local authority children's services "
            "(ILACS) framework."
        )
        return ilacs if rng.random() < 0.4 else f"{ilacs} {evidence}"
    return evidence


RENDERERS = {
    "cra": render_cra,
    "ilacs_monitoring": render_monitoring,
    "sif_monitoring": render_monitoring,
    "ilacs_focused": render_focused,
    "covid_focused": render_focused,
}
