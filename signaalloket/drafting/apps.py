from django.apps import AppConfig

from signaalloket.core.panels import SignalPanel, register_panel
from signaalloket.core.procedure_hooks import register_guard


class DraftingConfig(AppConfig):
    name = "signaalloket.drafting"
    label = "drafting"
    verbose_name = "Opstellen"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules)
        from .panels import draft_panel_context
        from .selectors import draft_ready_for_fact_check

        register_guard("draft_ready_for_fact_check", draft_ready_for_fact_check)
        register_panel(
            SignalPanel(
                key="draft",
                order=20,
                template="drafting/_panel.html",
                context=draft_panel_context,
            )
        )
