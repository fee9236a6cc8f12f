"""SavedFilter moves here from reports (issue 16) without touching its table.

The table `reports_savedfilter` was created by reports 0001 and keeps its name
(Meta.db_table), so this migration only adds the model to the migration state; reports 0007
removes it from the state of reports. On an existing database the content type row is
renamed, so permissions granted on the model keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, schema_editor, source="reports", target="lists"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=target, model="savedfilter").exists():
        types.filter(app_label=source, model="savedfilter").update(app_label=target)


def _move_content_type_back(apps, schema_editor):
    _move_content_type(apps, schema_editor, source="lists", target="reports")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0006_publication_moved_to_publications"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SavedFilter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="naam")),
                        (
                            "query_string",
                            models.CharField(blank=True, max_length=2000, verbose_name="filters"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="saved_filters",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "opgeslagen filter",
                        "verbose_name_plural": "opgeslagen filters",
                        "ordering": ["name"],
                        "db_table": "reports_savedfilter",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "name"), name="saved_filter_name_per_user"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_type, _move_content_type_back),
    ]
