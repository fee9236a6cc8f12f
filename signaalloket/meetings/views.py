from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from signaalloket.core.errors import DomainError, NotAllowed, NotFound
from signaalloket.notifications.services import absolute_url
from signaalloket.signals.permissions import is_desk
from signaalloket.signals.selectors import signal_get_for_user

from .forms import CancelForm, MeetingForm, OutcomeForm
from .ics import METHOD_CANCEL, METHOD_REQUEST, meeting_ics
from .models import FactCheckMeeting, MeetingStatus
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


def _desk_only(user) -> None:
    if not is_desk(user):
        raise NotAllowed(_("Alleen het loket organiseert het ambtelijk overleg."))


def _apply_error(form, exc: DomainError) -> None:
    if exc.status_code in (403, 404, 409):
        raise exc  # the error page (409: someone else changed it, with a link to reload)
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _page(request, signal, form, title, *, meeting=None, status=200, multipart=False):
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "signal": signal,
            "form": form,
            "page_title": title,
            "meeting": meeting,
            "multipart": multipart,
            "invitees": meeting_invitees(signal),
        },
        status=status,
    )


@login_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    _desk_only(request.user)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            starts_at, ends_at = form.datetimes()
            try:
                meeting_schedule(
                    signal=signal,
                    actor=request.user,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    location=form.cleaned_data["location"],
                    video_link=form.cleaned_data["video_link"],
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(
                    request, _("Het overleg is gepland en de uitnodigingen zijn verstuurd.")
                )
                return redirect("web:signal_detail", pk=signal.pk)
        return _page(request, signal, form, _("Ambtelijk overleg plannen"), status=400)
    return _page(request, signal, form, _("Ambtelijk overleg plannen"))


@login_required
def change(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    _desk_only(request.user)
    meeting = _meeting(request.user, signal, mid)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    title = _("Ambtelijk overleg wijzigen")
    if request.method == "POST":
        if form.is_valid():
            starts_at, ends_at = form.datetimes()
            try:
                meeting_update(
                    meeting=meeting,
                    actor=request.user,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    location=form.cleaned_data["location"],
                    video_link=form.cleaned_data["video_link"],
                    expected_version=form.cleaned_data["expected_version"] or 0,
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(
                    request, _("Het overleg is gewijzigd; iedereen krijgt een update.")
                )
                return redirect("web:signal_detail", pk=signal.pk)
        return _page(request, signal, form, title, meeting=meeting, status=400)
    return _page(request, signal, form, title, meeting=meeting)


@login_required
def cancel(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    _desk_only(request.user)
    meeting = _meeting(request.user, signal, mid)
    form = CancelForm(request.POST or None, initial={"expected_version": meeting.version})
    title = _("Ambtelijk overleg annuleren")
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting_cancel(
                    meeting=meeting,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["expected_version"],
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("Het overleg is geannuleerd."))
                return redirect("web:signal_detail", pk=signal.pk)
        return _page(request, signal, form, title, meeting=meeting, status=400)
    return _page(request, signal, form, title, meeting=meeting)


@login_required
def outcome(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    _desk_only(request.user)
    meeting = _meeting(request.user, signal, mid)
    form = OutcomeForm(
        request.POST or None, request.FILES or None, initial={"expected_version": meeting.version}
    )
    title = _("Uitkomst ambtelijk overleg vastleggen")
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting_record_outcome(
                    meeting=meeting,
                    actor=request.user,
                    outcome=data["outcome"],
                    minutes=data["minutes"],
                    findings=data["findings"],
                    reason=data["reason"],
                    minutes_file=data["minutes_file"],
                    expected_version=data["expected_version"],
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("De uitkomst van het overleg is vastgelegd."))
                return redirect("web:signal_detail", pk=signal.pk)
        return _page(request, signal, form, title, meeting=meeting, status=400, multipart=True)
    return _page(request, signal, form, title, meeting=meeting, multipart=True)


@login_required
def ics(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    meeting = _meeting(request.user, signal, mid)
    method = METHOD_CANCEL if meeting.status == MeetingStatus.CANCELLED else METHOD_REQUEST
    data = meeting_ics(
        meeting,
        method=method,
        attendees=meeting_invitees(signal),
        link=absolute_url(reverse("web:signal_detail", args=[signal.pk])),
    )
    response = HttpResponse(data, content_type=f"text/calendar; charset=utf-8; method={method}")
    response["Content-Disposition"] = f'attachment; filename="overleg-{signal.reference}.ics"'
    return response
