"""Publication and PublicationConsent now belong to the publications app (its migration
0001): drop them from this app's state only. The tables `reports_publication` and
`reports_publicationconsent` stay, with their rows; publications uses them as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_importjob_moved_to_imports"),
        ("publications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PublicationConsent"),
                migrations.DeleteModel(name="Publication"),
            ],
            database_operations=[],
        ),
    ]
