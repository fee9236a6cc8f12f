from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signaalloket.audit.models import AccessAction
from signaalloket.audit.services import access_log_record
from signaalloket.core.errors import DomainError
from signaalloket.core.panels import panels_for
from signaalloket.deadlines.selectors import deadlines_for_signal
from signaalloket.reports import views as reports_views
from signaalloket.signals.permissions import roles_on_signal
from signaalloket.signals.selectors import signal_get_for_user
from signaalloket.signals.services import signal_transition

from .glance import signal_glance
from .timeline import timeline_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return reports_views.dashboard(request)  # the dashboard lives in the reports app


@login_required
def signal_list(request: HttpRequest) -> HttpResponse:
    return reports_views.signal_list(request)


@login_required
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    access_log_record(
        user=request.user, action=AccessAction.VIEW, signal=signal, description=signal.reference
    )
    roles = roles_on_signal(request.user, signal)
    deadlines = deadlines_for_signal(signal)
    return render(
        request,
        "web/signal_detail.html",
        {
            "signal": signal,
            "timeline": timeline_for(signal=signal, user=request.user),
            "glance": signal_glance(signal=signal, roles=roles, deadlines=deadlines),
            "panels": panels_for(request, signal),
        },
    )


@login_required
@require_POST
def signal_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    try:
        signal_transition(
            signal=signal,
            actor=request.user,
            to=request.POST.get("to", ""),
            reason=request.POST.get("reason", ""),
            expected_state=request.POST.get("expected_state") or None,
        )
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De status is gewijzigd."))
    return redirect("web:signal_detail", pk=signal.pk)
