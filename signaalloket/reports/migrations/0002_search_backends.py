from django.db import migrations

PG_EXPRESSION = (
    "(setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('dutch', coalesce(body, '')), 'B'))"
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS reports_searchfts USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS reports_searchentry_fts ON reports_searchentry "
            f"USING GIN ({PG_EXPRESSION})"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS reports_searchfts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS reports_searchentry_fts")


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
