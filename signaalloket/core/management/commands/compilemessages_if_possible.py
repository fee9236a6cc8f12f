import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile translations when GNU gettext is installed; otherwise the committed .mo files are used."

    def handle(self, *args, **options):
        if not any(any(Path(p).glob("*/LC_MESSAGES/*.po")) for p in settings.LOCALE_PATHS):
            self.stdout.write("No translations to compile.")
            return
        if shutil.which("msgfmt") is None:
            self.stdout.write("msgfmt not found: using the committed .mo files.")
            return
        call_command("compilemessages", ignore_patterns=[".venv", "var", "static"], verbosity=0)
