from django.apps import AppConfig

from signaalloket.core.events import subscribe
from signaalloket.core.jobs import register_job
from signaalloket.core.panels import SignalPanel, register_panel
from signaalloket.core.procedure_hooks import register_effect, register_guard


class ProcedureConfig(AppConfig):
    name = "signaalloket.procedure"
    label = "procedure"
    verbose_name = "Procedure"

    def ready(self) -> None:
        from . import approvals_services, jobs, panels
        from .selectors import all_submitters_answered_effect
        from .services import store_offering_letters

        register_guard("all_submitters_answered_effect", all_submitters_answered_effect)
        register_guard("all_submitters_approved", approvals_services.all_submitters_approved)
        # Synchronous (core.events.publish): inside the transaction of the change.
        subscribe("submitter.approving", approvals_services.on_submitter_approving)
        subscribe("submitter.approvals_reset", approvals_services.on_approvals_reset)
        subscribe("draft.saved", approvals_services.on_draft_saved)
        subscribe("document.changed", approvals_services.on_document_changed)
        # An imported offer does not produce a letter today: it is in the old records.
        register_effect("store_offering_letters", store_offering_letters, historical=False)
        register_job("effect_inquiries", jobs.start_due_effect_inquiries)
        register_job("effect_reminders", jobs.send_effect_reminders)
        register_panel(
            SignalPanel(
                key="procedure",
                order=20,
                template="procedure/_panel.html",
                context=panels.procedure_panel_context,
            )
        )
