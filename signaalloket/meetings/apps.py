from django.apps import AppConfig

from signaalloket.core.panels import SignalPanel, register_panel
from signaalloket.core.procedure_hooks import register_effect, register_guard


class MeetingsConfig(AppConfig):
    name = "signaalloket.meetings"
    label = "meetings"
    verbose_name = "Ambtelijk overleg"

    def ready(self) -> None:
        from .panels import meeting_panel_context
        from .selectors import fact_check_confirmed
        from .services import cancel_planned_meetings

        register_effect("cancel_planned_meetings", cancel_planned_meetings)
        register_guard("fact_check_confirmed", fact_check_confirmed)

        register_panel(
            SignalPanel(
                key="fact_check_meeting",
                order=15,
                template="meetings/_panel.html",
                context=meeting_panel_context,
            )
        )
