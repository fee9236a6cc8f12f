"""TextRevision and the triggers that keep it: a new token on every insert into
signals_signal and on every change of a title or summary."""

from django.db import migrations, models

SQLITE_BUMP = (
    "INSERT INTO signals_textrevision (id, token) VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT(id) DO UPDATE SET token = excluded.token;"
)
SQLITE = [
    f"CREATE TRIGGER signals_text_revision_insert AFTER INSERT ON signals_signal "
    f"BEGIN {SQLITE_BUMP} END",
    f"CREATE TRIGGER signals_text_revision_update AFTER UPDATE OF title, summary "
    f"ON signals_signal WHEN OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary "
    f"BEGIN {SQLITE_BUMP} END",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION signals_text_revision_bump() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO signals_textrevision (id, token)
        VALUES (1, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        RETURN NULL;
    END $$""",
    # Per statement: a bulk insert of 10,000 signals bumps the token once.
    "CREATE TRIGGER signals_text_revision_insert AFTER INSERT ON signals_signal "
    "FOR EACH STATEMENT EXECUTE FUNCTION signals_text_revision_bump()",
    "CREATE TRIGGER signals_text_revision_update AFTER UPDATE OF title, summary "
    "ON signals_signal FOR EACH STATEMENT EXECUTE FUNCTION signals_text_revision_bump()",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)
    apps.get_model("signals", "TextRevision").objects.get_or_create(
        id=1, defaults={"token": "initial"}
    )


def drop_triggers(apps, schema_editor):
    for name in ("signals_text_revision_insert", "signals_text_revision_update"):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON signals_signal")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS signals_text_revision_bump()")


class Migration(migrations.Migration):
    dependencies = [("signals", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="TextRevision",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=64)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="text_revision_single")
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
