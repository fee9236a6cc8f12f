from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from signaalloket.audit.models import AccessAction
from signaalloket.audit.services import access_log_record
from signaalloket.core.forms_views import post_action
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
@require_GET
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
    # who may: may_transition_signal (the workflow's roles), checked by signal_transition
    signal = signal_get_for_user(user=request.user, pk=pk)
    return post_action(
        request,
        call=lambda: signal_transition(
            signal=signal,
            actor=request.user,
            to=request.POST.get("to", ""),
            reason=request.POST.get("reason", ""),
            expected_state=request.POST.get("expected_state") or None,
        ),
        redirect_to=reverse("web:signal_detail", args=[signal.pk]),
        success_message=_("De status is gewijzigd."),
    )
