from django.apps import AppConfig

from signaalloket.core.panels import SignalPanel, register_panel


class PublicationsConfig(AppConfig):
    name = "signaalloket.publications"
    label = "publications"
    verbose_name = "Openbaar register"

    def ready(self) -> None:
        from .views import publication_panel

        register_panel(
            SignalPanel(
                key="publication",
                order=95,
                template="publications/_publication_panel.html",
                context=publication_panel,
            )
        )
