import os

from django.core.management.base import BaseCommand

from signaalloket.demo.data import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins (one per role)."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD})")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.email:<26} {user.description}")
        self.stdout.write("")
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Open http://127.0.0.1:{port}/ en log in met een van deze accounts.")
        self.stdout.write("")
