import shutil

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile translations when GNU gettext is installed; the committed .mo files are used otherwise."

    def handle(self, *args, **options):
        if shutil.which("msgfmt") is None:
            self.stdout.write("msgfmt not found: using the committed .mo files.")
            return
        call_command("compilemessages", ignore_patterns=[".venv", "var", "static"], verbosity=0)
