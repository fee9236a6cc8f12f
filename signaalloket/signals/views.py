"""Starting a signal and editing its basic fields (optimistic locking through `version`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed

from .forms import SignalCreateForm, SignalEditForm
from .permissions import can_create_signal, can_edit_signal
from .selectors import signal_get_for_user
from .services import signal_create, signal_update


def _apply_error(form, exc: ValidationFailed) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def signal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not can_edit_signal(request.user, signal):
        raise NotAllowed(_("U mag dit signaal niet wijzigen."))
    detail_url = reverse("web:signal_detail", args=[signal.pk])
    conflict = False
    status = 200
    if request.method == "POST":
        form = SignalEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                signal_update(
                    signal=signal,
                    actor=request.user,
                    expected_version=data["version"],
                    title=data["title"],
                    summary=data["summary"],
                    origin=data["origin"],
                    confidentiality=data["confidentiality"],
                    themes=data["themes"],
                )
            except Conflict:
                conflict, status = True, 409
            except ValidationFailed as exc:
                _apply_error(form, exc)
                status = 400
            else:
                messages.success(request, _("De gegevens van het signaal zijn opgeslagen."))
                return redirect(detail_url)
        else:
            status = 400
    else:
        form = SignalEditForm(
            initial={
                "title": signal.title,
                "summary": signal.summary,
                "origin": signal.origin,
                "confidentiality": signal.confidentiality,
                "themes": list(signal.themes.all()),
                "version": signal.version,
            }
        )
    return render(
        request,
        "signals/edit.html",
        {
            "signal": signal,
            "form": form,
            "conflict": conflict,
            "current_url": detail_url,
            "detail_url": detail_url,
        },
        status=status,
    )


@login_required
def signal_new(request: HttpRequest) -> HttpResponse:
    if not can_create_signal(request.user):
        raise NotAllowed(_("U mag geen bestuurlijk signaal aanmaken."))
    access = access_for(request.user)
    status = 200
    if request.method == "POST":
        form = SignalCreateForm(request.POST, access=access)
        if form.is_valid():
            data = form.cleaned_data
            try:
                signal = signal_create(
                    actor=request.user,
                    title=data["title"],
                    summary=data["summary"],
                    lead_organisation=data["lead_organisation"],
                )
            except ValidationFailed as exc:
                _apply_error(form, exc)
                status = 400
            else:
                messages.success(
                    request,
                    _("Signaal %(reference)s is aangemaakt.") % {"reference": signal.reference},
                )
                return redirect("web:signal_detail", pk=signal.pk)
        else:
            status = 400
    else:
        form = SignalCreateForm(access=access)
    return render(request, "signals/new.html", {"form": form}, status=status)
