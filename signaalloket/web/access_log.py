"""Reading the access log (inzageregistratie): desk managers only.

The log itself (model, writing) is in the audit app; reading it needs the roles and the
signal rules, which sit above audit, so the pages and the signal-page panel live here.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from signaalloket.audit.models import AccessLogEntry
from signaalloket.core.errors import NotAllowed
from signaalloket.signals.permissions import can_view_access_log


def access_log_visible_to(user) -> QuerySet[AccessLogEntry]:
    """The only door to access-log rows: everything for desk managers, nothing for others."""
    queryset = AccessLogEntry.objects.select_related("user", "signal")
    if can_view_access_log(user):
        return queryset.order_by("-created_at", "-id")
    return queryset.none()


def access_log_require_reader(user) -> None:
    if not can_view_access_log(user):
        raise NotAllowed(
            _(
                "Alleen loketmanagers kunnen de inzageregistratie bekijken. Wilt u weten wie "
                "een signaal heeft ingezien? Vraag het aan een loketmanager."
            )
        )


RECENT = 5


def access_log_panel_context(request, signal) -> dict | None:
    """The access-log section on the signal page (desk managers only)."""
    if not can_view_access_log(request.user):
        return None
    return {"entries": list(access_log_visible_to(request.user).filter(signal=signal)[:RECENT])}
