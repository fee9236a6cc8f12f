"""The access-log section on the signal page (desk managers only)."""

from signaalloket.audit.access_log import access_log_visible_to
from signaalloket.signals.permissions import can_view_access_log

RECENT = 5


def access_log_panel_context(request, signal) -> dict | None:
    if not can_view_access_log(request.user):
        return None
    return {"entries": list(access_log_visible_to(request.user).filter(signal=signal)[:RECENT])}
