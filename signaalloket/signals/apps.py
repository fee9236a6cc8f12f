from django.apps import AppConfig
from django.core import checks

from signaalloket.core.panels import SignalPanel, register_panel
from signaalloket.core.procedure_hooks import register_effect, register_guard


class SignalsConfig(AppConfig):
    name = "signaalloket.signals"
    label = "signals"
    verbose_name = "Bestuurlijke signalen"

    def ready(self) -> None:
        from . import hooks
        from .checks import check_workflow_hooks

        for name, guard in hooks.GUARDS.items():
            register_guard(name, guard)
        for name, effect in hooks.EFFECTS.items():
            register_effect(name, effect)
        checks.register(check_workflow_hooks)

        from .panels import basics_panel_context

        register_panel(
            SignalPanel(
                key="basics",
                order=5,
                template="signals/_basics_panel.html",
                context=basics_panel_context,
            )
        )
