"""Submitters (indieners) and addressees (bewindspersonen) of a signal."""

from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.accounts.models import Membership
from signaalloket.accounts.roles import Role
from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.core.events import publish, publish_on_commit
from signaalloket.organisations.models import Office, Organisation, OrganisationKind

from ..models import (
    ACTIVE_CONTACT_STATUSES,
    Addressee,
    ApprovalKind,
    ContactStatus,
    ContributionStatus,
    Signal,
    Submitter,
    SubmitterContact,
)
from ..permissions import (
    may_add_submitter,
    may_approve_submitter,
    may_edit_addressees,
    may_edit_participants,
    may_make_lead_submitter,
    may_record_offline_approval,
    may_remove_addressee,
    may_remove_submitter,
    may_set_case_handler,
    may_set_contribution,
    may_set_strategic_rep,
)
from ..states import FINAL_STATES, PRE_OFFER, State


def reason_for_change(signal: Signal, reason: str) -> str:
    """Participants change freely until the signal is offered; after that with a reason."""
    reason = (reason or "").strip()
    if signal.state in FINAL_STATES:
        raise ValidationFailed(_("Dit signaal is afgerond; de betrokkenen liggen vast."))
    if signal.state not in PRE_OFFER and not reason:
        raise ValidationFailed(
            _("Het signaal is aangeboden: geef een reden voor deze wijziging."), field="reason"
        )
    return reason[:2000]


def _with_reason(data: dict, reason: str) -> dict:
    return {**data, "reason": reason} if reason else data


def participant_changed(
    *, signal: Signal, change: str, event, actor, user_ids=(), organisation_id=None
) -> None:
    """Tell whom a change concerns (notifications subscribe to "participant.changed")."""
    publish_on_commit(
        "participant.changed",
        signal_id=signal.pk,
        change=change,
        event_id=event.pk,
        user_ids=[pk for pk in user_ids if pk],
        organisation_id=organisation_id,
        actor_id=getattr(actor, "pk", None),
    )


def _lock_signal(signal: Signal) -> Signal:
    return Signal.objects.select_for_update().get(pk=signal.pk)


def check_strategic_rep(organisation: Organisation, user) -> None:
    """A strategic representative is a person with that role in that organisation."""
    if user is None:
        return
    if not (
        user.is_active
        and Membership.objects.filter(
            user=user,
            organisation=organisation,
            role=Role.STRATEGIC_REP,
            is_active=True,
            organisation__is_active=True,
        ).exists()
    ):
        raise ValidationFailed(
            _("De strategisch vertegenwoordiger moet die rol hebben bij %(organisation)s.")
            % {"organisation": organisation},
            field="strategic_rep",
        )


def submitter_add(
    *,
    signal: Signal,
    actor,
    organisation: Organisation,
    is_lead: bool = False,
    strategic_rep=None,
    strategic_rep_name: str = "",
    strategic_rep_function: str = "",
    contact_person=None,
    reason: str = "",
) -> Submitter:
    """Add a submitting organisation; as lead, the current lead becomes a co-submitter."""
    if not may_add_submitter(actor, signal):
        raise NotAllowed(_("U mag de indieners van dit signaal niet wijzigen."))
    reason = reason_for_change(signal, reason)
    if organisation.kind not in (OrganisationKind.PARTNER, OrganisationKind.RIEC):
        raise ValidationFailed(
            _("Alleen partnerorganisaties en RIEC's kunnen indienen."), field="organisation"
        )
    check_strategic_rep(organisation, strategic_rep)
    try:
        with transaction.atomic():
            _lock_signal(signal)
            if is_lead:
                Submitter.objects.filter(signal=signal, is_lead=True).update(
                    is_lead=False, version=F("version") + 1
                )
            submitter = Submitter.objects.create(
                signal=signal,
                organisation=organisation,
                is_lead=is_lead,
                strategic_rep=strategic_rep,
                strategic_rep_name=strategic_rep_name.strip()[:200],
                strategic_rep_function=strategic_rep_function.strip()[:200],
                contact_person=contact_person,
            )
            if contact_person is not None:
                SubmitterContact.objects.create(
                    signal=signal,
                    organisation=organisation,
                    user=contact_person,
                    status=ContactStatus.CONFIRMED,
                    proposed_by=actor,
                    confirmed_by=actor,
                    confirmed_at=timezone.now(),
                )
            data = {"organisation": organisation.name}
            if is_lead:
                data["lead"] = True
            if strategic_rep is not None:
                data["strategic_rep"] = strategic_rep.full_name
            event = audit_event_record(
                event_type="submitter.added",
                actor=actor,
                signal=signal,
                organisation=organisation,
                data=_with_reason(data, reason),
            )
            participant_changed(
                signal=signal,
                change="submitter_added",
                event=event,
                actor=actor,
                user_ids=[getattr(strategic_rep, "pk", None)],
                organisation_id=organisation.pk,
            )
    except IntegrityError as exc:
        raise ValidationFailed(
            _("%(organisation)s is al indiener van dit signaal.") % {"organisation": organisation},
            field="organisation",
        ) from exc
    return submitter


def submitter_remove(*, submitter: Submitter, actor, reason: str = "") -> None:
    """Remove a co-submitter added by mistake. Its contact persons end; the audit trail
    keeps what it was. The lead is not removed (make another organisation lead first)."""
    signal = submitter.signal
    if not may_remove_submitter(actor, submitter):
        if submitter.is_lead and may_edit_participants(actor, signal):
            raise ValidationFailed(
                _(
                    "De hoofdindiener kunt u niet verwijderen; "
                    "maak eerst een andere organisatie hoofdindiener."
                )
            )
        raise NotAllowed(_("U mag de indieners van dit signaal niet wijzigen."))
    reason = reason_for_change(signal, reason)
    organisation = submitter.organisation
    try:
        with transaction.atomic():
            _lock_signal(signal)
            current = Submitter.objects.filter(pk=submitter.pk, is_lead=False).first()
            if current is None:
                raise Conflict(_("Deze indiener is intussen gewijzigd."), current=signal)
            active = SubmitterContact.objects.filter(
                signal=signal, organisation=organisation, status__in=ACTIVE_CONTACT_STATUSES
            )
            ended = list(active.values_list("user_id", flat=True))
            active.update(
                status=ContactStatus.REMOVED,
                ended_at=timezone.now(),
                ended_by=actor,
                end_reason=reason,
                version=F("version") + 1,
            )
            data = {"organisation": organisation.name}
            if current.approved_at:
                data["had_approved"] = True
            current.delete()
            event = audit_event_record(
                event_type="submitter.removed",
                actor=actor,
                signal=signal,
                organisation=organisation,
                data=_with_reason(data, reason),
            )
            participant_changed(
                signal=signal,
                change="submitter_removed",
                event=event,
                actor=actor,
                user_ids=ended,
                organisation_id=organisation.pk,
            )
    except ProtectedError as exc:
        raise ValidationFailed(
            _("%(organisation)s heeft al vastgelegde gegevens bij dit signaal en blijft indiener.")
            % {"organisation": organisation}
        ) from exc


def submitter_make_lead(*, submitter: Submitter, actor, reason: str = "") -> Submitter:
    """Make this co-submitter the lead (hoofdindiener); the old lead becomes a co-submitter."""
    signal = submitter.signal
    if submitter.is_lead and may_edit_participants(actor, signal):
        raise ValidationFailed(_("Deze organisatie is al hoofdindiener."))
    if not may_make_lead_submitter(actor, submitter):
        raise NotAllowed(_("U mag de indieners van dit signaal niet wijzigen."))
    reason = reason_for_change(signal, reason)
    with transaction.atomic():
        _lock_signal(signal)
        old = (
            Submitter.objects.filter(signal=signal, is_lead=True)
            .select_related("organisation")
            .first()
        )
        if not Submitter.objects.filter(pk=submitter.pk, is_lead=False).exists():
            raise Conflict(_("Deze indiener is intussen gewijzigd."), current=signal)
        Submitter.objects.filter(signal=signal, is_lead=True).update(
            is_lead=False, version=F("version") + 1
        )
        Submitter.objects.filter(pk=submitter.pk).update(is_lead=True, version=F("version") + 1)
        data = {"organisation": submitter.organisation.name}
        if old is not None:
            data["previous"] = old.organisation.name
        event = audit_event_record(
            event_type="submitter.lead_changed",
            actor=actor,
            signal=signal,
            organisation=submitter.organisation,
            data=_with_reason(data, reason),
        )
        participant_changed(
            signal=signal,
            change="lead_changed",
            event=event,
            actor=actor,
            organisation_id=submitter.organisation_id,
        )
    submitter.refresh_from_db()
    return submitter


def submitter_set_strategic_rep(
    *, submitter: Submitter, actor, strategic_rep, expected_version: int, reason: str = ""
) -> Submitter:
    """Name (or clear) the person who approves the submission for this organisation."""
    signal = submitter.signal
    if not may_set_strategic_rep(actor, submitter):
        raise NotAllowed(_("U mag de strategisch vertegenwoordiger niet wijzigen."))
    reason = reason_for_change(signal, reason)
    check_strategic_rep(submitter.organisation, strategic_rep)
    new_id = getattr(strategic_rep, "pk", None)
    if new_id == submitter.strategic_rep_id:
        raise ValidationFailed(
            _("Deze persoon is al de strategisch vertegenwoordiger."), field="strategic_rep"
        )
    previous = submitter.strategic_rep
    with transaction.atomic():
        updated = Submitter.objects.filter(pk=submitter.pk, version=expected_version).update(
            strategic_rep=strategic_rep, version=F("version") + 1
        )
        if not updated:
            raise Conflict(_("Deze indiener is intussen gewijzigd."), current=signal)
        data = {"organisation": submitter.organisation.name}
        if previous is not None:
            data["previous"] = previous.full_name
        if strategic_rep is not None:
            data["strategic_rep"] = strategic_rep.full_name
        event = audit_event_record(
            event_type="submitter.strategic_rep_set",
            actor=actor,
            signal=signal,
            organisation=submitter.organisation,
            data=_with_reason(data, reason),
        )
        participant_changed(
            signal=signal,
            change="strategic_rep_set",
            event=event,
            actor=actor,
            user_ids=[new_id, getattr(previous, "pk", None)],
        )
    submitter.refresh_from_db()
    return submitter


def check_case_handler(user) -> None:
    if user is not None and not (user.is_active and access_for(user).is_desk):
        raise ValidationFailed(
            _("De behandelaar moet een medewerker van het loket zijn."), field="case_handler"
        )


def signal_set_case_handler(
    *, signal: Signal, actor, case_handler, expected_version: int, reason: str = ""
) -> Signal:
    """Name the desk's case handler (behandelaar) of the signal."""
    if not may_set_case_handler(actor, signal):
        raise NotAllowed(_("Alleen het loket wijst de behandelaar aan."))
    reason = reason_for_change(signal, reason)
    check_case_handler(case_handler)
    new_id = getattr(case_handler, "pk", None)
    if new_id == signal.case_handler_id:
        raise ValidationFailed(_("Deze persoon is al de behandelaar."), field="case_handler")
    previous = signal.case_handler
    with transaction.atomic():
        updated = Signal.objects.filter(pk=signal.pk, version=expected_version).update(
            case_handler=case_handler, version=F("version") + 1, updated_at=timezone.now()
        )
        if not updated:
            raise Conflict(current=signal)
        data = {}
        if previous is not None:
            data["previous"] = previous.full_name
        if case_handler is not None:
            data["case_handler"] = case_handler.full_name
        event = audit_event_record(
            event_type="signal.case_handler_set",
            actor=actor,
            signal=signal,
            data=_with_reason(data, reason),
        )
        participant_changed(
            signal=signal, change="case_handler_set", event=event, actor=actor, user_ids=[new_id]
        )
    signal.refresh_from_db()
    return signal


def submitter_approve(
    *,
    submitter: Submitter,
    actor,
    kind: str = ApprovalKind.IN_APP,
    note: str = "",
    expected: dict | None = None,
) -> Submitter:
    """Definitive submission on behalf of the submitter's strategic representative.

    `expected` carries what the approver was shown (version, content_hash, annexes_hash);
    the procedure app records the approval of that exact text through the synchronous
    event "submitter.approving" and refuses (Conflict) when it is no longer current.
    """
    signal = submitter.signal
    if signal.state != State.DECISION:
        raise ValidationFailed(_("Instemmen kan alleen in de fase 'besluit indiening'."))
    if kind == ApprovalKind.IN_APP:
        if not may_approve_submitter(actor, submitter):
            raise NotAllowed(
                _("Alleen de strategisch vertegenwoordiger van deze organisatie kan instemmen.")
            )
    elif not may_record_offline_approval(actor, submitter):
        raise NotAllowed(_("Alleen het loket registreert een instemming buiten de applicatie."))
    now = timezone.now()
    with transaction.atomic():
        updated = Submitter.objects.filter(pk=submitter.pk, approved_at__isnull=True).update(
            approved_at=now,
            approved_by=actor,
            approval_kind=kind,
            version=F("version") + 1,
        )
        if not updated:
            raise Conflict(_("Deze organisatie heeft al ingestemd."))
        # Inside the transaction: a refusal by a subscriber undoes the approval.
        publish(
            "submitter.approving",
            submitter=submitter,
            actor=actor,
            kind=kind,
            at=now,
            expected=expected,
        )
        audit_event_record(
            event_type="submitter.approved",
            actor=actor,
            signal=signal,
            organisation=submitter.organisation,
            data={
                "organisation": submitter.organisation.name,
                "kind": kind,
                "note": note,
                "version": (expected or {}).get("version"),
            },
        )
        publish_on_commit(
            "submitter.approved",
            signal_id=signal.pk,
            submitter_id=submitter.pk,
            actor_id=getattr(actor, "pk", None),
        )
    submitter.refresh_from_db()
    return submitter


def submitter_approvals_reset(*, signal: Signal, actor, lapse: bool = True) -> None:
    """Back to drafting: earlier approvals no longer cover the changed text.

    Synchronously tells the procedure app, which lets the approval records lapse
    (`lapse=False` when it is the one resetting).
    """
    Submitter.objects.filter(signal=signal, approved_at__isnull=False).update(
        approved_at=None, approved_by=None, approval_kind="", version=F("version") + 1
    )
    publish("submitter.approvals_reset", signal=signal, actor=actor, lapse=lapse)


def _check_contact_official(office: Office, contact_official) -> None:
    """A contact official must hold an active official membership in the office's ministry."""
    if contact_official is None:
        return
    if office.ministry_id not in access_for(contact_official).ministry_ids:
        raise ValidationFailed(
            _(
                "De contactambtenaar moet ambtenaar zijn bij het ministerie van deze bewindspersoon."
            ),
            field="contact_official",
        )


def addressee_add(
    *, signal: Signal, actor, office: Office, is_coordinating: bool = False, contact_official=None
) -> Addressee:
    if not may_edit_addressees(actor, signal):
        raise NotAllowed(_("U mag de geadresseerden van dit signaal niet wijzigen."))
    if signal.state not in PRE_OFFER:
        raise ValidationFailed(_("Na het aanbieden liggen de geadresseerden vast."))
    _check_contact_official(office, contact_official)
    try:
        with transaction.atomic():
            if is_coordinating:
                Addressee.objects.filter(signal=signal, is_coordinating=True).update(
                    is_coordinating=False, version=F("version") + 1
                )
            addressee = Addressee.objects.create(
                signal=signal,
                office=office,
                is_coordinating=is_coordinating,
                contact_official=contact_official,
            )
            audit_event_record(
                event_type="addressee.added",
                actor=actor,
                signal=signal,
                data={"office": str(office), "coordinating": is_coordinating},
            )
    except IntegrityError as exc:
        raise ValidationFailed(
            _("%(office)s is al geadresseerde van dit signaal.") % {"office": office},
            field="office",
        ) from exc
    return addressee


def addressee_set_contribution(
    *, addressee: Addressee, actor, status: str, expected_version: int
) -> Addressee:
    if status not in ContributionStatus.values:
        raise ValidationFailed(_("Kies een geldige status."), field="status")
    if not may_set_contribution(actor, addressee):
        raise NotAllowed(
            _("Alleen het loket of een ambtenaar van dit ministerie wijzigt de bijdrage.")
        )
    with transaction.atomic():
        updated = Addressee.objects.filter(pk=addressee.pk, version=expected_version).update(
            contribution_status=status, version=F("version") + 1
        )
        if not updated:
            raise Conflict(current=addressee)
        audit_event_record(
            event_type="addressee.contribution",
            actor=actor,
            signal=addressee.signal,
            data={"office": str(addressee.office), "status": status},
        )
        publish_on_commit(
            "addressee.contribution",
            signal_id=addressee.signal_id,
            addressee_id=addressee.pk,
            status=status,
            actor_id=getattr(actor, "pk", None),
        )
    addressee.refresh_from_db()
    return addressee


def addressee_update(
    *,
    addressee: Addressee,
    actor,
    is_coordinating: bool,
    contact_official=None,
    expected_version: int,
) -> Addressee:
    """Mark the coordinating ministry (penvoerder) and name the contact official."""
    signal = addressee.signal
    if not may_edit_addressees(actor, signal):
        raise NotAllowed(_("U mag de geadresseerden van dit signaal niet wijzigen."))
    if signal.state in FINAL_STATES:
        raise ValidationFailed(_("Dit signaal is afgerond; de geadresseerden liggen vast."))
    _check_contact_official(addressee.office, contact_official)
    with transaction.atomic():
        if is_coordinating:
            Addressee.objects.filter(signal=signal, is_coordinating=True).exclude(
                pk=addressee.pk
            ).update(is_coordinating=False, version=F("version") + 1)
        updated = Addressee.objects.filter(pk=addressee.pk, version=expected_version).update(
            is_coordinating=is_coordinating,
            contact_official=contact_official,
            version=F("version") + 1,
        )
        if not updated:
            raise Conflict(current=addressee)
        audit_event_record(
            event_type="addressee.updated",
            actor=actor,
            signal=signal,
            data={
                "office": str(addressee.office),
                "coordinating": is_coordinating,
                "contact_official": getattr(contact_official, "pk", None),
            },
        )
    addressee.refresh_from_db()
    return addressee


def addressee_remove(*, addressee: Addressee, actor, reason: str = "") -> None:
    """Remove an addressee added by mistake (before offering). The audit trail keeps it."""
    signal = addressee.signal
    if not may_remove_addressee(actor, signal):
        raise NotAllowed(_("U mag de geadresseerden van dit signaal niet wijzigen."))
    reason = reason_for_change(signal, reason)
    office = addressee.office
    try:
        with transaction.atomic():
            _lock_signal(signal)
            deleted, _rows = Addressee.objects.filter(pk=addressee.pk).delete()
            if not deleted:
                raise Conflict(_("Deze geadresseerde is intussen verwijderd."), current=signal)
            data = {"office": str(office)}
            if addressee.is_coordinating:
                data["coordinating"] = True
            event = audit_event_record(
                event_type="addressee.removed",
                actor=actor,
                signal=signal,
                data=_with_reason(data, reason),
            )
            if signal.fact_check_started_at is not None:
                participant_changed(
                    signal=signal,
                    change="addressee_removed",
                    event=event,
                    actor=actor,
                    user_ids=[addressee.contact_official_id],
                )
    except ProtectedError as exc:
        raise ValidationFailed(
            _("%(office)s heeft al vastgelegde gegevens bij dit signaal en blijft geadresseerde.")
            % {"office": office}
        ) from exc
