"""Grant Django model permissions to the organiser and expert groups.

Experts' rows are narrowed further by the admin (only their assigned cities);
these permissions only open the doors. Permissions are normally created after
`migrate` finishes, so they are created here first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANISER_APPS = ["practices", "jury", "reports"]
ORGANISER_EXTRA = [("auth", "view_user"), ("auth", "add_user"), ("auth", "change_user")]
EXPERT = [
    ("reports", "view_assignment"),
    ("reports", "view_report"),
    ("reports", "add_report"),
    ("reports", "change_report"),
    ("reports", "view_reportpractice"),
    ("reports", "add_reportpractice"),
    ("reports", "change_reportpractice"),
    ("reports", "delete_reportpractice"),
    ("reports", "view_followup"),
    ("reports", "change_followup"),
    ("reports", "view_proposednomination"),
    ("reports", "add_proposednomination"),
    ("reports", "change_proposednomination"),
    ("reports", "delete_proposednomination"),
    ("practices", "view_city"),
    ("practices", "view_practice"),
    ("practices", "add_practice"),
    ("practices", "change_practice"),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    organiser, _ = Group.objects.get_or_create(name="organiser")
    expert, _ = Group.objects.get_or_create(name="expert")
    organiser.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS)
    )
    for app_label, codename in ORGANISER_EXTRA:
        organiser.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for app_label, codename in EXPERT:
        expert.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("practices", "0002_roles"),
        ("jury", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
