"""Backup of what export_archive leaves out (notes/harden.md): user accounts and groups go through Django's own
dumpdata/loaddata with natural keys, so they restore into another database (SQLite <-> PostgreSQL) by name."""

import os

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

pytestmark = pytest.mark.django_db
ACCOUNTS = ["auth.group", "auth.user"]


def test_accounts_and_groups_round_trip_through_dumpdata_with_natural_keys(tmp_path):
    group, _ = Group.objects.get_or_create(name="backup-curators")
    group.permissions.add(Permission.objects.get(codename="change_theme"))
    user = User.objects.create_user("keeper", password="pw-for-tests-only", is_staff=True)
    user.groups.add(group)
    out = tmp_path / "accounts.json"
    call_command("dumpdata", *ACCOUNTS, "--natural-foreign", "--natural-primary", "-o", str(out))
    User.objects.filter(username="keeper").delete()
    group.delete()
    call_command("loaddata", str(out), stdout=open(os.devnull, "w"))
    restored = User.objects.get(username="keeper")
    assert restored.check_password("pw-for-tests-only") and restored.is_staff
    assert list(restored.groups.values_list("name", flat=True)) == ["backup-curators"]
    assert restored.has_perm("letters.change_theme")
