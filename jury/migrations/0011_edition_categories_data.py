"""Give every existing edition its own categories (issue 17).

Lives in `jury`, the lowest app that sees every table naming a category of an
edition (awards, nominations, expert reports): an edition keeps the categories
it already uses; one that uses none gets them all.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Category = apps.get_model("practices", "Category")
    Edition = apps.get_model("practices", "Edition")
    Award = apps.get_model("practices", "Award")
    Nomination = apps.get_model("jury", "Nomination")
    ProposedNomination = apps.get_model("reports", "ProposedNomination")
    ReportPractice = apps.get_model("reports", "ReportPractice")
    every = list(Category.objects.values_list("pk", flat=True))
    for edition in Edition.objects.all():
        used = set(Award.objects.filter(edition=edition).values_list("category_id", flat=True))
        used |= set(
            Nomination.objects.filter(edition=edition).values_list("category_id", flat=True)
        )
        used |= set(
            ProposedNomination.objects.filter(report__edition=edition).values_list(
                "category_id", flat=True
            )
        )
        used |= set(
            ReportPractice.objects.filter(report__edition=edition, category__isnull=False)
            .values_list("category_id", flat=True)
        )
        edition.categories.set(used or every)


class Migration(migrations.Migration):
    dependencies = [
        ("jury", "0010_city_checks"),
        ("practices", "0015_edition_categories"),
        ("reports", "0007_recommendation_progress"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
