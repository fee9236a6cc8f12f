from django.core.management.base import BaseCommand
from django.utils import timezone

from signaalloket.core.jobs import registered_jobs


class Command(BaseCommand):
    help = "Run every due background job once (reminders, effect inquiries, digests). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", help="run only this job (repeatable)")

    def handle(self, *args, **options):
        now = timezone.now()
        for name, job in registered_jobs().items():
            if options["only"] and name not in options["only"]:
                continue
            done = job(now)
            self.stdout.write(f"{name}: {done}")
