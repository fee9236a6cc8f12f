import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Development helper for `make run`: run_due_jobs every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=300)

    def handle(self, *args, **options):
        while True:
            try:
                call_command("run_due_jobs", verbosity=0)
            except Exception as exc:
                self.stderr.write(f"run_due_jobs failed: {exc}")
            time.sleep(options["interval"])
