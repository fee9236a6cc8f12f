"""Contact persons (contactpersonen) of a submitting organisation for one signal.

The desk adds a contact directly (confirmed) or confirms one that the organisation's lead
contact proposed. A contact is a user with an active submitter membership of that
organisation. Nothing is deleted: removal and rejection set the status and ended_at.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.accounts.models import Membership
from signaalloket.accounts.roles import SUBMITTER_ROLES
from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed

from ..models import ContactStatus, Submitter, SubmitterContact
from ..permissions import (
    may_add_contact,
    may_confirm_contact,
    may_propose_contact,
    may_remove_contact,
)
from .participants import _with_reason, participant_changed, reason_for_change


def _check_member(submitter: Submitter, user) -> None:
    member = (
        user is not None
        and user.is_active
        and Membership.objects.filter(
            user=user,
            organisation_id=submitter.organisation_id,
            role__in=list(SUBMITTER_ROLES),
            is_active=True,
            organisation__is_active=True,
        ).exists()
    )
    if not member:
        raise ValidationFailed(
            _("Een contactpersoon moet indiener zijn bij %(organisation)s.")
            % {"organisation": submitter.organisation},
            field="user",
        )


def contact_add(
    *, submitter: Submitter, actor, user, make_lead: bool = False, reason: str = ""
) -> SubmitterContact:
    """The desk adds a contact person (confirmed at once); the lead contact proposes one.

    `make_lead` (desk only) makes the person the organisation's lead contact
    (Submitter.contact_person); for a person already confirmed it only does that.
    """
    signal = submitter.signal
    desk = may_add_contact(actor, submitter)
    if not desk and not may_propose_contact(actor, submitter):
        raise NotAllowed(_("U mag geen contactpersonen voor deze organisatie toevoegen."))
    if make_lead and not desk:
        raise NotAllowed(_("Alleen het loket wijst de hoofdcontactpersoon aan."))
    reason = reason_for_change(signal, reason)
    _check_member(submitter, user)
    now = timezone.now()
    existing = SubmitterContact.objects.filter(
        signal=signal,
        organisation_id=submitter.organisation_id,
        user=user,
        status=ContactStatus.CONFIRMED,
    ).first()
    if existing is not None and not make_lead:
        raise ValidationFailed(_("Deze persoon is al contactpersoon."), field="user")
    if existing is not None and submitter.contact_person_id == user.pk:
        raise ValidationFailed(_("Deze persoon is al de hoofdcontactpersoon."), field="user")
    try:
        with transaction.atomic():
            if existing is not None:
                contact = existing
            elif desk:
                # a pending proposal for the same person is confirmed by adding them
                proposal = SubmitterContact.objects.filter(
                    signal=signal,
                    organisation_id=submitter.organisation_id,
                    user=user,
                    status=ContactStatus.PROPOSED,
                ).first()
                if proposal is not None:
                    SubmitterContact.objects.filter(pk=proposal.pk).update(
                        status=ContactStatus.CONFIRMED,
                        confirmed_by=actor,
                        confirmed_at=now,
                        version=F("version") + 1,
                    )
                    contact = proposal
                else:
                    contact = SubmitterContact.objects.create(
                        signal=signal,
                        organisation_id=submitter.organisation_id,
                        user=user,
                        status=ContactStatus.CONFIRMED,
                        proposed_by=actor,
                        confirmed_by=actor,
                        confirmed_at=now,
                    )
            else:
                contact = SubmitterContact.objects.create(
                    signal=signal,
                    organisation_id=submitter.organisation_id,
                    user=user,
                    status=ContactStatus.PROPOSED,
                    proposed_by=actor,
                )
            if make_lead:
                Submitter.objects.filter(pk=submitter.pk).update(
                    contact_person=user, version=F("version") + 1
                )
            data = {"organisation": submitter.organisation.name, "person": user.full_name}
            if make_lead:
                data["lead_contact"] = True
            event_type = "contact.added" if desk else "contact.proposed"
            event = audit_event_record(
                event_type=event_type,
                actor=actor,
                signal=signal,
                organisation=submitter.organisation,
                data=_with_reason(data, reason),
            )
            participant_changed(
                signal=signal,
                change="contact_added" if desk else "contact_proposed",
                event=event,
                actor=actor,
                user_ids=[user.pk] if desk else [],
            )
    except IntegrityError as exc:
        raise ValidationFailed(
            _("Deze persoon is al voorgesteld als contactpersoon."), field="user"
        ) from exc
    contact.refresh_from_db()
    return contact


def contact_confirm(*, contact: SubmitterContact, actor, reason: str = "") -> SubmitterContact:
    """The desk confirms a proposed contact person."""
    signal = contact.signal
    if not may_confirm_contact(actor, signal):
        raise NotAllowed(_("Alleen het loket bevestigt een contactpersoon."))
    reason = reason_for_change(signal, reason)
    with transaction.atomic():
        updated = SubmitterContact.objects.filter(
            pk=contact.pk, status=ContactStatus.PROPOSED
        ).update(
            status=ContactStatus.CONFIRMED,
            confirmed_by=actor,
            confirmed_at=timezone.now(),
            version=F("version") + 1,
        )
        if not updated:
            raise Conflict(_("Dit voorstel is al afgehandeld."), current=signal)
        event = audit_event_record(
            event_type="contact.confirmed",
            actor=actor,
            signal=signal,
            organisation=contact.organisation,
            data=_with_reason(
                {"organisation": contact.organisation.name, "person": contact.user.full_name},
                reason,
            ),
        )
        participant_changed(
            signal=signal,
            change="contact_added",
            event=event,
            actor=actor,
            user_ids=[contact.user_id],
        )
    contact.refresh_from_db()
    return contact


def contact_remove(*, contact: SubmitterContact, actor, reason: str = "") -> SubmitterContact:
    """The desk ends a contact person (or rejects a proposal). The row stays as history;
    a removed lead contact is no longer the organisation's lead contact."""
    signal = contact.signal
    if not may_remove_contact(actor, signal):
        raise NotAllowed(_("Alleen het loket verwijdert een contactpersoon."))
    reason = reason_for_change(signal, reason)
    status = (
        ContactStatus.REJECTED
        if contact.status == ContactStatus.PROPOSED
        else ContactStatus.REMOVED
    )
    with transaction.atomic():
        updated = SubmitterContact.objects.filter(
            pk=contact.pk, status=contact.status, version=contact.version
        ).update(
            status=status,
            ended_by=actor,
            ended_at=timezone.now(),
            end_reason=reason,
            version=F("version") + 1,
        )
        if not updated or contact.status not in (ContactStatus.PROPOSED, ContactStatus.CONFIRMED):
            raise Conflict(_("Deze contactpersoon is intussen gewijzigd."), current=signal)
        Submitter.objects.filter(
            signal=signal, organisation_id=contact.organisation_id, contact_person=contact.user
        ).update(contact_person=None, version=F("version") + 1)
        event = audit_event_record(
            event_type="contact.removed",
            actor=actor,
            signal=signal,
            organisation=contact.organisation,
            data=_with_reason(
                {
                    "organisation": contact.organisation.name,
                    "person": contact.user.full_name,
                    "status": status,
                },
                reason,
            ),
        )
        participant_changed(
            signal=signal,
            change="contact_removed",
            event=event,
            actor=actor,
            user_ids=[contact.user_id],
        )
    contact.refresh_from_db()
    return contact
