"""The procedure after the draft: approvals, offering, response, effect inquiry."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.dates import today
from signaalloket.core.errors import NotAllowed, ValidationFailed
from signaalloket.core.events import publish_on_commit
from signaalloket.documents.models import Document, DocumentKind
from signaalloket.documents.services import document_upload
from signaalloket.signals.models import ApprovalKind, Signal, Submitter
from signaalloket.signals.permissions import may_record_offline_approval
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import submitter_approve
from signaalloket.signals.states import State

from . import letters
from .models import EffectAnswer, EffectOutcome
from .permissions import effect_organisations_for, may_answer_effect, may_register_response


def approval_record_offline(*, submitter: Submitter, actor, uploaded_file, note: str = ""):
    """The desk records a strategic representative's approval given on paper (signed letter)."""
    if not may_record_offline_approval(actor, submitter):
        raise NotAllowed(_("Alleen het loket registreert een instemming buiten de applicatie."))
    if uploaded_file is None:
        raise ValidationFailed(_("Voeg de getekende instemmingsbrief toe."), field="letter")
    signal = submitter.signal
    if signal.state != State.DECISION:
        raise ValidationFailed(_("Instemmen kan alleen in de fase 'besluit indiening'."))
    with transaction.atomic():
        document = document_upload(
            signal=signal,
            actor=actor,
            uploaded_file=uploaded_file,
            kind=DocumentKind.APPROVAL_LETTER,
            title=_("Instemmingsbrief %(org)s") % {"org": submitter.organisation.name},
            confidentiality=signal.confidentiality,
            document_date=today(),
        )
        submitter = submitter_approve(
            submitter=submitter,
            actor=actor,
            kind=ApprovalKind.OFFLINE,
            note=(note or "").strip()[:1000] or f"document {document.pk}",
        )
    return submitter


def store_offering_letters(*, signal: Signal, actor, at) -> None:
    """Effect of offering (workflow.py): the offering letter joins the signal's documents.

    Runs first among the offer's effects, before any audit write of the transition, so the
    PDF is rendered before the audit chain's lock is taken. A system step (no actor) stores
    no letter, as before.
    """
    if actor is None:
        return
    signal.offered_on = timezone.localdate(at)
    offering_letters_store(signal=signal, actor=actor)


def offering_letters_store(*, signal: Signal, actor) -> bool:
    """Store the offering letter (PDF and DOCX) once per offering; False when already there.

    Both files are rendered before the first upload: an upload writes to the audit chain,
    whose lock is then held until commit.
    """
    already = Document.objects.filter(
        signal=signal,
        kind=DocumentKind.OFFERING_LETTER,
        retracted_at__isnull=True,
        document_date=signal.offered_on,
    ).exists()
    if already:
        return False
    rendered = (
        (letters.offering_letter_pdf(signal), "pdf", "application/pdf"),
        (
            letters.offering_letter_docx(signal),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    )
    with transaction.atomic():
        for data, extension, content_type in rendered:
            document_upload(
                signal=signal,
                actor=actor,
                uploaded_file=SimpleUploadedFile(
                    f"aanbiedingsbrief-{signal.reference}.{extension}", data, content_type
                ),
                kind=DocumentKind.OFFERING_LETTER,
                title=_("Aanbiedingsbrief %(ref)s (%(ext)s)")
                % {"ref": signal.reference, "ext": extension.upper()},
                confidentiality=signal.confidentiality,
                document_date=signal.offered_on or today(),
            )
    return True


def response_register(
    *,
    signal: Signal,
    actor,
    uploaded_file,
    response_date: dt.date,
    title: str = "",
    expected_state: str | None = None,
) -> Signal:
    """Register the joint response of the bewindspersonen as a document; the signal moves on."""
    if not may_register_response(actor, signal):
        raise NotAllowed(_("Alleen het loket registreert de gezamenlijke reactie."))
    if signal.state != State.OFFERED:
        raise ValidationFailed(_("Een reactie registreert u nadat het signaal is aangeboden."))
    if uploaded_file is None:
        raise ValidationFailed(_("Voeg de reactie als bestand toe."), field="file")
    if not isinstance(response_date, dt.date) or response_date > today():
        raise ValidationFailed(
            _("Geef de datum van de reactie (niet in de toekomst)."), field="response_date"
        )
    if signal.offered_on and response_date < signal.offered_on:
        raise ValidationFailed(
            _("De reactie kan niet van vóór het aanbieden zijn."), field="response_date"
        )
    with transaction.atomic():
        document_upload(
            signal=signal,
            actor=actor,
            uploaded_file=uploaded_file,
            kind=DocumentKind.RESPONSE,
            title=(title or "").strip()[:300]
            or _("Gezamenlijke reactie op %(ref)s") % {"ref": signal.reference},
            confidentiality=signal.confidentiality,
            document_date=response_date,
        )
        Signal.objects.filter(pk=signal.pk).update(response_received_on=response_date)
        audit_event_record(
            event_type="response.registered",
            actor=actor,
            signal=signal,
            data={"response_date": response_date},
        )
        signal = signal_transition(
            signal=signal,
            actor=actor,
            to=State.RESPONSE_RECEIVED,
            expected_state=expected_state,
        )
    return signal


def response_deliver(*, signal: Signal, actor, expected_state: str | None = None) -> Signal:
    """The desk hands the response to the submitters; the effect-inquiry clock starts."""
    return signal_transition(
        signal=signal, actor=actor, to=State.RESPONSE_DELIVERED, expected_state=expected_state
    )


def effect_answer_submit(
    *, signal: Signal, actor, outcome: str, explanation: str = "", organisation=None
) -> EffectAnswer:
    """A submitting organisation says what the signal changed: one answer per organisation.

    A submitter answers for their own organisation only (`organisation` may be left out when
    they belong to one submitting organisation); the desk answers on behalf of an
    organisation it picks. A second answer from the same organisation is refused (answers
    are not edited: what an organisation said stays as it said it)."""
    if not may_answer_effect(actor, signal):
        raise NotAllowed(_("Alleen de indieners of het loket beantwoorden de effectmeting."))
    if signal.state != State.EFFECT_INQUIRY:
        raise ValidationFailed(_("De effectmeting staat voor dit signaal niet open."))
    if outcome not in EffectOutcome.values:
        raise ValidationFailed(_("Kies wat er is gebeurd."), field="outcome")
    explanation = (explanation or "").replace("\x00", "").strip()
    if len(explanation) > 5000:
        raise ValidationFailed(
            _("De toelichting is te lang (maximaal 5000 tekens)."), field="explanation"
        )
    if outcome == EffectOutcome.OTHER and not explanation:
        raise ValidationFailed(_("Licht toe wat er is gebeurd."), field="explanation")
    allowed = effect_organisations_for(actor, signal)
    if organisation is None:
        if len(allowed) != 1:
            raise ValidationFailed(
                _("Kies namens welke indienende organisatie u antwoordt."), field="organisation"
            )
        organisation = allowed[0]
    if organisation.pk not in {s.organisation_id for s in signal.submitters.all()}:
        raise ValidationFailed(
            _("Deze organisatie is geen indiener van dit signaal."), field="organisation"
        )
    if organisation.pk not in {o.pk for o in allowed}:
        raise NotAllowed(_("U beantwoordt de effectmeting alleen namens uw eigen organisatie."))
    already = _("Namens %(organisation)s is de effectmeting al beantwoord.") % {
        "organisation": organisation.name
    }
    with transaction.atomic():
        # One answer per organisation: the row lock serialises two answers at once.
        locked = Signal.objects.select_for_update().get(pk=signal.pk)
        if locked.state != State.EFFECT_INQUIRY:
            raise ValidationFailed(_("De effectmeting staat voor dit signaal niet open."))
        if EffectAnswer.objects.filter(signal=locked, organisation=organisation).exists():
            raise ValidationFailed(already, field="organisation")
        try:
            with transaction.atomic():
                answer = EffectAnswer.objects.create(
                    signal=locked,
                    organisation=organisation,
                    outcome=outcome,
                    explanation=explanation,
                    answered_by=actor,
                )
        except IntegrityError as exc:  # the DB constraint, should the lock be bypassed
            raise ValidationFailed(already, field="organisation") from exc
        audit_event_record(
            event_type="effect.answered",
            actor=actor,
            signal=locked,
            organisation=organisation,
            data={"outcome": outcome, "organisation": organisation.pk},
        )
        publish_on_commit(
            "effect.answered", signal_id=signal.pk, answer_id=answer.pk, actor_id=actor.pk
        )
    return answer
