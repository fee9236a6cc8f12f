"""ImportJob moves here from reports (issue 16) without touching its table.

The table `reports_importjob` was created by reports 0001 and keeps its name (Meta.db_table),
so this migration only adds the model to the migration state; reports 0005 removes it from
the state of reports. On an existing database the content type row is renamed, so
permissions granted on the model keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, schema_editor, source="reports", target="imports"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    if not types.filter(app_label=target, model="importjob").exists():
        types.filter(app_label=source, model="importjob").update(app_label=target)


def _move_content_type_back(apps, schema_editor):
    _move_content_type(apps, schema_editor, source="imports", target="reports")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0004_latest_response_deadline_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportJob",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("filename", models.CharField(max_length=255, verbose_name="bestandsnaam")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("validated", "Gecontroleerd (proefrun)"),
                                    ("running", "Bezig"),
                                    ("done", "Klaar"),
                                ],
                                default="validated",
                                max_length=20,
                            ),
                        ),
                        ("rows", models.JSONField(default=list)),
                        ("rejected", models.JSONField(default=list)),
                        ("processed", models.PositiveIntegerField(default=0)),
                        ("created_signal_ids", models.JSONField(default=list)),
                        ("failed", models.JSONField(default=list)),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "ordering": ["-created_at"],
                        "db_table": "reports_importjob",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_type, _move_content_type_back),
    ]
