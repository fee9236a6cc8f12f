from .forms import DocumentUploadForm
from .permissions import upload_kinds
from .selectors import documents_for_signal


def documents_panel_context(request, signal) -> dict | None:
    kinds = upload_kinds(request.user, signal)
    return {
        "documents": list(documents_for_signal(user=request.user, signal=signal)),
        "form": DocumentUploadForm(kinds=kinds) if kinds else None,
    }
