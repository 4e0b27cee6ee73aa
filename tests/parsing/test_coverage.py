"""Nothing is lost without a trace: coverage, the set-aside text and the warnings that go with them (text path)."""

from letters.parsing import parse
from letters.parsing.blocks import build_blocks
from letters.parsing.normalise import normalise

HEADER = (
    "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n\n12 March 2024\nJo Bloggs\n"
    "Director of Children's Services\nWigan Council\nDear Ms Bloggs\n"
    "Focused visit to Wigan children's services\n"
    "This letter summarises the findings of the focused visit to Wigan children's services on\n"
    "6 and 7 February 2024. His Majesty's Inspectors for this visit were Linda Steele and\n"
    "Donna Marriott.\n"
)
FILLER = "".join(
    "Leaders have acted to improve the quality of practice for children who need help and\n"
    "protection, and social workers know their children well.\n"
    for _ in range(5)
)
SIGN_OFF = "Yours sincerely\nLinda Steele\nHis Majesty's Inspector\n"


def letter(body: str) -> bytes:
    return (HEADER + "Headline findings\n" + FILLER + body + SIGN_OFF).encode()


def test_closing_boilerplate_run_into_the_last_finding_is_set_aside_not_kept():
    got = parse(
        letter(
            "Managers are visible and supportive, and staff say that they enjoy working in Wigan.\n"
            "Ofsted will take the findings from this focused visit into account when planning the next\n"
            "inspection or visit.\n"
        )
    )
    assert got.findings[-1].text.endswith("enjoy working in Wigan.")
    assert not any("Ofsted will take" in f.text for f in got.findings)
    assert [a.reason for a in got.set_aside if a.text.startswith("Ofsted will take")] == ["boilerplate"]
    assert got.coverage == 1.0


def test_prose_under_a_heading_that_opens_no_findings_is_named_and_lowers_confidence():
    prose = (
        "Next steps\nThe local authority should prepare a written action plan. It should explain how the\n"
        "areas for improvement will be addressed. Leaders should share the plan with partners, and with\n"
        "the children and families who use the service, within seventy working days of this letter.\n"
    )
    clean, flagged = parse(letter("")), parse(letter(prose))
    assert flagged.coverage < 0.98
    assert [a.reason for a in flagged.set_aside if a.text.startswith("The local authority should")] == ["unplaced"]
    warning = next(w for w in flagged.warnings if "set aside" in w)
    assert "unplaced: 'The local authority should prepare" in warning
    assert flagged.confidence < clean.confidence


def test_a_numbered_note_whose_marker_is_in_the_body_is_a_footnote_a_wide_line_alone_is_not():
    text = HEADER + (
        "Headline findings\n" + FILLER + "Leaders use the national framework well.1\n"
        "1 The national framework sets out the outcomes that children's social care should achieve.\n\n2\n\f"
        "Main findings\n" + FILLER + "Children are protected by decision-making at the front door, with multi-agency\n"
        "checks well co-ordinated by skilled, experienced and well-supported professionals in the multiagency\n\n3\n\f"
        "safeguarding hub.\n" + SIGN_OFF
    )
    got = parse(text.encode())
    assert [a.text[:29] for a in got.set_aside if a.reason == "footnote"] == ["1 The national framework sets"]
    assert [a.text for a in got.set_aside if a.reason == "page_furniture"] == ["2", "3"]
    assert any(f.text.startswith("Children are protected") and f.text.endswith("hub.") for f in got.findings)
    assert "1 The national framework" in got.cleaned_text  # set aside, never lost: search still finds it


def test_a_full_last_line_ending_a_sentence_is_reported_as_a_guess():
    body = (
        "Most children are seen quickly and their views are sought, recorded and shared in plans with\n"
        "their families, carers and the professionals who work with them, which is good practice here.\n"
        "Strategy meetings are timely and well attended.\n"
    )
    got = parse(letter(body))
    assert any("could not be told from the text" in w and "guessed" in w for w in got.warnings)
    assert got.confidence == round(got.confidence, 2)


def test_a_short_last_line_ends_its_paragraph_without_a_guess():
    body = "Children are seen quickly.\nStrategy meetings are timely and well attended.\n"
    got = parse(letter(body))
    texts = [f.text for f in got.findings]
    assert "Children are seen quickly." in texts
    assert "Strategy meetings are timely and well attended." in texts


def test_a_sentence_starting_a_line_with_a_headings_words_is_not_a_heading():
    body = (
        "Leaders have a clear understanding of the quality of practice and they know\n"
        "what needs to improve. They have acted to strengthen management oversight.\n"
    )
    got = parse(letter(body))
    assert any("know what needs to improve. They have acted" in f.text for f in got.findings)
    assert all(f.section == "headline" for f in got.findings)


def test_bullets_split_per_bullet_whatever_the_glyph_or_case():
    body = (
        "What needs to improve in this area of social work practice?\n"
        "◼ the quality of assessments\n"
        "\uf06e management oversight of plans\n"
        "• The timeliness of visits.\n"
        "- the use of chronologies\n"
        "o the recording of direct work\n"
        "Main findings\n" + FILLER
    )
    got = parse(letter(body))
    improve = [f.text for f in got.findings if f.section == "area_for_improvement"]
    assert improve == [
        "the quality of assessments",
        "management oversight of plans",
        "The timeliness of visits.",
        "the use of chronologies",
        "the recording of direct work",
    ]


def test_page_furniture_blocks_are_marked_not_dropped():
    blocks = build_blocks(normalise("Dear Ms X\n\nThe service has\n\n\nINVESTOR IN PEOPLE\n\n3\n\fimproved.\n"))
    assert [(b.set_aside, b.text) for b in blocks if b.set_aside] == [
        ("page_furniture", "INVESTOR IN PEOPLE"),
        ("page_furniture", "3"),
    ]


def test_opening_prose_outside_the_letters_frame_is_named_not_skipped():
    raw = (
        HEADER + "Leaders have made good progress on the four areas for improvement identified at the last visit,\n"
        "and the service is now more stable than it has been for several years.\n"
        "Headline findings\n" + FILLER + SIGN_OFF
    ).encode()
    got = parse(raw)
    assert [a.text[:28] for a in got.set_aside if a.reason == "unplaced"] == ["Leaders have made good progr"]
    assert got.coverage < 0.98
    assert any("unplaced: 'Leaders have made good progress" in w for w in got.warnings)


def test_the_letters_frame_before_the_findings_is_neither_a_finding_nor_unplaced():
    got = parse(letter(""))
    assert got.coverage == 1.0
    assert not [a for a in got.set_aside if a.reason == "unplaced"]
