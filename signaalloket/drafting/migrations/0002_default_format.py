from django.db import migrations

from signaalloket.drafting.default_format import DEFAULT_SECTIONS


def create_default_format(apps, schema_editor):
    Format = apps.get_model("drafting", "Format")
    FormatSection = apps.get_model("drafting", "FormatSection")
    if Format.objects.exists():
        return
    fmt = Format.objects.create(number=1, is_current=True, note="Standaardformat")
    FormatSection.objects.bulk_create(
        FormatSection(
            format=fmt, order=i, key=key, title=title, guidance=guidance, required=required
        )
        for i, (key, title, guidance, required) in enumerate(DEFAULT_SECTIONS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("drafting", "0001_initial")]

    operations = [migrations.RunPython(create_default_format, migrations.RunPython.noop)]
