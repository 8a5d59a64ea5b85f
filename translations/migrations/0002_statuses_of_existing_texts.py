"""Statuses for the texts a database held before the workflow: every existing
translation "needs review" (written before anyone could review it, like the 2015
translations), every empty one "missing". A fresh database has nothing to mark.

Historical models and a frozen field list, so that later changes to the models
cannot break this migration.
"""

from django.db import migrations

FIELDS = {
    "jury.Criterion": ('name', 'description', 'scale_labels'),
    "jury.Juror": ('country_of_origin',),
    "jury.JurorQuote": ('text',),
    "jury.Nomination": ('justification',),
    "practices.Award": ('recommendation',),
    "practices.Category": ('name', 'description'),
    "practices.City": ('name',),
    "practices.Edition": (
        'title', 'introduction', 'selection', 'ceremony_place', 'ceremony_occasion', 'funders',
    ),
    "practices.Practice": ('title', 'description'),
    "reports.ProposedNomination": ('justification',),
    "reports.Report": ('overview',),
    "reports.ReportPractice": ('engagement', 'durability', 'comprehensiveness', 'effectiveness'),
    "surveys.ContextQuestion": ('label', 'choices'),
    "surveys.Criterion": ('name', 'description', 'scale_labels'),
    "surveys.Survey": ('title', 'introduction'),
    "surveys.Target": ('name',),
}
TARGETS = ("en", "uk", "ru")


def mark(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Status = apps.get_model("translations", "TranslationStatus")
    for label, fields in FIELDS.items():
        model = apps.get_model(label)
        if not model._base_manager.exists():
            continue
        app_label, model_name = label.lower().split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        columns = [f"{f}_{lang}" for f in fields for lang in ("pl", *TARGETS)]
        rows = []
        for values in model._base_manager.values("pk", *columns).iterator():
            for field in fields:
                if not (values[f"{field}_pl"] or "").strip():
                    continue
                for lang in TARGETS:
                    text = (values[f"{field}_{lang}"] or "").strip()
                    rows.append(Status(
                        content_type=content_type, object_id=values["pk"], field=field,
                        language=lang, status="needs_review" if text else "missing",
                    ))
        Status.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("practices", "0013_text_limits_on_translations"),
        ("jury", "0008_text_limits_on_translations"),
        ("reports", "0006_text_limits_on_translations"),
        ("surveys", "0002_consular_posts"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
