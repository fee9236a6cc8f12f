from django.core.management.base import BaseCommand

from signaalloket.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo users and signals once; does nothing when they are already there."

    def handle(self, *args, **options):
        if load_demo():
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        else:
            self.stdout.write("Demogegevens waren al geladen; niets gewijzigd.")
