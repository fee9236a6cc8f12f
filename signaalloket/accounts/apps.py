from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "signaalloket.accounts"
    label = "accounts"

    def ready(self) -> None:
        from signaalloket.web.panels import SignalPanel, register_panel

        from . import receivers  # noqa: F401
        from .panels import access_log_panel_context

        register_panel(
            SignalPanel(
                key="access_log",
                order=90,
                template="audit/_access_log_panel.html",
                context=access_log_panel_context,
            )
        )
