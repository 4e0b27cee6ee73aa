"""The SVG charts: structure, text alternative, escaping, empty data, label thinning and colour contrast."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString

from letters import charts
from letters.charts import bar_chart, column_chart, stacked_columns

NS = "{http://www.w3.org/2000/svg}"

THEMES = [("Safeguarding", 42), ("Leadership", 17), ("Care leavers", 0), ("Early help", 1234)]
YEARS = [(str(year), count) for year, count in zip(range(2018, 2025), [3, 0, 5, 8, 2, 6, 4], strict=True)]
COUNCIL = [("Strengths", [2, 0, 3, 1]), ("Areas for development", [1, 0, 4, 0])]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter(f"{NS}rect") if el.get("class") == "bar"]


def texts(root: ET.Element) -> list[str]:
    """The visible text of every <text> element (a truncated label's full-text <title> child is left out)."""
    shown = []
    for el in root.iter(f"{NS}text"):
        tooltip = el.find(f"{NS}title")
        shown.append("".join(el.itertext()) if tooltip is None else tooltip.tail or "")
    return shown


def desc(root: ET.Element) -> str:
    return root.find(f"{NS}desc").text


def all_charts(**overrides):
    yield bar_chart(THEMES, title="Findings by theme", description="Findings per theme.", **overrides)
    yield column_chart(YEARS, title="Letters by year", description="Letters published each year.", **overrides)
    yield stacked_columns(
        [2020, 2021, 2022, 2023], COUNCIL, title="Findings by year", description="Strengths and areas.", **overrides
    )


# ---------------------------------------------------------------------------------------------------------------------
# Structure


@pytest.mark.parametrize("svg", list(all_charts()))
def test_every_chart_is_a_labelled_image_that_parses_as_xml(svg):
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert "chart" in root.get("class").split()
    assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", root.get("viewBox"))
    assert root.get("width") is None and root.get("height") is None  # CSS sizes it: the viewBox keeps the shape
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{NS}title").get("id") == title_id
    assert root.find(f"{NS}desc").get("id") == desc_id
    assert title_id.endswith("-title") and desc_id.endswith("-desc")
    assert list(root)[:2] == [root.find(f"{NS}title"), root.find(f"{NS}desc")]  # first children, as AT expects


def test_ids_are_unique_across_charts_and_valid():
    svgs = list(all_charts())
    svgs.append(bar_chart(THEMES[:2], title="Findings by theme", description="Findings per theme."))  # same title
    ids = [el.get("id") for svg in svgs for el in parse(svg).iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z][\w-]*", id_) for id_ in ids)


def test_same_input_gives_same_ids():
    assert bar_chart(THEMES, title="T", description="D") == bar_chart(THEMES, title="T", description="D")


def test_id_prefix_is_used_and_checked():
    root = parse(bar_chart(THEMES, title="T", description="D", id_prefix="themes"))
    assert root.get("aria-labelledby") == "themes-title themes-desc"
    with pytest.raises(ValueError):
        bar_chart(THEMES, title="T", description="D", id_prefix='x" onload="alert(1)')
    with pytest.raises(ValueError):
        bar_chart(THEMES, title="T", description="D", id_prefix="1abc")


def test_bar_chart_draws_one_bar_per_non_zero_row_and_prints_every_value():
    root = parse(bar_chart(THEMES, title="Findings by theme", description="Findings per theme."))
    assert [b.find(f"{NS}title").text for b in bars(root)] == [
        "Safeguarding: 42",
        "Leadership: 17",
        "Early help: 1,234",
    ]
    shown = texts(root)
    for label, value in THEMES:
        assert label in shown
        assert f"{value:,}" in shown
    widths = [float(b.get("width")) for b in bars(root)]
    assert widths[2] == max(widths)  # the largest value has the longest bar
    assert widths[0] / widths[2] == pytest.approx(42 / 1234, rel=0.01)


def test_bar_chart_height_follows_bar_height():
    small = parse(bar_chart(THEMES, title="T", description="D", bar_height=10))
    large = parse(bar_chart(THEMES, title="T", description="D", bar_height=30))
    assert {float(b.get("height")) for b in bars(small)} == {10}
    assert float(small.get("viewBox").split()[3]) < float(large.get("viewBox").split()[3])


def test_bar_chart_truncates_a_long_label_but_keeps_it_whole_in_a_tooltip_and_the_desc():
    long = "Leadership and management of services for children in need of help and protection"
    root = parse(bar_chart([(long, 3), ("Short", 1)], title="T", description="D"))
    label = next(el for el in root.iter(f"{NS}text") if el.find(f"{NS}title") is not None)
    assert label.find(f"{NS}title").text == long
    assert label.find(f"{NS}title").tail.endswith("…")
    assert f"{long}: 3" in desc(root)


def test_column_chart_draws_one_column_per_non_zero_year_and_prints_values():
    root = parse(column_chart(YEARS, title="Letters by year", description="Letters published each year."))
    assert len(bars(root)) == sum(1 for _, count in YEARS if count)
    shown = texts(root)
    for year, count in YEARS:
        assert year in shown
        assert str(count) in shown
    heights = {b.find(f"{NS}title").text: float(b.get("height")) for b in bars(root)}
    assert heights["2021: 8"] == pytest.approx(4 * heights["2022: 2"])


def test_column_chart_accepts_integer_years():
    root = parse(column_chart([(2020, 1), (2021, 2)], title="T", description="D"))
    assert "2020: 1; 2021: 2." in desc(root)


def test_stacked_columns_stack_segments_per_year_with_a_patterned_legend():
    root = parse(
        stacked_columns([2020, 2021, 2022, 2023], COUNCIL, title="Findings by year", description="Strengths and areas.")
    )
    assert len(bars(root)) == sum(1 for _, values in COUNCIL for v in values if v)
    tips = [b.find(f"{NS}title").text for b in bars(root)]
    assert "2022, Strengths: 3" in tips and "2022, Areas for development: 4" in tips
    # The second series is filled with a pattern that exists, not only a different colour.
    fills = {b.get("fill") for b in bars(root)}
    assert charts.SERIES_COLOURS[0] in fills
    pattern_ids = {p.get("id") for p in root.iter(f"{NS}pattern")}
    assert any(fill == f"url(#{pid})" for fill in fills for pid in pattern_ids)
    # Segments of one year touch: the second starts where the first ends.
    seg_2022 = [b for b in bars(root) if b.find(f"{NS}title").text.startswith("2022")]
    lower, upper = seg_2022
    assert float(upper.get("y")) + float(upper.get("height")) == pytest.approx(float(lower.get("y")), abs=0.11)
    # The legend names each series with its total, next to a swatch filled like its segments.
    legend = [el for el in root.iter(f"{NS}g") if el.get("class") == "chart-legend-item"]
    assert ["".join(item.find(f"{NS}text").itertext()) for item in legend] == [
        "Strengths (6)",
        "Areas for development (5)",
    ]
    assert [item.find(f"{NS}rect").get("fill") for item in legend[1:]] == [
        b.get("fill") for b in bars(root) if "Areas" in b.find(f"{NS}title").text
    ][:1]
    # Totals above the columns, and every number in the text alternative.
    assert {"3", "7", "1"} <= set(texts(root))
    assert "2021: Strengths 0, Areas for development 0" in desc(root)
    assert "2022: Strengths 3, Areas for development 4" in desc(root)


def test_stacked_columns_give_four_series_four_different_fills():
    series = [(f"S{i}", [i + 1, 1]) for i in range(4)]
    root = parse(stacked_columns([2020, 2021], series, title="T", description="D"))
    assert len({b.get("fill") for b in bars(root)}) == 4
    assert len(list(root.iter(f"{NS}pattern"))) == 3


@pytest.mark.parametrize(
    "series",
    [
        [],
        [(f"S{i}", [1]) for i in range(5)],
        [("Short", [1]), ("Long", [1, 2])],
    ],
)
def test_stacked_columns_reject_malformed_series(series):
    with pytest.raises(ValueError):
        stacked_columns([2020], series, title="T", description="D")


def test_negative_counts_are_rejected():
    with pytest.raises(ValueError):
        bar_chart([("A", -1)], title="T", description="D")


# ---------------------------------------------------------------------------------------------------------------------
# Text alternative


def test_desc_holds_the_description_and_every_number():
    root = parse(bar_chart(THEMES, title="Findings by theme", description="Findings per theme"))
    assert root.find(f"{NS}title").text == "Findings by theme"
    assert desc(root) == "Findings per theme. Safeguarding: 42; Leadership: 17; Care leavers: 0; Early help: 1,234."


# ---------------------------------------------------------------------------------------------------------------------
# Escaping


def test_markup_in_labels_titles_and_series_names_comes_out_escaped():
    evil = '<script>alert("x")</script>'
    svgs = [
        bar_chart([(evil, 1)], title=evil, description=evil),
        column_chart([(evil, 1)], title=evil, description=evil),
        stacked_columns([evil], [(evil, [1]), ("ok", [2])], title=evil, description=evil),
        bar_chart([], title=evil, description=evil, empty_text=evil),
    ]
    for svg in svgs:
        assert "<script" not in svg
        assert "&lt;script&gt;" in svg
        root = parse(svg)
        assert not list(root.iter("script")) and not list(root.iter(f"{NS}script"))
        assert root.find(f"{NS}title").text == evil  # escaped in the markup, the same text once parsed


def test_quotes_and_ampersands_cannot_break_out_of_attributes_or_the_xml():
    label = 'Children\'s services & "help" \x0c\x00'
    root = parse(bar_chart([(label, 2)], title=label, description=label))
    assert root.find(f"{NS}title").text == 'Children\'s services & "help"'


def test_lazy_and_non_string_text_is_accepted():
    from django.utils.functional import lazy

    lazy_title = lazy(lambda: "Lazy title", str)()
    root = parse(column_chart([(2020, 1)], title=lazy_title, description=2020))
    assert root.find(f"{NS}title").text == "Lazy title"


# ---------------------------------------------------------------------------------------------------------------------
# Empty and all-zero data


@pytest.mark.parametrize(
    "make",
    [
        lambda: bar_chart([], title="T", description="D"),
        lambda: bar_chart([("A", 0), ("B", 0)], title="T", description="D"),
        lambda: column_chart([], title="T", description="D"),
        lambda: column_chart([("2020", 0), ("2021", 0)], title="T", description="D"),
        lambda: stacked_columns([], [("S", []), ("A", [])], title="T", description="D"),
        lambda: stacked_columns([2020, 2021], [("S", [0, 0]), ("A", [0, 0])], title="T", description="D"),
    ],
)
def test_empty_and_all_zero_data_draw_an_empty_state(make):
    root = parse(make())
    assert root.get("role") == "img"
    assert not bars(root)
    assert texts(root) == [charts.EMPTY_TEXT]
    assert "chart-empty" in root.get("class").split()


def test_all_zero_data_still_reports_its_zeros_in_the_desc():
    root = parse(column_chart([("2020", 0), ("2021", 0)], title="T", description="D"))
    assert desc(root) == "D. 2020: 0; 2021: 0."


def test_empty_text_can_be_changed():
    root = parse(bar_chart([], title="T", description="D", empty_text="No findings yet."))
    assert texts(root) == ["No findings yet."]


def test_a_single_small_value_still_gets_a_sensible_scale():
    root = parse(column_chart([("2020", 1)], title="T", description="D"))
    (bar,) = bars(root)
    assert float(bar.get("height")) > 0
    assert all(re.fullmatch(r"-?\d+(\.\d)?", v) for el in root.iter() for k, v in el.attrib.items() if k in "xy")


# ---------------------------------------------------------------------------------------------------------------------
# Label thinning


def x_labels(root: ET.Element) -> list[str]:
    return [el.text for el in root.iter(f"{NS}text") if el.get("class") == "chart-x-label"]


def test_few_years_are_all_labelled():
    root = parse(column_chart(YEARS, title="T", description="D"))
    assert x_labels(root) == [year for year, _ in YEARS]


def test_many_years_are_thinned_evenly_keeping_the_latest():
    rows = [(str(year), year % 7 + 1) for year in range(1950, 2025)]
    root = parse(column_chart(rows, title="T", description="D"))
    shown = x_labels(root)
    assert 3 <= len(shown) < len(rows) / 2
    assert shown[-1] == "2024"
    gaps = {int(b) - int(a) for a, b in zip(shown, shown[1:], strict=False)}
    assert len(gaps) == 1  # an even step
    # Labels do not overlap: centres are further apart than a label is wide.
    centres = [float(el.get("x")) for el in root.iter(f"{NS}text") if el.get("class") == "chart-x-label"]
    assert min(b - a for a, b in zip(centres, centres[1:], strict=False)) > 4 * charts.CHAR_WIDTH
    assert len(bars(root)) == len(rows)
    assert "1950: 5;" in desc(root) and "2024: 2." in desc(root)  # hidden labels are still in the text alternative


def test_narrow_charts_thin_labels_more():
    rows = [(str(year), 1) for year in range(2000, 2025)]
    wide = x_labels(parse(column_chart(rows, title="T", description="D", width=960)))
    narrow = x_labels(parse(column_chart(rows, title="T", description="D", width=320)))
    assert len(narrow) < len(wide)


def test_stacked_columns_thin_labels_too():
    years = list(range(1970, 2025))
    root = parse(stacked_columns(years, [("A", [1] * len(years)), ("B", [2] * len(years))], title="T", description="D"))
    assert len(x_labels(root)) < len(years)
    assert x_labels(root)[-1] == "2024"


def test_every_element_stays_inside_the_view_box():
    rows = [(str(year), year % 7) for year in range(1950, 2025)]
    for svg in [*all_charts(), column_chart(rows, title="T", description="D")]:
        root = parse(svg)
        _, _, width, height = (float(v) for v in root.get("viewBox").split())
        for el in root.iter():
            for attr, limit in (("x", width), ("y", height)):
                if el.get(attr) is not None and not el.tag.endswith("pattern"):
                    assert 0 <= float(el.get(attr)) <= limit, (el.tag, attr, el.get(attr))


# ---------------------------------------------------------------------------------------------------------------------
# Colour contrast (WCAG 2.2: 1.4.11 non-text >= 3:1, 1.4.3 text >= 4.5:1)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


@pytest.mark.parametrize("colour", [charts.BAR_COLOUR, *charts.SERIES_COLOURS])
def test_bar_colours_have_non_text_contrast_with_white(colour):
    assert contrast_with_white(colour) >= 3


@pytest.mark.parametrize("colour", [charts.TEXT_COLOUR, charts.MUTED_TEXT_COLOUR])
def test_text_colours_have_text_contrast_with_white(colour):
    assert contrast_with_white(colour) >= 4.5


def test_every_text_and_bar_in_the_output_uses_a_checked_colour():
    allowed_text = {charts.TEXT_COLOUR, charts.MUTED_TEXT_COLOUR}
    for svg in all_charts():
        root = parse(svg)
        assert {el.get("fill") for el in root.iter(f"{NS}text")} <= allowed_text
        for bar in bars(root):
            fill = bar.get("fill")
            assert fill in charts.SERIES_COLOURS or fill.startswith("url(#")
