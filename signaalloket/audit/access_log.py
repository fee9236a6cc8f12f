"""Reading the access log (inzageregistratie): desk managers only."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from signaalloket.core.errors import NotAllowed
from signaalloket.signals.permissions import can_view_access_log

from .models import AccessLogEntry


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
