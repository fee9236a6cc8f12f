"""Pages of the procedure: addressees, contributions (htmx or plain form), approvals,
offering and the offering letter, the joint response, the effect inquiry form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from signaalloket.core.errors import DomainError, NotAllowed, NotFound
from signaalloket.core.forms_views import fields, form_page, post_action, raise_page_error
from signaalloket.signals.models import Addressee, Submitter
from signaalloket.signals.permissions import (
    may_approve_submitter,
    may_choose_contact_official,
    may_edit_addressees,
    may_record_offline_approval,
)
from signaalloket.signals.selectors import signal_get_for_user
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import (
    addressee_add,
    addressee_set_contribution,
    addressee_update,
)
from signaalloket.signals.states import State

from . import forms
from .approvals_services import approval_basis, submission_approve
from .panels import ADDRESSEES_EDITABLE, addressees_context
from .permissions import (
    effect_organisations_for,
    may_answer_effect,
    may_make_offering_letter,
    may_offer_signal,
    may_register_response,
)
from .selectors import effect_answers_by_organisation
from .services import (
    approval_record_offline,
    effect_answer_submit,
    response_deliver,
    response_register,
)

NOT_ADDRESSEES = gettext_lazy("U mag de geadresseerden van dit signaal niet wijzigen.")


def _signal_url(signal) -> str:
    return reverse("web:signal_detail", args=[signal.pk])


def _on_signal(request, signal, form, template, save, message, **context) -> HttpResponse:
    """A form page of one step of the signal's procedure; back to the signal page after."""
    return form_page(
        request,
        form,
        template=template,
        save=save,
        success_url=_signal_url(signal),
        success_message=message,
        context={"signal": signal, **context},
    )


def _button(request, signal, call, message) -> HttpResponse:
    """A button on the signal page (the step needs no page); back to the signal page."""
    return post_action(request, call=call, redirect_to=_signal_url(signal), success_message=message)


def _expected_state(request) -> str | None:
    return request.POST.get("expected_state") or None


def _addressees_url(signal) -> str:
    return reverse("procedure:addressees", args=[signal.pk])


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


def _officials_for_desk_only(user, form) -> None:
    if not may_choose_contact_official(user):
        del form.fields["contact_official"]


@login_required
def addressees(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)

    def context() -> dict:
        return {"signal": signal, "section": addressees_context(request.user, signal)}

    may_edit = may_edit_addressees(request.user, signal)
    if not (may_edit and signal.state in ADDRESSEES_EDITABLE):
        if request.method == "POST":
            raise NotAllowed(NOT_ADDRESSEES)
        return render(request, "procedure/addressees.html", {**context(), "form": None})
    current = [a.office_id for a in signal.addressees.all()]
    form = forms.AddresseeAddForm(request.POST or None, exclude_office_ids=current)
    _officials_for_desk_only(request.user, form)
    return form_page(
        request,
        form,
        template="procedure/addressees.html",
        save=lambda data: addressee_add(
            signal=signal,
            actor=request.user,
            **fields(data, "office", "is_coordinating"),
            contact_official=data.get("contact_official"),
        ),
        success_url=_addressees_url(signal),
        success_message=_("De geadresseerde is toegevoegd."),
        context=context,
    )


@login_required
def addressee_edit(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    addressee = _addressee(signal, aid)
    if not may_edit_addressees(request.user, signal):
        raise NotAllowed(NOT_ADDRESSEES)
    desk = may_choose_contact_official(request.user)
    initial = {
        "is_coordinating": addressee.is_coordinating,
        "contact_official": addressee.contact_official_id,
        "expected_version": addressee.version,
    }
    form = forms.AddresseeEditForm(
        request.POST or None, initial=initial, ministry_id=addressee.office.ministry_id
    )
    _officials_for_desk_only(request.user, form)
    return form_page(
        request,
        form,
        template="procedure/addressee_edit.html",
        save=lambda data: addressee_update(
            addressee=addressee,
            actor=request.user,
            is_coordinating=data["is_coordinating"],
            contact_official=data["contact_official"] if desk else addressee.contact_official,
            expected_version=data["expected_version"],
        ),
        success_url=_addressees_url(signal),
        success_message=_("De geadresseerde is bijgewerkt."),
        context={"signal": signal, "addressee": addressee},
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
                **fields(form.cleaned_data, "status", "expected_version"),
            )
        except DomainError as exc:
            raise_page_error(exc)
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
    return redirect(_signal_url(signal))


@login_required
def approve(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    """Show what will be approved (version, date, summary, annexes, addressees), then approve
    exactly that: the POST carries the version and hashes shown (stale: Conflict)."""
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    if signal.state != State.DECISION or not may_approve_submitter(request.user, submitter):
        raise NotAllowed(
            _("Alleen de strategisch vertegenwoordiger van deze organisatie kan instemmen.")
        )
    basis = approval_basis(signal)
    initial = {}
    if basis is not None:
        initial = {
            "version": basis.number,
            "content_hash": basis.content_hash,
            "annexes_hash": basis.annexes_hash,
        }
    return _on_signal(
        request,
        signal,
        forms.ApprovalForm(request.POST or None, initial=initial),
        "procedure/approve.html",
        lambda cleaned: submission_approve(
            submitter=submitter,
            actor=request.user,
            **fields(cleaned, "version", "content_hash", "annexes_hash"),
        ),
        _("Uw instemming is vastgelegd."),
        submitter=submitter,
        basis=basis,
        addressees=list(signal.addressees.all()),
    )


@login_required
def approve_offline(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    if not may_record_offline_approval(request.user, submitter):
        raise NotAllowed(_("Alleen het loket registreert een instemming buiten de applicatie."))
    return _on_signal(
        request,
        signal,
        forms.OfflineApprovalForm(request.POST or None, request.FILES or None),
        "procedure/approve_offline.html",
        lambda cleaned: approval_record_offline(
            submitter=submitter,
            actor=request.user,
            **fields(cleaned, "note", uploaded_file="letter"),
        ),
        _("De instemming is vastgelegd."),
        submitter=submitter,
    )


@login_required
@require_POST
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_offer_signal(request.user, signal):
        raise NotAllowed(_("Alleen het loket biedt een signaal aan."))
    return _button(
        request,
        signal,
        lambda: signal_transition(
            signal=signal,
            actor=request.user,
            to=State.OFFERED,
            expected_state=_expected_state(request),
        ),
        _("Het signaal is aangeboden. De aanbiedingsbrief staat bij de documenten."),
    )


@login_required
@require_GET
def offering_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from .letters import offering_letter_docx, offering_letter_pdf

    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_make_offering_letter(request.user, signal):
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
    if not may_register_response(request.user, signal):
        raise NotAllowed(_("Alleen het loket registreert de gezamenlijke reactie."))
    return _on_signal(
        request,
        signal,
        forms.ResponseForm(request.POST or None, request.FILES or None),
        "procedure/response.html",
        lambda cleaned: response_register(
            signal=signal,
            actor=request.user,
            **fields(cleaned, "response_date", "title", uploaded_file="file"),
        ),
        _("De reactie is geregistreerd."),
    )


@login_required
@require_POST
def deliver(request: HttpRequest, pk: int) -> HttpResponse:
    # Who may: the workflow's roles for this edge (signal_transition answers 403 after the
    # state check); the panel shows the button with may_deliver_response.
    signal = signal_get_for_user(user=request.user, pk=pk)
    return _button(
        request,
        signal,
        lambda: response_deliver(
            signal=signal, actor=request.user, expected_state=_expected_state(request)
        ),
        _("De reactie is aangeboden aan de indieners."),
    )


@login_required
def effect_answer(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_answer_effect(request.user, signal):
        raise NotAllowed(_("Alleen de indieners of het loket beantwoorden de effectmeting."))
    rows = effect_answers_by_organisation(signal)
    answered = {row.organisation.pk for row in rows if row.answer is not None}
    # Each organisation answers for itself (the desk on behalf of one it picks), once.
    open_for = [o for o in effect_organisations_for(request.user, signal) if o.pk not in answered]
    context = {"signal": signal, "rows": rows, "is_open": signal.state == State.EFFECT_INQUIRY}
    if signal.state != State.EFFECT_INQUIRY or not open_for:
        if request.method == "POST":
            messages.error(
                request,
                _("De effectmeting staat voor dit signaal niet open.")
                if signal.state != State.EFFECT_INQUIRY
                else _("Uw organisatie heeft de effectmeting al beantwoord."),
            )
            return redirect(_signal_url(signal))
        return render(request, "procedure/effect_answer.html", {**context, "form": None})
    form = forms.EffectAnswerForm(request.POST or None, organisations=open_for)
    return _on_signal(
        request,
        signal,
        form,
        "procedure/effect_answer.html",
        lambda cleaned: effect_answer_submit(
            signal=signal,
            actor=request.user,
            organisation=form.organisations.get(cleaned.get("organisation")),
            **fields(cleaned, "outcome", "explanation"),
        ),
        _("Dank u wel. Uw antwoord is vastgelegd."),
        rows=rows,
        is_open=True,
    )
