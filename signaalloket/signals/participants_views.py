"""The participants page (Betrokkenen) of a signal and its one-button actions.

Every action is a plain form (no JavaScript) that posts here and returns to the page with
a message; the service checks the predicate again and refuses with a Dutch message.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from signaalloket.accounts.models import Membership
from signaalloket.accounts.roles import DESK_ROLES, SUBMITTER_ROLES, Role
from signaalloket.core.errors import NotAllowed, NotFound, ValidationFailed
from signaalloket.core.forms_views import post_action
from signaalloket.organisations.models import Organisation, OrganisationKind

from .forms import PersonForm, ReasonForm, SubmitterAddForm
from .models import ContactStatus
from .permissions import (
    may_add_contact,
    may_add_submitter,
    may_confirm_contact,
    may_edit_participants,
    may_make_lead_submitter,
    may_propose_contact,
    may_remove_addressee,
    may_remove_contact,
    may_remove_submitter,
    may_set_case_handler,
    may_set_strategic_rep,
)
from .selectors import signal_get_for_user
from .services.contacts import contact_add, contact_confirm, contact_remove
from .services.participants import (
    addressee_remove,
    signal_set_case_handler,
    submitter_add,
    submitter_make_lead,
    submitter_remove,
    submitter_set_strategic_rep,
)
from .states import PRE_OFFER

# Lazy: evaluated per request, in the language of that request.
INVALID = gettext_lazy("Controleer de keuze en probeer het opnieuw.")


def _page_url(signal) -> str:
    return reverse("signals:participants", args=[signal.pk])


def _submitter(signal, sid):
    for submitter in signal.submitters.all():
        if str(submitter.pk) == str(sid):
            return submitter
    raise NotFound()


def _addressee(signal, aid):
    for addressee in signal.addressees.all():
        if str(addressee.pk) == str(aid):
            return addressee
    raise NotFound()


def _contact(signal, cid):
    contact = (
        signal.contacts.select_related("organisation", "user", "signal")
        .filter(pk=cid if str(cid).isdigit() else 0)
        .first()
    )
    if contact is None:
        raise NotFound()
    return contact


def _people(signal, org_ids):
    """Active submitter members per organisation, in one query: {org_id: [(user, role)]}."""
    rows = (
        Membership.objects.filter(
            organisation_id__in=org_ids,
            role__in=list(SUBMITTER_ROLES),
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name")
    )
    result: dict[int, list] = {}
    for row in rows:
        result.setdefault(row.organisation_id, []).append((row.user, row.role))
    return result


@login_required
@require_GET
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    user = request.user
    desk = may_edit_participants(user, signal)
    submitters = list(signal.submitters.all())  # prefetched with organisation, strategic_rep
    contacts = list(
        signal.contacts.select_related("user").filter(
            status__in=[ContactStatus.PROPOSED, ContactStatus.CONFIRMED]
        )
    )
    people = _people(signal, [s.organisation_id for s in submitters]) if submitters else {}
    rows = []
    for submitter in submitters:
        members = people.get(submitter.organisation_id, [])
        rows.append(
            {
                "submitter": submitter,
                "strategic_rep": submitter.strategic_rep,
                "contacts": [c for c in contacts if c.organisation_id == submitter.organisation_id],
                "members": [u for u, _role in members],
                "rep_choices": [u for u, role in members if role == Role.STRATEGIC_REP],
                "may_remove": may_remove_submitter(user, submitter),
                "may_make_lead": may_make_lead_submitter(user, submitter),
                "may_set_rep": may_set_strategic_rep(user, submitter),
                "may_add_contact": may_add_contact(user, submitter),
                "may_propose_contact": may_propose_contact(user, submitter),
            }
        )
    taken = {s.organisation_id for s in submitters}
    organisations = []
    if may_add_submitter(user, signal):
        organisations = [
            o
            for o in Organisation.objects.filter(
                is_active=True, kind__in=(OrganisationKind.PARTNER, OrganisationKind.RIEC)
            ).order_by("name")
            if o.pk not in taken
        ]
    desk_users = []
    if may_set_case_handler(user, signal):
        desk_users = list(
            get_user_model()
            .objects.filter(
                is_active=True, memberships__is_active=True, memberships__role__in=list(DESK_ROLES)
            )
            .distinct()
            .order_by("full_name")
        )
    return render(
        request,
        "signals/participants.html",
        {
            "signal": signal,
            "rows": rows,
            "needs_reason": signal.state not in PRE_OFFER,
            "may_add_submitter": may_add_submitter(user, signal),
            "organisations": organisations,
            "may_set_case_handler": may_set_case_handler(user, signal),
            "desk_users": desk_users,
            "may_confirm_contact": may_confirm_contact(user, signal),
            "may_remove_contact": may_remove_contact(user, signal),
            "may_remove_addressee": may_remove_addressee(user, signal),
            "is_desk": desk,
        },
    )


def _act(request, signal, call, message, form=None) -> HttpResponse:
    return post_action(
        request,
        call=call,
        redirect_to=_page_url(signal),
        success_message=message,
        form=form,
        invalid_message=INVALID,
    )


def _with_reason(request, signal, service, message) -> HttpResponse:
    """A one-button action whose only input is the reason (required after offering): the
    form is validated by post_action before `service(actor=, reason=)` is called."""
    form = ReasonForm(request.POST)
    return _act(
        request,
        signal,
        lambda: service(actor=request.user, reason=form.cleaned_data["reason"]),
        message,
        form=form,
    )


@login_required
@require_POST
def submitter_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_add_submitter(request.user, signal):
        raise NotAllowed(_("U mag de indieners van dit signaal niet wijzigen."))
    form = SubmitterAddForm(request.POST)
    return _act(
        request,
        signal,
        lambda: submitter_add(
            signal=signal,
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            is_lead=form.cleaned_data["is_lead"],
            reason=form.cleaned_data["reason"],
        ),
        _("De indiener is toegevoegd."),
        form=form,
    )


@login_required
@require_POST
def submitter_remove_view(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    if not may_edit_participants(request.user, signal):
        raise NotAllowed(_("U mag de indieners van dit signaal niet wijzigen."))
    return _with_reason(
        request,
        signal,
        partial(submitter_remove, submitter=submitter),
        _("De indiener is verwijderd."),
    )


@login_required
@require_POST
def submitter_make_lead_view(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    if not may_edit_participants(request.user, signal):
        raise NotAllowed(_("U mag de indieners van dit signaal niet wijzigen."))
    return _with_reason(
        request,
        signal,
        partial(submitter_make_lead, submitter=submitter),
        _("De hoofdindiener is gewijzigd."),
    )


@login_required
@require_POST
def strategic_rep_view(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    if not may_set_strategic_rep(request.user, submitter):
        raise NotAllowed(_("U mag de strategisch vertegenwoordiger niet wijzigen."))
    form = PersonForm(request.POST)
    return _act(
        request,
        signal,
        lambda: submitter_set_strategic_rep(
            submitter=submitter,
            actor=request.user,
            strategic_rep=form.cleaned_data["user"],
            expected_version=form.cleaned_data["expected_version"] or 0,
            reason=form.cleaned_data["reason"],
        ),
        _("De strategisch vertegenwoordiger is vastgelegd."),
        form=form,
    )


@login_required
@require_POST
def contact_add_view(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    submitter = _submitter(signal, sid)
    desk = may_add_contact(request.user, submitter)
    if not (desk or may_propose_contact(request.user, submitter)):
        raise NotAllowed(_("U mag geen contactpersonen voor deze organisatie toevoegen."))
    form = PersonForm(request.POST)

    def call():
        if form.cleaned_data["user"] is None:
            raise ValidationFailed(_("Kies een persoon."))
        return contact_add(
            submitter=submitter,
            actor=request.user,
            user=form.cleaned_data["user"],
            make_lead=desk and form.cleaned_data["make_lead"],
            reason=form.cleaned_data["reason"],
        )

    return _act(
        request,
        signal,
        call,
        _("De contactpersoon is toegevoegd.") if desk else _("De contactpersoon is voorgesteld."),
        form=form,
    )


@login_required
@require_POST
def contact_confirm_view(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_confirm_contact(request.user, signal):
        raise NotAllowed(_("Alleen het loket bevestigt een contactpersoon."))
    contact = _contact(signal, cid)
    return _with_reason(
        request,
        signal,
        partial(contact_confirm, contact=contact),
        _("De contactpersoon is bevestigd."),
    )


@login_required
@require_POST
def contact_remove_view(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_remove_contact(request.user, signal):
        raise NotAllowed(_("Alleen het loket verwijdert een contactpersoon."))
    contact = _contact(signal, cid)
    return _with_reason(
        request,
        signal,
        partial(contact_remove, contact=contact),
        _("De contactpersoon is verwijderd."),
    )


@login_required
@require_POST
def case_handler_view(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_set_case_handler(request.user, signal):
        raise NotAllowed(_("Alleen het loket wijst de behandelaar aan."))
    form = PersonForm(request.POST)
    return _act(
        request,
        signal,
        lambda: signal_set_case_handler(
            signal=signal,
            actor=request.user,
            case_handler=form.cleaned_data["user"],
            expected_version=form.cleaned_data["expected_version"] or 0,
            reason=form.cleaned_data["reason"],
        ),
        _("De behandelaar is vastgelegd."),
        form=form,
    )


@login_required
@require_POST
def addressee_remove_view(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    addressee = _addressee(signal, aid)
    if not may_remove_addressee(request.user, signal):
        raise NotAllowed(_("U mag de geadresseerden van dit signaal niet wijzigen."))
    return _with_reason(
        request,
        signal,
        partial(addressee_remove, addressee=addressee),
        _("De geadresseerde is verwijderd."),
    )
