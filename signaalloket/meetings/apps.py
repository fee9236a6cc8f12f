from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "signaalloket.meetings"
    label = "meetings"
    verbose_name = "Ambtelijk overleg"

    def ready(self) -> None:
        from signaalloket.core.events import subscribe
        from signaalloket.core.panels import SignalPanel, register_panel

        from .panels import meeting_panel_context
        from .services import on_signal_transitioned

        subscribe("signal.transitioned", on_signal_transitioned)

        register_panel(
            SignalPanel(
                key="fact_check_meeting",
                order=15,
                template="meetings/_panel.html",
                context=meeting_panel_context,
            )
        )
