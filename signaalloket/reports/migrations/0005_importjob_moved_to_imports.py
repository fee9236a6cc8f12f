"""ImportJob now belongs to the imports app (its migration 0001): drop it from this app's
state only. The table `reports_importjob` stays, with its rows; imports uses it as is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_latest_response_deadline_index"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportJob")],
            database_operations=[],
        ),
    ]
