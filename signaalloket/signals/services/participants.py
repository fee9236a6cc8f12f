"""Submitters (indieners) and addressees (bewindspersonen) of a signal."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.core.events import publish, publish_on_commit
from signaalloket.organisations.models import Office, Organisation, OrganisationKind

from ..models import Addressee, ApprovalKind, ContributionStatus, Signal, Submitter
from ..permissions import (
    may_approve_submitter,
    may_edit_addressees,
    may_edit_signal,
    may_record_offline_approval,
    may_set_contribution,
)
from ..states import FINAL_STATES, PRE_OFFER, State


def submitter_add(
    *,
    signal: Signal,
    actor,
    organisation: Organisation,
    strategic_rep_name: str = "",
    strategic_rep_function: str = "",
    contact_person=None,
) -> Submitter:
    if not may_edit_signal(actor, signal):
        raise NotAllowed(_("U mag de indieners van dit signaal niet wijzigen."))
    if organisation.kind not in (OrganisationKind.PARTNER, OrganisationKind.RIEC):
        raise ValidationFailed(
            _("Alleen partnerorganisaties en RIEC's kunnen indienen."), field="organisation"
        )
    try:
        with transaction.atomic():
            submitter = Submitter.objects.create(
                signal=signal,
                organisation=organisation,
                strategic_rep_name=strategic_rep_name.strip()[:200],
                strategic_rep_function=strategic_rep_function.strip()[:200],
                contact_person=contact_person,
            )
            audit_event_record(
                event_type="submitter.added",
                actor=actor,
                signal=signal,
                organisation=organisation,
                data={"organisation": organisation.name},
            )
    except IntegrityError as exc:
        raise ValidationFailed(
            _("%(organisation)s is al indiener van dit signaal.") % {"organisation": organisation},
            field="organisation",
        ) from exc
    return submitter


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
