"""The curator group, with exactly the permissions curation needs."""

from django.db import migrations

CURATOR_PERMISSIONS = {
    "inspection": ["view", "change"],
    "finding": ["view", "change", "delete"],
    "findingtheme": ["view", "add", "change", "delete"],
    "theme": ["view", "change"],
    "authority": ["view", "change", "delete"],
    "authorityalias": ["view", "add", "change", "delete"],
    "inspector": ["view", "change", "delete"],
    "inspectioninspector": ["view", "add", "change", "delete"],
    "framework": ["view"],
    "rejectedfile": ["view"],
    "suppressedfinding": ["view"],
    "historicalinspection": ["view"],
    "historicalfinding": ["view"],
    "historicaltheme": ["view"],
    "historicalauthority": ["view"],
    "historicalinspector": ["view"],
}


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="curator")
    codenames = [f"{action}_{model}" for model, actions in CURATOR_PERMISSIONS.items() for action in actions]
    permissions = Permission.objects.filter(content_type__app_label="letters", codename__in=codenames)
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="curator").delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_curation_and_history"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, remove_group)]
