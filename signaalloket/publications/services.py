"""Writes of the public register. Each records an audit event."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.signals.models import Signal, Submitter

from .models import Publication, PublicationConsent
from .permissions import may_edit_publication, may_record_publication_consent


def publication_for(*, signal: Signal) -> Publication:
    """The signal's publication settings (unsaved default when none were recorded yet)."""
    try:
        return signal.publication
    except Publication.DoesNotExist:
        return Publication(signal=signal)


def publication_consent_record(
    *, signal: Signal, actor, submitter: Submitter, note: str = ""
) -> PublicationConsent:
    """Record that a submitting organisation agrees to publication."""
    if not may_record_publication_consent(actor):
        raise NotAllowed(_("Alleen het loket beheert het openbare register."))
    if submitter.signal_id != signal.pk:
        raise ValidationFailed(_("Deze indiener hoort niet bij dit signaal."))
    with transaction.atomic():
        publication, _created = Publication.objects.get_or_create(
            signal=signal, defaults={"updated_by": actor}
        )
        consent, created = PublicationConsent.objects.get_or_create(
            publication=publication,
            submitter=submitter,
            defaults={"recorded_by": actor, "note": (note or "").strip()[:500]},
        )
        if not created:
            raise ValidationFailed(_("De toestemming van deze indiener is al vastgelegd."))
        audit_event_record(
            event_type="publication.consent",
            actor=actor,
            signal=signal,
            organisation=submitter.organisation,
            data={"organisation": submitter.organisation.name, "note": consent.note},
        )
    return consent


def publication_set(
    *,
    signal: Signal,
    actor,
    published: bool,
    public_summary: str,
    consent_statement: str = "",
    expected_version: int | None = None,
) -> Publication:
    """Set the public summary and whether the signal appears in the public register.

    Publishing needs a public summary and the consent of every submitter: recorded per
    submitter (publication_consent_record) or as one recorded statement.
    """
    if not may_edit_publication(actor):
        raise NotAllowed(_("Alleen het loket beheert het openbare register."))
    public_summary = (public_summary or "").replace("\x00", "").strip()
    consent_statement = (consent_statement or "").replace("\x00", "").strip()
    if len(public_summary) > 5000:
        raise ValidationFailed(_("De openbare samenvatting is te lang."), field="public_summary")
    if len(consent_statement) > 5000:
        raise ValidationFailed(_("De verklaring is te lang."), field="consent_statement")
    with transaction.atomic():
        publication, _created = Publication.objects.select_for_update().get_or_create(
            signal=signal, defaults={"updated_by": actor}
        )
        if expected_version is not None and publication.version != expected_version:
            raise Conflict(current=signal)
        if published:
            if not public_summary:
                raise ValidationFailed(
                    _("Publiceren kan alleen met een openbare samenvatting."),
                    field="public_summary",
                )
            submitter_ids = set(signal.submitters.values_list("pk", flat=True))
            consented = set(publication.consents.values_list("submitter_id", flat=True))
            if not consent_statement and not submitter_ids <= consented:
                raise ValidationFailed(
                    _(
                        "Publiceren kan pas als alle indieners toestemming hebben gegeven "
                        "(per indiener vastgelegd of als verklaring)."
                    ),
                    field="published",
                )
        was_published = publication.published
        Publication.objects.filter(pk=publication.pk).update(
            public_summary=public_summary,
            consent_statement=consent_statement,
            published=published,
            published_at=(publication.published_at or timezone.now() if published else None),
            updated_by=actor,
            version=F("version") + 1,
        )
        audit_event_record(
            event_type="publication.set",
            actor=actor,
            signal=signal,
            data={"published": published, "was_published": was_published},
        )
    publication.refresh_from_db()
    return publication
