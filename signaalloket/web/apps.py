from django.apps import AppConfig

from signaalloket.core.panels import SignalPanel, register_panel

from .links import register_links


class WebConfig(AppConfig):
    name = "signaalloket.web"
    label = "web"

    def ready(self) -> None:
        from .access_log import access_log_panel_context

        register_panel(
            SignalPanel(
                key="access_log",
                order=90,
                template="audit/_access_log_panel.html",
                context=access_log_panel_context,
            )
        )
        register_links()
