from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from signaalloket.core.errors import NotAllowed, NotFound
from signaalloket.core.forms_views import fields, form_page
from signaalloket.core.links import link_for
from signaalloket.notifications.services import absolute_url
from signaalloket.signals.selectors import signal_get_for_user

from .forms import CancelForm, MeetingForm, OutcomeForm
from .ics import METHOD_CANCEL, METHOD_REQUEST, meeting_ics
from .models import FactCheckMeeting, MeetingStatus
from .permissions import (
    NOT_ORGANISER,
    may_cancel_meeting,
    may_change_meeting,
    may_record_meeting_outcome,
    may_schedule_meeting,
)
from .services import (
    meeting_cancel,
    meeting_invitees,
    meeting_record_outcome,
    meeting_schedule,
    meeting_update,
)


def _meeting(user, signal, mid) -> FactCheckMeeting:
    try:
        return FactCheckMeeting.objects.visible_to(user).get(signal=signal, pk=int(mid))
    except (FactCheckMeeting.DoesNotExist, ValueError) as exc:
        raise NotFound() from exc


def _meeting_for(request, pk, mid, may) -> tuple:
    """The signal and its meeting, for the user `may(user, meeting)` allows (else 403)."""
    signal = signal_get_for_user(user=request.user, pk=pk)
    meeting = _meeting(request.user, signal, mid)
    if not may(request.user, meeting):
        raise NotAllowed(NOT_ORGANISER)
    return signal, meeting


def _page(request, signal, form, title, save, message, *, meeting=None, multipart=False):
    return form_page(
        request,
        form,
        template="meetings/meeting_form.html",
        save=save,
        success_url=reverse("web:signal_detail", args=[signal.pk]),
        success_message=message,
        context=lambda: {
            "signal": signal,
            "page_title": title,
            "meeting": meeting,
            "multipart": multipart,
            "invitees": meeting_invitees(signal),
        },
    )


def _times(form: MeetingForm) -> dict:
    starts_at, ends_at = form.datetimes()
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": form.cleaned_data["location"],
        "video_link": form.cleaned_data["video_link"],
    }


@login_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_schedule_meeting(request.user, signal):
        raise NotAllowed(NOT_ORGANISER)
    form = MeetingForm(request.POST or None)
    return _page(
        request,
        signal,
        form,
        _("Ambtelijk overleg plannen"),
        lambda data: meeting_schedule(signal=signal, actor=request.user, **_times(form)),
        _("Het overleg is gepland en de uitnodigingen zijn verstuurd."),
    )


@login_required
def change(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal, meeting = _meeting_for(request, pk, mid, may_change_meeting)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    return _page(
        request,
        signal,
        form,
        _("Ambtelijk overleg wijzigen"),
        lambda data: meeting_update(
            meeting=meeting,
            actor=request.user,
            expected_version=data["expected_version"] or 0,
            **_times(form),
        ),
        _("Het overleg is gewijzigd; iedereen krijgt een update."),
        meeting=meeting,
    )


@login_required
def cancel(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal, meeting = _meeting_for(request, pk, mid, may_cancel_meeting)
    return _page(
        request,
        signal,
        CancelForm(request.POST or None, initial={"expected_version": meeting.version}),
        _("Ambtelijk overleg annuleren"),
        lambda data: meeting_cancel(
            meeting=meeting,
            actor=request.user,
            **fields(data, "reason", "expected_version"),
        ),
        _("Het overleg is geannuleerd."),
        meeting=meeting,
    )


@login_required
def outcome(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal, meeting = _meeting_for(request, pk, mid, may_record_meeting_outcome)
    return _page(
        request,
        signal,
        OutcomeForm(
            request.POST or None,
            request.FILES or None,
            initial={"expected_version": meeting.version},
        ),
        _("Uitkomst ambtelijk overleg vastleggen"),
        lambda data: meeting_record_outcome(
            meeting=meeting,
            actor=request.user,
            **fields(
                data, "outcome", "minutes", "findings", "reason", "minutes_file", "expected_version"
            ),
        ),
        _("De uitkomst van het overleg is vastgelegd."),
        meeting=meeting,
        multipart=True,
    )


@login_required
@require_GET
def ics(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    meeting = _meeting(request.user, signal, mid)
    method = METHOD_CANCEL if meeting.status == MeetingStatus.CANCELLED else METHOD_REQUEST
    data = meeting_ics(
        meeting,
        method=method,
        attendees=meeting_invitees(signal),
        link=absolute_url(link_for(signal)),
    )
    response = HttpResponse(data, content_type=f"text/calendar; charset=utf-8; method={method}")
    response["Content-Disposition"] = f'attachment; filename="overleg-{signal.reference}.ics"'
    return response
