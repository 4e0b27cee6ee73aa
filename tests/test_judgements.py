"""Judgements, JTAI topics, visit focus and finding headings: stored from the parse, kept when curated, shown on the
council's and the document's pages, counted as facets and carried by the exports."""

import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from letters.freshness import data_version
from letters.models import Authority, Finding, Inspection, Judgement
from letters.parsing import ParsedJudgement, parse
from letters.parsing.focus import focus_mask
from letters.services import reparse as reparse_module
from letters.services.count_tables import rebuild_facet_counts
from letters.services.judgements import grade_of, record_judgements_edit, refresh_judgement_summaries
from letters.services.reparse import reparse_letters
from letters.services.store import Lookups, sha256_of, store_new_letters, store_parsed_letter
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db
STOKE_2010 = "000_45b027815db80f73.txt"  # Stoke-on-Trent, 1 July 2010: states no prior grade
STOKE_2022 = "001_a4209e73c953c179.txt"  # Stoke-on-Trent, 31 January 2022: "judged inadequate … March 2019"
WOLVERHAMPTON = "002_398b3cc886be3b1e.txt"


def as_report(parsed, *grades, topic=None, focus=(), heading=""):
    """The parse of a sample letter made to carry what the report and JTAI parsers will fill in."""
    parsed.document_kind = "report"
    parsed.judgements = [ParsedJudgement(area, grade) for area, grade in grades]
    parsed.jtai_topic = topic
    parsed.focus = list(focus)
    for finding in parsed.findings:
        finding.heading = heading
    return parsed


def store_one(name, change=lambda parsed: parsed, *, bulk=False):
    raw = (SAMPLE_DIR / name).read_bytes()
    parsed = change(parse(raw))
    with transaction.atomic():
        if bulk:
            return store_new_letters([(parsed, sha256_of(raw), name)], lookups=Lookups.load())[0]
        return store_parsed_letter(parsed, digest=sha256_of(raw), source_name=name, lookups=Lookups.load())


@pytest.mark.parametrize("bulk", [False, True])
def test_both_store_paths_keep_judgements_kind_topic_focus_and_headings(bulk):
    def change(parsed):
        return as_report(
            parsed,
            ("overall_effectiveness", "good"),
            ("leadership", "outstanding"),
            ("leadership", "inadequate"),  # an area twice: the first is kept
            ("not_an_area", "good"),
            topic="domestic-abuse",
            focus=["front-door", "care-leavers"],
            heading="Findings",
        )

    letter = Inspection.objects.get(pk=store_one(WOLVERHAMPTON, change, bulk=bulk).pk)
    assert letter.document_kind == "report"
    assert letter.jtai_topic == "domestic-abuse"
    assert letter.focus == ["front-door", "care-leavers"]
    assert letter.focus_mask == focus_mask(["front-door", "care-leavers"])
    assert dict(letter.judgements.values_list("area", "grade")) == {
        "overall_effectiveness": "good",
        "leadership": "outstanding",
    }
    findings = Finding.objects.filter(inspection=letter)
    assert set(findings.values_list("heading", flat=True)) == {"Findings"}
    assert set(findings.values_list("jtai_topic", "focus_mask")) == {("domestic-abuse", letter.focus_mask)}
    assert Authority.objects.get(slug="wolverhampton").latest_overall_grade == "good"


def test_reparse_keeps_the_judgements_a_curator_corrected(monkeypatch):
    letter = store_one(WOLVERHAMPTON, lambda p: as_report(p, ("overall_effectiveness", "good")))
    judgement = letter.judgements.get()
    judgement.grade = "requires_improvement"
    judgement.save()
    record_judgements_edit(letter)

    real_parse = reparse_module.parse
    monkeypatch.setattr(
        reparse_module,
        "parse",
        lambda raw, **kw: as_report(real_parse(raw, **kw), ("overall_effectiveness", "outstanding")),
    )
    assert all(outcome.ok for outcome in reparse_letters())
    assert list(Judgement.objects.filter(inspection=letter).values_list("grade", "curated")) == [
        ("requires_improvement", True)
    ]
    assert Authority.objects.get(slug="wolverhampton").latest_overall_grade == "requires_improvement"


def test_reparse_follows_the_parser_where_no_curator_touched_the_judgements(monkeypatch):
    letter = store_one(WOLVERHAMPTON, lambda p: as_report(p, ("overall_effectiveness", "good")))
    real_parse = reparse_module.parse
    monkeypatch.setattr(
        reparse_module,
        "parse",
        lambda raw, **kw: as_report(real_parse(raw, **kw), ("overall_effectiveness", "inadequate")),
    )
    list(reparse_letters())
    assert list(letter.judgements.values_list("grade", flat=True)) == ["inadequate"]
    assert Authority.objects.get(slug="wolverhampton").latest_overall_grade == "inadequate"


@pytest.mark.parametrize(
    ("words", "grade"),
    [
        ("inadequate", "inadequate"),
        ("requires improvement to be good", "requires_improvement"),
        ("Good", "good"),
        ("outstanding", "outstanding"),
        ("adequate", ""),
        ("", ""),
    ],
)
def test_a_stated_grade_is_read_as_one_of_the_four_grades(words, grade):
    assert grade_of(words) == grade


def test_a_grade_stated_in_a_letter_feeds_the_timeline_where_the_archive_has_no_report():
    store_one(STOKE_2022)
    stoke = Authority.objects.get(slug="stoke-on-trent")
    timeline = stoke.judgement_summary["timeline"]
    assert [(e["when"], e["grade"], e["source"]) for e in timeline] == [("2019-03-01", "inadequate", "letter")]
    assert stoke.latest_overall_grade == "inadequate"


def test_a_stated_grade_is_not_repeated_beside_the_report_that_gave_it():
    store_one(STOKE_2022)
    # The archive now holds a report from that inspection (visit ending in March 2019).
    report = store_one(STOKE_2010, lambda p: as_report(p, ("overall_effectiveness", "inadequate")))
    Inspection.objects.filter(pk=report.pk).update(visit_end="2019-03-20", letter_date="2019-04-20")
    refresh_judgement_summaries([report.authority_id])
    timeline = Authority.objects.get(slug="stoke-on-trent").judgement_summary["timeline"]
    assert [(e["grade"], e["source"]) for e in timeline] == [("inadequate", "report")]


def test_council_page_shows_the_timeline_chart_and_table_without_more_queries(client, django_assert_max_num_queries):
    store_one(STOKE_2022)
    store_one(STOKE_2010, lambda p: as_report(p, ("overall_effectiveness", "good"), ("leadership", "good")))
    with django_assert_max_num_queries(6):  # as before the timeline: it comes with the council
        response = client.get(reverse("letters:council", args=["stoke-on-trent"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="council-timeline-title"' in html and "<desc" in html
    assert "June 2010: Good" in html and "March 2019: Inadequate (stated in a letter)" in html
    assert "Impact of leaders" in html  # the table holds every area, the chart the overall grade
    assert "(stated in a letter)" in html
    assert "style=" not in html.split('id="council-timeline-title"')[0].rsplit("<svg", 1)[1]


def test_document_page_shows_its_judgements_and_jtai_topic(client):
    letter = store_one(
        WOLVERHAMPTON,
        lambda p: as_report(p, ("overall_effectiveness", "requires_improvement"), topic="children-mental-health"),
    )
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Overall effectiveness" in html and "Requires improvement" in html
    assert "Children mental health" in html and "?topic=children-mental-health" in html


@pytest.fixture
def graded_archive():
    call_command("ingest_letters", str(SAMPLE_DIR), "--quiet", stdout=open("/dev/null", "w"))
    wolverhampton = Inspection.objects.get(authority__slug="wolverhampton")
    Judgement.objects.create(inspection=wolverhampton, area="overall_effectiveness", grade="good")
    Inspection.objects.filter(pk=wolverhampton.pk).update(
        jtai_topic="neglect", focus=["front-door"], focus_mask=focus_mask(["front-door"])
    )
    Finding.objects.filter(inspection=wolverhampton).update(jtai_topic="neglect", focus_mask=focus_mask(["front-door"]))
    refresh_judgement_summaries()
    data_version.bump()  # direct writes: the count tables built by the ingest are no longer current
    return wolverhampton


def _facet(response, param):
    facet = next(f for f in response.context["results"].facets if f.param == param)
    return {option.value: option.count for option in facet.options}


@pytest.mark.parametrize("tables", [False, True])
def test_search_facets_count_judgement_focus_and_topic(client, graded_archive, tables):
    if tables:
        rebuild_facet_counts()
    wolverhampton_findings = Finding.objects.filter(inspection=graded_archive).count()
    response = client.get(reverse("letters:findings"))
    assert _facet(response, "judgement") == {"good": wolverhampton_findings, "inadequate": 31}
    front_door = Finding.objects.filter(focus_mask=focus_mask(["front-door"])).count()
    assert front_door > wolverhampton_findings  # Stoke's 2022 visit looked at the front door too
    assert _facet(response, "focus") == {"front-door": front_door}
    assert _facet(response, "topic") == {"neglect": wolverhampton_findings}
    letters = client.get(reverse("letters:letters"))
    assert _facet(letters, "judgement") == {"good": 1, "inadequate": 2}
    assert _facet(letters, "topic") == {"neglect": 1}
    assert _facet(letters, "focus") == {"front-door": Inspection.objects.exclude(focus_mask=0).count()}

    ticked = client.get(reverse("letters:findings") + "?judgement=good&focus=front-door")
    assert ticked.context["results"].total == wolverhampton_findings
    # Disjunctive: each facet is counted under every filter but its own.
    stoke_front_door = front_door - wolverhampton_findings
    assert _facet(ticked, "judgement") == {"good": wolverhampton_findings, "inadequate": stoke_front_door}
    assert _facet(ticked, "focus") == {"front-door": wolverhampton_findings}
    other = client.get(reverse("letters:letters") + "?judgement=inadequate")
    assert other.context["results"].total == 2
    assert _facet(other, "judgement") == {"good": 1, "inadequate": 2}
    words = client.get(reverse("letters:findings") + "?q=children&topic=neglect")
    assert {row.inspection_id for row in words.context["results"].page} == {graded_archive.pk}


def test_an_unknown_topic_or_focus_is_refused_not_run(client, graded_archive):
    assert client.get(reverse("letters:findings") + "?focus=nonsense").status_code == 400
    assert client.get(reverse("letters:findings") + "?topic=%3Cscript%3E").status_code == 400


def test_councils_list_filters_by_latest_overall_judgement(client, graded_archive):
    everyone = client.get(reverse("letters:councils"))
    facet = {o.value: o.count for o in everyone.context["judgement_facet"].options}
    assert facet == {"good": 1, "inadequate": 1}
    good = client.get(reverse("letters:councils") + "?judgement=good")
    assert [c.slug for c in good.context["councils"]] == ["wolverhampton"]
    assert "Good" in good.content.decode()


def test_a_curator_corrects_a_judgement_in_the_admin_and_reparse_keeps_it(client, monkeypatch):
    from django.contrib.auth.models import Group, User

    from tests.admin.test_admin import form_values

    letter = store_one(WOLVERHAMPTON, lambda p: as_report(p, ("overall_effectiveness", "good")))
    user = User.objects.create_user("cura", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    client.force_login(user)
    url = f"/admin/letters/inspection/{letter.pk}/change/"
    data = form_values(client.get(url).content.decode())
    assert data["judgements-0-grade"] == ["good"]
    data["judgements-0-grade"] = ["inadequate"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    letter.refresh_from_db()
    assert "judgements" in letter.curated_fields
    assert list(letter.judgements.values_list("grade", "curated")) == [("inadequate", True)]
    assert Authority.objects.get(slug="wolverhampton").latest_overall_grade == "inadequate"
    list(reparse_letters())
    assert list(letter.judgements.values_list("grade", flat=True)) == ["inadequate"]


def test_the_letters_export_carries_the_judgements_and_the_jtai_topic(client):
    store_one(
        WOLVERHAMPTON,
        lambda p: as_report(
            p, ("overall_effectiveness", "good"), ("leadership", "outstanding"), topic="domestic-abuse"
        ),
    )
    letters = client.get(reverse("letters:letters-export", args=["json"]))
    rows = json.loads(b"".join(letters.streaming_content))
    assert rows[0]["overall_judgement"] == "Good"
    assert rows[0]["judgements"] == ["Overall effectiveness: Good", "Impact of leaders: Outstanding"]
    assert rows[0]["jtai_topic"] == "domestic-abuse"
    csv_text = b"".join(client.get(reverse("letters:letters-export", args=["csv"])).streaming_content).decode()
    assert "overall_judgement,judgements,jtai_topic" in csv_text.splitlines()[0]


def _entry(when, grade, source="report"):
    from datetime import date

    from letters.judgements import TimelineEntry

    return TimelineEntry(date.fromisoformat(when), "overall_effectiveness", grade, source, "/x/", "Doc")


def test_the_timeline_chart_is_an_accessible_image_with_every_point_in_its_description():
    from letters.timeline_chart import timeline_chart

    svg = str(
        timeline_chart(
            [_entry("2014-05-01", "inadequate"), _entry("2019-03-01", "good", "letter")],
            title="Somewhere <over time>",
            description="Grades.",
            id_prefix="t",
        )
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="t-title t-desc"' in svg
    assert "Somewhere &lt;over time&gt;" in svg
    assert "May 2014: Inadequate; March 2019: Good (stated in a letter)." in svg
    assert svg.count('class="point point-report"') == 1 and svg.count('class="point point-letter"') == 1
    assert "style" not in svg and "<script" not in svg


def test_the_timeline_chart_says_when_there_is_nothing_to_draw():
    from letters.timeline_chart import timeline_chart

    svg = str(timeline_chart([], title="None", description="Grades.", id_prefix="e"))
    assert "No judgements on record." in svg and 'role="img"' in svg


def test_an_archive_round_trip_keeps_the_judgements_and_their_curation():
    from letters.services.archive_export import export_archive
    from letters.services.archive_import import import_archive
    from tests.services.test_archive_export_import import flush_the_archive

    letter = store_one(WOLVERHAMPTON, lambda p: as_report(p, ("overall_effectiveness", "good"), ("adoption", "good")))
    Judgement.objects.filter(inspection=letter, area="adoption").update(grade="outstanding")
    record_judgements_edit(letter)
    lines = list(export_archive())
    flush_the_archive()
    assert not Judgement.objects.exists()

    report = import_archive(lines)

    assert report.failed == []
    letter = Inspection.objects.get(source_name=WOLVERHAMPTON)
    assert sorted(letter.judgements.values_list("area", "grade", "curated")) == [
        ("adoption", "outstanding", True),
        ("overall_effectiveness", "good", True),
    ]
    assert "judgements" in letter.curated_fields
    assert Authority.objects.get(slug="wolverhampton").latest_overall_grade == "good"
    again = import_archive(lines)
    assert not again.updated and not again.created


@pytest.mark.parametrize("engine", ["off", "tantivy"])
@pytest.mark.parametrize("path", ["letters:findings", "letters:letters"])
def test_the_new_facets_add_no_query_to_a_search_page(client, graded_archive, path, engine, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SEARCH_ENGINE = engine
    base = reverse(path) + "?q=children"
    client.get(base)  # the engine's snapshot is built once per data version, by the first search that needs it
    with CaptureQueriesContext(connection) as plain:
        client.get(base + "&sort=newest")
    with CaptureQueriesContext(connection) as ticked:
        response = client.get(base + "&judgement=good&focus=front-door&topic=neglect")
    assert response.status_code == 200 and response.context["results"].total > 0
    assert len(ticked.captured_queries) == len(plain.captured_queries)
