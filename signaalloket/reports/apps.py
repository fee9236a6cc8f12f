from django.apps import AppConfig

from signaalloket.core.panels import SignalPanel, register_panel


class ReportsConfig(AppConfig):
    name = "signaalloket.reports"
    label = "reports"
    verbose_name = "Overzicht en rapportages"

    def ready(self) -> None:
        from . import search_index, similar
        from .views import _publication_panel

        search_index.connect()
        similar.register()
        register_panel(
            SignalPanel(
                key="publication",
                order=95,
                template="reports/_publication_panel.html",
                context=_publication_panel,
            )
        )
