from letters.parsing.blocks import build_blocks
from letters.parsing.findings import extract


def sections_of(text):
    blocks = [b for b in build_blocks(text) if b.kind not in ("header", "salutation")]
    return extract(blocks)


def test_cra_sections_and_closing_sentence():
    text = (
        "Dear Ms X\n\nAnnual unannounced inspection of contact, referral and assessment arrangements "
        "within Luton children's services\n\n"
        "The inspection identified no areas for priority action but some areas for development "
        "which are detailed below.\n\n"
        "From the evidence gathered, the following features of the service were identified:\n\n"
        "Strengths\n\n- Staff are stable.\n\nSatisfactory practice\n\n- Referrals are timely.\n\n"
        "Areas for priority action\n\n- Thresholds are unclear.\n\n"
        "Areas for development\n\n- Audits are thin.\n\n"
        "Any areas for development identified above will be specifically considered in any future inspection.\n\n"
        "Yours sincerely\n\nA Person Her Majesty's Inspector\n"
    )
    out = sections_of(text)
    assert out.findings == [
        ("strength", "Staff are stable."),
        ("satisfactory", "Referrals are timely."),
        ("priority_action", "Thresholds are unclear."),
        ("area_for_development", "Audits are thin."),
    ]
    assert out.sign_off[0] == "Yours sincerely"


def test_satisfactory_lead_in_sentence_opens_the_satisfactory_section():
    text = (
        "Dear Mr Y\n\nFrom the evidence gathered, the inspection identified a number of areas "
        "where the arrangements were "
        "delivered satisfactorily in accordance with national guidance, in particular:\n\n- Visits are timely.\n\n"
        "From the evidence gathered, the following strengths and areas for development were also identified:\n\n"
        "Strengths\n\n- Morale is high.\n"
    )
    assert sections_of(text).findings == [("satisfactory", "Visits are timely."), ("strength", "Morale is high.")]


def test_scope_is_kept_out_of_findings():
    text = (
        "Dear Jo\nMonitoring visit to Luton children’s services\n\nAreas covered by the visit\n\n"
        "Inspectors reviewed the progress made in the following areas of concern:\n\n"
        "- The front door.\n- Thresholds.\n\n"
        "Headline findings\n\nProgress is steady.\n\nFindings and evaluation of progress\n\nThe MASH works well.\n"
    )
    out = sections_of(text)
    assert out.scope == [
        "Inspectors reviewed the progress made in the following areas of concern:",
        "The front door.",
        "Thresholds.",
    ]
    assert out.findings == [("headline", "Progress is steady."), ("narrative", "The MASH works well.")]


def test_a_letter_without_headings_falls_back_to_narrative_with_a_warning():
    text = (
        "Dear Jo\n\nThis letter summarises the findings of the visit.\n\nThe front door is safe.\n\nYours sincerely\n"
    )
    out = sections_of(text)
    assert out.findings == [("narrative", "The front door is safe.")]
    assert out.warnings
