from .permissions import may_upload_document
from .selectors import documents_for_signal


def documents_panel_context(request, signal) -> dict | None:
    # The upload form is on the documents page (one link away): building and rendering it,
    # folded away, on every view of the signal page cost a tenth of the page.
    return {
        "documents": list(documents_for_signal(user=request.user, signal=signal)),
        "may_upload": may_upload_document(request.user, signal),
    }
