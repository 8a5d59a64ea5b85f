"""Assignment moves here from `reports` (expert scoping sits below every app that needs it);
the table keeps its rows (state only)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0006_practice_published_year"),
        ("reports", "0002_historicalreport"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Assignment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("city", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="assignments", to="practices.city", verbose_name="city")),
                        ("edition", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assignments", to="practices.edition", verbose_name="edition")),
                        ("expert", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assignments", to=settings.AUTH_USER_MODEL, verbose_name="expert")),
                    ],
                    options={
                        "verbose_name": "assignment",
                        "verbose_name_plural": "assignments",
                        "ordering": ["-edition__year", "expert__username", "city__name"],
                        "db_table": "reports_assignment",
                        "constraints": [models.UniqueConstraint(fields=("edition", "expert", "city"), name="reports_assignment_unique_city_per_expert", violation_error_message="This expert is already assigned to this city in this edition.")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
