"""Assignment moved to `practices`, BookletRender to `booklet` (state only: no table is dropped)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_historicalreport"),
        ("practices", "0007_assignment"),
        ("booklet", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Assignment"),
                migrations.DeleteModel(name="BookletRender"),
            ],
            database_operations=[],
        ),
    ]
