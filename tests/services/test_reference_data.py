import pytest
from django.core.management import call_command

from letters.models import Authority, Framework, Theme
from letters.services.reference_data import rules_digest
from letters.services.reference_index import authority_index_from_db

pytestmark = pytest.mark.django_db


def test_migration_loads_every_children_services_authority_and_the_frameworks_and_themes():
    current = Authority.objects.filter(abolished__isnull=True).count()
    assert 150 <= current <= 156
    assert set(Framework.objects.values_list("slug", flat=True)) == {"cra", "slac", "sif", "ilacs", "jtai"}
    assert 25 <= Theme.objects.count() <= 63
    assert Theme.objects.filter(bit=None).count() == 0


def test_replaced_councils_point_at_their_successors():
    northamptonshire = Authority.objects.get(slug="northamptonshire")
    assert northamptonshire.abolished is not None
    assert set(northamptonshire.replaced_by.values_list("slug", flat=True)) == {
        "north-northamptonshire",
        "west-northamptonshire",
    }


@pytest.mark.parametrize(
    "written", ["Stoke-on-Trent City Council", "Stoke-on-Trent children's services", "Stoke-on-Trent"]
)
def test_every_way_of_writing_stoke_resolves_to_one_authority(written):
    assert authority_index_from_db().resolve(written).slug == "stoke-on-trent"


def test_reloading_keeps_curated_theme_rules_and_aliases():
    theme = Theme.objects.get(slug="domestic-abuse")
    theme.rules = {"include": [r"\bcurated\b"], "exclude": []}
    theme.save()
    stoke = Authority.objects.get(slug="stoke-on-trent")
    stoke.aliases.create(name="The Potteries")
    call_command("load_reference_data", stdout=open("/dev/null", "w"))
    theme.refresh_from_db()
    assert theme.rules["include"] == [r"\bcurated\b"]
    assert stoke.aliases.filter(name="The Potteries").exists()
    assert authority_index_from_db().resolve("The Potteries").slug == "stoke-on-trent"


def test_reloading_brings_new_themes_and_new_rules_for_themes_no_curator_edited(monkeypatch):
    from letters.parsing.themes import load_default_themes
    from letters.services import reference_data

    shipped = {item["slug"]: item for item in load_default_themes()}
    old_rules = {"include": [r"\bdecisions?\b"], "exclude": []}
    Theme.objects.filter(slug="thresholds-decision-making").update(rules=old_rules)
    Theme.objects.filter(slug="care-leavers").delete()
    monkeypatch.setitem(reference_data.EARLIER_SHIPPED_RULES, "thresholds-decision-making", rules_digest(old_rules))
    counts = reference_data.load_reference_data()
    assert counts.themes_added == 1 and counts.themes_updated == 1
    assert Theme.objects.get(slug="thresholds-decision-making").rules == shipped["thresholds-decision-making"]["rules"]
    bits = list(Theme.objects.values_list("bit", flat=True))
    assert None not in bits and len(set(bits)) == len(bits)


def test_the_earlier_shipped_digests_name_themes_that_exist():
    from letters.services.reference_data import EARLIER_SHIPPED_RULES

    assert set(EARLIER_SHIPPED_RULES) <= set(Theme.objects.values_list("slug", flat=True))
