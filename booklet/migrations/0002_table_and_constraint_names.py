"""The moved table and its constraint take this app's names."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("booklet", "0001_initial"),
        ("reports", "0003_move_assignment_and_bookletrender"),
    ]

    operations = [
        migrations.AlterModelTable(name="bookletrender", table=None),
        migrations.RemoveConstraint(model_name="bookletrender", name="reports_bookletrender_unique_content"),
        migrations.AddConstraint(
            model_name="bookletrender",
            constraint=models.UniqueConstraint(fields=("edition", "language", "content_hash"), name="booklet_bookletrender_unique_content", violation_error_message="This edition's booklet is already rendered for this language and content."),
        ),
    ]
