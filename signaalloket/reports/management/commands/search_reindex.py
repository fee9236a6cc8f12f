from django.core.management.base import BaseCommand

from signaalloket.reports.search_index import search_index_rebuild


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op voor alle signalen (na een restore of migratie)."

    def handle(self, *args, **options):
        count = search_index_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Zoekindex opgebouwd: {count} items."))
