from django.core.management.base import BaseCommand
from django.db import transaction

from signaalloket.organisations.reference_data import load


class Command(BaseCommand):
    help = "Load ministries, bewindspersonen, RIECs and partner kinds (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            load()
        self.stdout.write(self.style.SUCCESS("Referentiegegevens geladen."))
