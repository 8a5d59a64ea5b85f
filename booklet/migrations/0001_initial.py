"""BookletRender moves here from `reports`; the table keeps its rows (state only)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("practices", "0006_practice_published_year"),
        ("reports", "0002_historicalreport"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BookletRender",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("language", models.CharField(choices=[("pl", "Polish"), ("en", "English"), ("uk", "Ukrainian"), ("ru", "Russian")], max_length=10, verbose_name="language")),
                        ("content_hash", models.CharField(max_length=64, verbose_name="content fingerprint")),
                        ("status", models.CharField(choices=[("queued", "Queued"), ("running", "Rendering"), ("done", "Ready"), ("failed", "Failed")], default="queued", max_length=10, verbose_name="status")),
                        ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="progress (%)")),
                        ("html", models.TextField(blank=True, editable=False, verbose_name="HTML to render")),
                        ("pdf", models.BinaryField(blank=True, null=True, verbose_name="PDF")),
                        ("error", models.TextField(blank=True, verbose_name="error")),
                        ("requested_at", models.DateTimeField(auto_now_add=True, verbose_name="requested at")),
                        ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started at")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished at")),
                        ("edition", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="booklet_renders", to="practices.edition", verbose_name="edition")),
                        ("requested_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="requested by")),
                    ],
                    options={
                        "verbose_name": "booklet rendering",
                        "verbose_name_plural": "booklet renderings",
                        "ordering": ["edition", "language", "-requested_at"],
                        "db_table": "reports_bookletrender",
                        "constraints": [models.UniqueConstraint(fields=("edition", "language", "content_hash"), name="reports_bookletrender_unique_content", violation_error_message="This edition's booklet is already rendered for this language and content.")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
