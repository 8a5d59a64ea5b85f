"""The moved table and its constraint take this app's names."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0007_assignment"),
        ("reports", "0003_move_assignment_and_bookletrender"),
    ]

    operations = [
        migrations.AlterModelTable(name="assignment", table=None),
        migrations.RemoveConstraint(model_name="assignment", name="reports_assignment_unique_city_per_expert"),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.UniqueConstraint(fields=("edition", "expert", "city"), name="practices_assignment_unique_city_per_expert", violation_error_message="This expert is already assigned to this city in this edition."),
        ),
    ]
