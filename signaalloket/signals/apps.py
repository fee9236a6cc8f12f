from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "signaalloket.signals"
    label = "signals"
    verbose_name = "Bestuurlijke signalen"

    def ready(self) -> None:
        from signaalloket.core.panels import SignalPanel, register_panel

        from .panels import basics_panel_context

        register_panel(
            SignalPanel(
                key="basics",
                order=5,
                template="signals/_basics_panel.html",
                context=basics_panel_context,
            )
        )
