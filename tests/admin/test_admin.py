"""The admin as curators use it: review queue, query counts, curation through the forms, merges, permissions."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test.utils import CaptureQueriesContext

from letters.models import Authority, Finding, Inspection, InspectionInspector, Inspector, ReviewStatus, Theme
from letters.services.merging import merge_authorities, merge_inspectors
from tests.conftest import REAL_LETTERS_DIR, ingest_quietly

pytestmark = pytest.mark.django_db
QUIET = {"stdout": open("/dev/null", "w"), "stderr": open("/dev/null", "w")}


@pytest.fixture
def curator(client):
    user = User.objects.create_user("cura", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    client.force_login(user)
    return user


class _FormValues(HTMLParser):
    """The values a browser would submit for the first form on an admin change page."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.append((name, a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.values.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_values(html: str) -> dict[str, list[str]]:
    parser = _FormValues()
    parser.feed(html)
    values: dict[str, list[str]] = {}
    for name, value in parser.values:
        values.setdefault(name, []).append(value.lstrip("\n") if name.endswith("text") else value)
    return values


def test_changelists_run_a_fixed_number_of_queries(admin_client, archive):
    from django.db import connection

    urls = [
        "/admin/letters/inspection/",
        "/admin/letters/finding/",
        "/admin/letters/authority/",
        "/admin/letters/inspector/",
        "/admin/letters/theme/",
        "/admin/letters/rejectedfile/",
    ]
    with CaptureQueriesContext(connection) as small:
        for url in urls:
            assert admin_client.get(url).status_code == 200
    if REAL_LETTERS_DIR.is_dir():
        ingest_quietly(REAL_LETTERS_DIR)
    with CaptureQueriesContext(connection) as large:
        for url in urls:
            assert admin_client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_review_queue_puts_letters_needing_review_first_then_low_confidence(admin_client, archive):
    Inspection.objects.update(review_status=ReviewStatus.UNREVIEWED)
    low = Inspection.objects.get(authority__slug="wolverhampton")
    Inspection.objects.filter(pk=low.pk).update(parse_confidence=0.2)
    flagged = Inspection.objects.get(authority__slug="redcar-and-cleveland")
    Inspection.objects.filter(pk=flagged.pk).update(review_status=ReviewStatus.NEEDS_REVIEW, parse_confidence=0.9)
    reviewed = Inspection.objects.get(authority__slug="cheshire-west-and-chester")
    Inspection.objects.filter(pk=reviewed.pk).update(review_status=ReviewStatus.REVIEWED, parse_confidence=0.1)
    response = admin_client.get("/admin/letters/inspection/")
    order = [row.pk for row in response.context["cl"].result_list]
    assert order[0] == flagged.pk and order[1] == low.pk and order[-1] == reviewed.pk


def test_curator_edits_a_letter_in_the_admin_and_reparse_keeps_it(client, curator, archive):
    letter = Inspection.objects.get(authority__slug="wolverhampton")
    url = f"/admin/letters/inspection/{letter.pk}/change/"
    data = form_values(client.get(url).content.decode())
    data["recipient_role"] = ["Director of Children's Services"]
    data["findings-0-text"] = ["Case transfer arrangements are clear and effective."]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    letter.refresh_from_db()
    assert letter.curated_fields == ["recipient_role"]
    first = letter.findings.get(position=1)
    assert first.text == "Case transfer arrangements are clear and effective." and first.curated_fields == ["text"]
    call_command("reparse_letters", "--quiet", **QUIET)
    letter.refresh_from_db()
    assert letter.recipient_role == "Director of Children's Services"
    assert letter.findings.get(position=1).text == "Case transfer arrangements are clear and effective."
    assert letter.history.count() >= 2  # who changed what and when
    page = client.get(url).content.decode()
    assert "recipient_role" in page and "Return to the parser" in page


def test_curator_fixes_a_findings_theme_and_the_public_page_shows_it(client, curator, archive):
    finding = Finding.objects.get(text__startswith="Morale is generally high")
    theme = Theme.objects.get(slug="disabled-children")
    url = f"/admin/letters/finding/{finding.pk}/change/"
    data = form_values(client.get(url).content.decode())
    data["theme_choice"] = [str(theme.pk)]
    assert client.post(url, data).status_code == 302
    assert list(finding.themes.values_list("slug", flat=True)) == ["disabled-children"]
    client.logout()
    page = client.get("/findings/", {"theme": "disabled-children"}).content.decode()
    assert "Morale is generally high" in page


def test_curator_permissions_are_exactly_what_curation_needs(client, curator, archive):
    assert client.get("/admin/letters/inspection/").status_code == 200
    assert client.get("/admin/letters/inspection/add/").status_code == 403
    letter = Inspection.objects.first()
    assert client.get(f"/admin/letters/inspection/{letter.pk}/delete/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/letters/rejectedfile/").status_code == 200
    assert curator.has_perm("letters.change_finding") and curator.has_perm("letters.change_theme")
    assert not curator.has_perm("letters.add_inspection") and not curator.has_perm("letters.delete_theme")


def test_the_public_site_shows_no_admin_links(client, archive):
    for url in ["/", "/findings/", "/councils/stoke-on-trent/"]:
        assert "/admin/" not in client.get(url).content.decode()


def test_merging_authorities_loses_nothing_and_old_urls_redirect(client, archive):
    stoke = Authority.objects.get(slug="stoke-on-trent")
    wolves = Authority.objects.get(slug="wolverhampton")
    letters_before, findings_before = Inspection.objects.count(), Finding.objects.count()
    wolves_letter = Inspection.objects.get(authority=wolves)
    merge_authorities(stoke, [wolves])
    assert Inspection.objects.count() == letters_before and Finding.objects.count() == findings_before
    assert Inspection.objects.filter(authority=stoke).count() == 3
    assert Finding.objects.filter(authority_id=wolves.pk).count() == 0
    response = client.get("/councils/wolverhampton/")
    assert response.status_code == 301 and response["Location"] == "/councils/stoke-on-trent/"
    response = client.get(f"/councils/wolverhampton/letters/{wolves_letter.url_key}/")
    assert response.status_code == 301 and response["Location"].startswith("/councils/stoke-on-trent/letters/")
    assert stoke.aliases.filter(name="Wolverhampton City Council").exists()


def test_merging_inspectors_keeps_every_letter_link(client, archive):
    keep = Inspector.objects.get(name="Andrew Waugh")
    variant = Inspector.objects.create(name="Andy Waugh", slug="andy-waugh")
    letter = Inspection.objects.get(authority__slug="wolverhampton")
    InspectionInspector.objects.create(inspection=letter, inspector=variant, lead=True, position=5)
    merge_inspectors(keep, [variant])
    assert InspectionInspector.objects.filter(inspector=keep).count() == 2
    assert client.get("/inspectors/andy-waugh/")["Location"] == "/inspectors/andrew-waugh/"


def test_merge_action_asks_which_record_to_keep(admin_client, archive):
    a, b = Inspector.objects.get(name="Andrew Waugh"), Inspector.objects.get(name="John Roughton")
    data = {"action": "merge_inspectors", "_selected_action": [a.pk, b.pk]}
    response = admin_client.post("/admin/letters/inspector/", data)
    assert response.status_code == 200 and "Keep this record" in response.content.decode()
    admin_client.post("/admin/letters/inspector/", {**data, "apply": "Merge", "keep": str(a.pk)})
    assert not Inspector.objects.filter(pk=b.pk).exists()


def test_theme_rule_preview_and_invalid_rules(admin_client, archive):
    theme = Theme.objects.get(slug="domestic-abuse")
    response = admin_client.get(f"/admin/letters/theme/{theme.pk}/preview/")
    assert response.status_code == 200 and response.context["total"] >= 5
    url = f"/admin/letters/theme/{theme.pk}/change/"
    data = form_values(admin_client.get(url).content.decode())
    data["rules"] = ['{"include": ["(unclosed"], "exclude": []}']
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "unclosed" in response.content.decode()
