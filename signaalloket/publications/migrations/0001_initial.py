"""Publication and PublicationConsent move here from reports (issue 16) without touching
their tables.

The tables `reports_publication` and `reports_publicationconsent` were created by reports
0001 and keep their names (Meta.db_table), so this migration only adds the models to the
migration state; reports 0006 removes them from the state of reports. On an existing
database the content type rows are renamed, so permissions granted on the models keep
pointing at them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("publication", "publicationconsent")


def _move_content_types(apps, schema_editor, source="reports", target="publications"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not types.filter(app_label=target, model=model).exists():
            types.filter(app_label=source, model=model).update(app_label=target)


def _move_content_types_back(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="publications", target="reports")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0005_importjob_moved_to_imports"),
        ("signals", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Publication",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "public_summary",
                            models.TextField(
                                blank=True, max_length=5000, verbose_name="openbare samenvatting"
                            ),
                        ),
                        (
                            "consent_statement",
                            models.TextField(
                                blank=True,
                                max_length=5000,
                                verbose_name="vastgelegde verklaring van toestemming",
                            ),
                        ),
                        ("published", models.BooleanField(default=False, verbose_name="gepubliceerd")),
                        (
                            "published_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="gepubliceerd op"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "signal",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="publication",
                                to="signals.signal",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "publicatie",
                        "verbose_name_plural": "publicaties",
                        "db_table": "reports_publication",
                    },
                ),
                migrations.CreateModel(
                    name="PublicationConsent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "note",
                            models.CharField(blank=True, max_length=500, verbose_name="toelichting"),
                        ),
                        (
                            "recorded_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="vastgelegd op"),
                        ),
                        (
                            "publication",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="consents",
                                to="publications.publication",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "submitter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="publication_consents",
                                to="signals.submitter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "toestemming publicatie",
                        "verbose_name_plural": "toestemmingen publicatie",
                        "db_table": "reports_publicationconsent",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("publication", "submitter"), name="publication_consent_once"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_types, _move_content_types_back),
    ]
