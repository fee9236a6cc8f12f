"""A section on the signal page with the origin and the link to the edit page."""

from .permissions import may_edit_signal


def basics_panel_context(request, signal) -> dict | None:
    may_edit = may_edit_signal(request.user, signal)
    if not may_edit and not signal.origin:
        return None
    return {"may_edit": may_edit}
