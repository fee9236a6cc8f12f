from django.apps import AppConfig

from signaalloket.core.jobs import register_job
from signaalloket.core.panels import SignalPanel, register_panel
from signaalloket.core.procedure_hooks import register_guard


class DocumentsConfig(AppConfig):
    name = "signaalloket.documents"
    label = "documents"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules)
        from .jobs import sweep_orphan_files
        from .panels import documents_panel_context
        from .services import response_document_exists

        register_guard("response_document_exists", response_document_exists)
        register_job("document_orphan_files", sweep_orphan_files)
        register_panel(
            SignalPanel(
                key="documents",
                order=40,
                template="documents/_panel.html",
                context=documents_panel_context,
            )
        )
