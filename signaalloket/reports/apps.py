from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "signaalloket.reports"
    label = "reports"
    verbose_name = "Overzicht en rapportages"

    def ready(self) -> None:
        from . import search_index, similar

        search_index.connect()
        similar.register()
