from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "signaalloket.documents"
    label = "documents"

    def ready(self) -> None:
        from signaalloket.signals import guards
        from signaalloket.web.panels import SignalPanel, register_panel

        from . import permissions  # noqa: F401  (registers the rules)
        from .panels import documents_panel_context
        from .services import response_document_exists

        guards.register("response_document_exists", response_document_exists)
        register_panel(
            SignalPanel(
                key="documents",
                order=40,
                template="documents/_panel.html",
                context=documents_panel_context,
            )
        )
