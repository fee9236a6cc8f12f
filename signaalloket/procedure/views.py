"""Pages of the procedure: addressees, contributions (htmx or plain form), approvals,
offering and the offering letter, the joint response, the effect inquiry form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signaalloket.core.errors import DomainError, NotAllowed, NotFound
from signaalloket.signals.models import Addressee, Submitter
from signaalloket.signals.permissions import is_desk, may_edit_signal
from signaalloket.signals.selectors import signal_get_for_user
from signaalloket.signals.services.participants import (
    addressee_add,
    addressee_set_contribution,
    addressee_update,
    submitter_approve,
)
from signaalloket.signals.states import State

from . import forms
from .panels import addressees_context
from .services import (
    approval_record_offline,
    can_answer_effect,
    effect_answer_submit,
    response_deliver,
    response_register,
    signal_offer,
)


def _apply_error(form, exc: DomainError) -> None:
    if exc.status_code in (403, 404, 409):
        raise exc  # the error page (409: someone else changed it, with a link to reload)
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _back(signal):
    return redirect("web:signal_detail", pk=signal.pk)


def _addressee(signal, aid) -> Addressee:
    # Addressees come from the signal the user may see (prefetched by signal_get_for_user).
    for addressee in signal.addressees.all():
        if str(addressee.pk) == str(aid):
            return addressee
    raise NotFound()


def _submitter(signal, sid) -> Submitter:
    for submitter in signal.submitters.all():
        if str(submitter.pk) == str(sid):
            return submitter
    raise NotFound()


@login_required
def addressees(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    may_edit = is_desk(request.user) or may_edit_signal(request.user, signal)
    current = [a.office_id for a in signal.addressees.all()]
    form = None
    status = 200
    if may_edit and signal.state in (
        State.INTAKE,
        State.DRAFTING,
        State.FACT_CHECK,
        State.DECISION,
    ):
        form = forms.AddresseeAddForm(request.POST or None, exclude_office_ids=current)
        if not is_desk(request.user):
            # the list of officials (names, e-mail addresses) is for the desk only
            del form.fields["contact_official"]
        if request.method == "POST":
            if form.is_valid():
                try:
                    addressee_add(
                        signal=signal,
                        actor=request.user,
                        office=form.cleaned_data["office"],
                        is_coordinating=form.cleaned_data["is_coordinating"],
                        contact_official=form.cleaned_data.get("contact_official"),
                    )
                except DomainError as exc:
                    _apply_error(form, exc)
                else:
                    messages.success(request, _("De geadresseerde is toegevoegd."))
                    return redirect("procedure:addressees", pk=signal.pk)
            status = 400
    elif request.method == "POST":
        raise NotAllowed(_("U mag de geadresseerden van dit signaal niet wijzigen."))
    return render(
        request,
        "procedure/addressees.html",
        {"signal": signal, "form": form, "section": addressees_context(request.user, signal)},
        status=status,
    )


@login_required
def addressee_edit(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    addressee = _addressee(signal, aid)
    desk = is_desk(request.user)
    if not (desk or may_edit_signal(request.user, signal)):
        raise NotAllowed(_("U mag de geadresseerden van dit signaal niet wijzigen."))
    initial = {
        "is_coordinating": addressee.is_coordinating,
        "contact_official": addressee.contact_official_id,
        "expected_version": addressee.version,
    }
    form = forms.AddresseeEditForm(
        request.POST or None, initial=initial, ministry_id=addressee.office.ministry_id
    )
    if not desk:
        # the list of officials (names, e-mail addresses) is for the desk only
        del form.fields["contact_official"]
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                addressee_update(
                    addressee=addressee,
                    actor=request.user,
                    is_coordinating=form.cleaned_data["is_coordinating"],
                    contact_official=form.cleaned_data["contact_official"]
                    if desk
                    else addressee.contact_official,
                    expected_version=form.cleaned_data["expected_version"],
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("De geadresseerde is bijgewerkt."))
                return redirect("procedure:addressees", pk=signal.pk)
        status = 400
    return render(
        request,
        "procedure/addressee_edit.html",
        {"signal": signal, "addressee": addressee, "form": form},
        status=status,
    )


@login_required
@require_POST
def contribution(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    """Set a ministry's contribution. htmx gets the refreshed section; a plain form redirects."""
    signal = signal_get_for_user(user=request.user, pk=pk)
    addressee = _addressee(signal, aid)
    form = forms.ContributionForm(request.POST)
    error = None
    if signal.state != State.OFFERED:
        error = _("De bijdrage wijzigt u alleen zolang het signaal is aangeboden.")
    elif not form.is_valid():
        error = _("Kies een geldige status.")
    else:
        try:
            addressee_set_contribution(
                addressee=addressee,
                actor=request.user,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except DomainError as exc:
            if exc.status_code in (403, 404):
                raise
            error = exc.message
    if request.htmx:
        # htmx swaps only 2xx responses: an error is shown inside the refreshed section
        signal = signal_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "procedure/_addressees.html",
            {
                "signal": signal,
                "section": addressees_context(request.user, signal),
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("De bijdrage is bijgewerkt."))
    return _back(signal)


@login_required
@require_POST
def approve(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    try:
        submitter_approve(submitter=submitter, actor=request.user)
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Uw instemming is vastgelegd."))
    return _back(signal)


@login_required
def approve_offline(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    if not is_desk(request.user):
        raise NotAllowed(_("Alleen het loket registreert een instemming buiten de applicatie."))
    form = forms.OfflineApprovalForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                approval_record_offline(
                    submitter=submitter,
                    actor=request.user,
                    uploaded_file=form.cleaned_data["letter"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("De instemming is vastgelegd."))
                return _back(signal)
        status = 400
    return render(
        request,
        "procedure/approve_offline.html",
        {"signal": signal, "submitter": submitter, "form": form},
        status=status,
    )


@login_required
@require_POST
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not is_desk(request.user):
        raise NotAllowed(_("Alleen het loket biedt een signaal aan."))
    try:
        signal_offer(
            signal=signal,
            actor=request.user,
            expected_state=request.POST.get("expected_state") or None,
        )
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Het signaal is aangeboden. De aanbiedingsbrief staat bij de documenten.")
        )
    return _back(signal)


@login_required
def offering_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from .letters import offering_letter_docx, offering_letter_pdf

    signal = signal_get_for_user(user=request.user, pk=pk)
    if not is_desk(request.user):
        raise NotAllowed(_("Alleen het loket maakt de aanbiedingsbrief."))
    if fmt == "pdf":
        data, content_type = offering_letter_pdf(signal), "application/pdf"
    elif fmt == "docx":
        data = offering_letter_docx(signal)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise NotFound()
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="aanbiedingsbrief-{signal.reference}.{fmt}"'
    )
    return response


@login_required
def response(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not is_desk(request.user):
        raise NotAllowed(_("Alleen het loket registreert de gezamenlijke reactie."))
    form = forms.ResponseForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                response_register(
                    signal=signal,
                    actor=request.user,
                    uploaded_file=form.cleaned_data["file"],
                    response_date=form.cleaned_data["response_date"],
                    title=form.cleaned_data["title"],
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("De reactie is geregistreerd."))
                return _back(signal)
        status = 400
    return render(
        request, "procedure/response.html", {"signal": signal, "form": form}, status=status
    )


@login_required
@require_POST
def deliver(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    try:
        response_deliver(
            signal=signal,
            actor=request.user,
            expected_state=request.POST.get("expected_state") or None,
        )
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De reactie is aangeboden aan de indieners."))
    return _back(signal)


@login_required
def effect_answer(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not can_answer_effect(request.user, signal):
        raise NotAllowed(_("Alleen de indieners of het loket beantwoorden de effectmeting."))
    is_open = signal.state == State.EFFECT_INQUIRY
    form = forms.EffectAnswerForm(request.POST or None) if is_open else None
    status = 200
    if request.method == "POST":
        if form is None:
            messages.error(request, _("De effectmeting staat voor dit signaal niet open."))
            return _back(signal)
        if form.is_valid():
            try:
                effect_answer_submit(
                    signal=signal,
                    actor=request.user,
                    outcome=form.cleaned_data["outcome"],
                    explanation=form.cleaned_data["explanation"],
                )
            except DomainError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, _("Dank u wel. Uw antwoord is vastgelegd."))
                return _back(signal)
        status = 400
    return render(
        request,
        "procedure/effect_answer.html",
        {"signal": signal, "form": form, "is_open": is_open},
        status=status,
    )
