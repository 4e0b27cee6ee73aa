from letters.parsing.blocks import (
    BULLET,
    FOOTNOTE,
    HEADING,
    PAGE_FURNITURE,
    PARA,
    build_blocks,
    is_furniture,
    runs_on,
    wrap_width,
)


def body(blocks):
    return [(b.kind, b.text) for b in blocks if b.kind in (PARA, BULLET, HEADING) and not b.set_aside]


def test_sentence_split_by_a_page_break_is_rejoined():
    text = "Dear Ms X\nTitle line\n\nLeaders and politicians have\n\n\n\nworked hard with partners.\n"
    assert (PARA, "Leaders and politicians have worked hard with partners.") in body(build_blocks(text))


def test_word_split_at_its_hyphen_by_a_page_break_is_rejoined_without_a_space():
    text = "Dear Ms X\n\n- The database is accessible to the out-\n\nof-hours duty service.\n"
    assert (BULLET, "The database is accessible to the out-of-hours duty service.") in body(build_blocks(text))


def test_page_furniture_between_parts_of_a_sentence_is_dropped():
    text = "Dear Ms X\n\nThe service has\n\n\nINVESTOR IN PEOPLE\n\n3\n\fimproved its timeliness.\n"
    assert (PARA, "The service has improved its timeliness.") in body(build_blocks(text))


def test_bullet_marker_alone_on_a_line_joins_the_text_after_a_blank_line():
    text = "Dear Ms X\n\nStrengths\n•\n\nThe team is stable.\n"
    assert body(build_blocks(text))[-1] == (BULLET, "The team is stable.")


def test_indented_line_after_a_finished_sentence_is_a_bullet_whose_marker_was_lost():
    text = "Dear Ms X\n\nAreas for development\n\n- Referrals are slow.\n Training is patchy.\n"
    assert body(build_blocks(text))[-2:] == [(BULLET, "Referrals are slow."), (BULLET, "Training is patchy.")]


def wrapped_letter() -> str:
    para1 = (
        "When children are first referred to the MASH in Nottinghamshire, initial information\n"
        "sharing is effective. A range of professionals, along with early help coordinators,\n"
        "ensure that families are signposted to support.\n"
    )
    para2 = (
        "Social workers in the MASH make appropriate enquiries in most cases to inform\n"
        "decision-making. Parents and carers are contacted when needed to gather further\n"
        "information and discuss next steps.\n"
    )
    filler = "".join(
        "This sentence is here to give the letter enough wrapped lines of typical width to\nmeasure.\n"
        for _ in range(4)
    )
    return (
        "Dear Ms Coyle\nFocused visit to Nottinghamshire children’s services\nMain findings\n" + para1 + para2 + filler
    )


def test_hard_wrapped_paragraphs_are_reflowed_and_split_where_a_line_ends_short():
    blocks = body(build_blocks(wrapped_letter()))
    assert blocks[0] == (HEADING, "Focused visit to Nottinghamshire children’s services")
    assert blocks[1] == (HEADING, "Main findings")
    assert blocks[2][1].startswith("When children are first referred")
    assert blocks[2][1].endswith("are signposted to support.")
    assert blocks[3][1].startswith("Social workers in the MASH")


def test_wrap_width_is_none_for_one_paragraph_per_line_text():
    lines = ["x" * 400] * 10 + ["short"] * 10
    assert wrap_width(lines) is None
    assert wrap_width(["y" * 80] * 20) == 80


def test_runs_on_needs_an_unfinished_sentence():
    assert runs_on("The council has", "worked hard.")
    assert runs_on("in line with the", "Children Act 1989.")
    assert not runs_on("The council has worked hard.", "it is clear.")
    assert not runs_on("Strengths", "Capacity is good.")


def test_ofsted_address_lines_are_furniture_but_findings_are_not():
    assert is_furniture("Piccadilly Gate")
    assert is_furniture("Textphone 0161 618 8524")
    assert is_furniture("Freshford House Redcliffe Way Bristol BS1 6NL T 0300 1231231 enquiries@ofsted.gov.uk")
    assert is_furniture("12")
    assert not is_furniture("Referrals are passed to the front door within 24 hours.")
    assert not is_furniture("Telephone calls to the front door are answered promptly.")


def test_footnote_at_a_page_foot_is_set_aside_as_a_footnote_not_dropped():
    text = wrapped_letter() + (
        "\nThe areas for improvement have been cross-referenced with the outcomes, enablers or principles in\n"
        "the Children’s Social Care: National Framework.\n\n2\n\fA new paragraph starts on the next page.\n"
    )
    blocks = build_blocks(text)
    texts = [t for _, t in body(blocks)]
    assert not any("cross-referenced" in t for t in texts)
    assert "A new paragraph starts on the next page." in texts
    assert [b.text[:30] for b in blocks if b.set_aside == FOOTNOTE] == ["The areas for improvement have"]
    assert [b.text for b in blocks if b.set_aside == PAGE_FURNITURE] == ["2"]
