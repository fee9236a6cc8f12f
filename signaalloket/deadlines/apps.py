from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from signaalloket.core.panels import SignalPanel, register_panel
from signaalloket.core.procedure_hooks import register_effect


class DeadlinesConfig(AppConfig):
    name = "signaalloket.deadlines"
    label = "deadlines"
    verbose_name = _("Termijnen")

    def ready(self) -> None:
        from .effects import EFFECTS

        for name, effect in EFFECTS.items():
            register_effect(name, effect)

        from .panels import deadlines_panel_context

        register_panel(
            SignalPanel(
                key="deadlines",
                order=20,
                template="deadlines/_panel.html",
                context=deadlines_panel_context,
            )
        )
