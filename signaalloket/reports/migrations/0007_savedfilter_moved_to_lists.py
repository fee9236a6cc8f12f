"""SavedFilter now belongs to the lists app (its migration 0001): drop it from this app's
state only. The table `reports_savedfilter` stays, with its rows; lists uses it as is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_publication_moved_to_publications"),
        ("lists", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SavedFilter")],
            database_operations=[],
        ),
    ]
