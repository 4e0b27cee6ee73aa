"""``manage.py build_search_index``: the web processes then find the snapshot built, at the current data version."""

import io

import pytest
from django.core.management import CommandError, call_command

from letters.freshness import data_version
from letters.models import Finding, Inspection
from letters.search_engine import registry
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db


def test_the_command_builds_the_snapshot_the_pages_then_use(settings):
    call_command("ingest_letters", str(SAMPLE_DIR), "--quiet", stdout=io.StringIO())
    out = io.StringIO()
    call_command("build_search_index", stdout=out)
    assert f"{Finding.objects.count()} findings and {Inspection.objects.count()} letters" in out.getvalue()
    registry.forget()  # this process forgets it: the folder on disk is what another process would open
    settings.SEARCH_ENGINE_BUILD = "background"  # and no build may be needed to answer
    snapshot = registry.snapshot_for("default", data_version.current())
    assert snapshot is not None and snapshot.findings.count == Finding.objects.count() > 0


def test_the_command_refuses_when_the_engine_is_off(settings):
    settings.SEARCH_ENGINE = "off"
    with pytest.raises(CommandError, match="search engine is off"):
        call_command("build_search_index", stdout=io.StringIO())


def test_a_snapshot_of_an_older_layout_is_never_opened(tmp_path, settings, archive):
    from letters.freshness import data_version
    from letters.search_engine import registry

    settings.SEARCH_INDEX_DIR = str(tmp_path)
    settings.SEARCH_ENGINE_BUILD = "sync"
    registry.forget("default")
    built = registry.snapshot_for("default", data_version.current())
    assert built is not None
    folder = registry._folder("default", data_version.current())
    assert folder.exists() and f"format-{registry.FORMAT}-" in folder.name
    registry._open.clear()  # a process that has not opened it yet
    older = folder.with_name(f"version-{data_version.current()}")  # the layout before FORMAT named the folders
    folder.rename(older)
    again = registry.snapshot_for("default", data_version.current())  # builds anew, and removes the older one
    assert again is not None and folder.exists() and not older.exists()
