"""The procedure after the draft: approvals, offering, response, effect inquiry."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.dates import today
from signaalloket.core.errors import NotAllowed, ValidationFailed
from signaalloket.core.events import publish_on_commit
from signaalloket.documents.models import DocumentKind
from signaalloket.documents.services import document_upload
from signaalloket.signals.models import ApprovalKind, Signal, Submitter
from signaalloket.signals.permissions import may_record_offline_approval
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import submitter_approve
from signaalloket.signals.states import State

from .models import EffectAnswer, EffectOutcome
from .permissions import may_answer_effect, may_register_response


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


def signal_offer(*, signal: Signal, actor, expected_state: str | None = None) -> Signal:
    """Offer the signal to the addressed offices: the response deadline starts and the offering
    letter (PDF and DOCX) is stored with the signal's documents."""
    with transaction.atomic():
        signal = signal_transition(
            signal=signal, actor=actor, to=State.OFFERED, expected_state=expected_state
        )
        offering_letters_store(signal=signal, actor=actor)
    return signal


def offering_letters_store(*, signal: Signal, actor) -> bool:
    """Store the offering letter (PDF and DOCX) once per offering; False when already there."""
    from signaalloket.documents.models import Document

    from .letters import offering_letter_docx, offering_letter_pdf

    already = Document.objects.filter(
        signal=signal,
        kind=DocumentKind.OFFERING_LETTER,
        retracted_at__isnull=True,
        document_date=signal.offered_on,
    ).exists()
    if already:
        return False
    with transaction.atomic():
        for data, extension, content_type in (
            (offering_letter_pdf(signal), "pdf", "application/pdf"),
            (
                offering_letter_docx(signal),
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ):
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


def on_signal_offered(*, signal_id, target, actor_id=None, **_ignored) -> None:
    """Also when the desk offers with the generic status button: store the offering letter."""
    if target != State.OFFERED or actor_id is None:
        return
    from django.contrib.auth import get_user_model

    signal = Signal.objects.filter(pk=signal_id, state=State.OFFERED).first()
    actor = get_user_model().objects.filter(pk=actor_id).first()
    if signal is not None and actor is not None:
        offering_letters_store(signal=signal, actor=actor)


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
    *, signal: Signal, actor, outcome: str, explanation: str = ""
) -> EffectAnswer:
    """A submitter (or the desk, on their behalf) says what the signal changed."""
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
    from signaalloket.accounts.context import access_for

    own = access_for(actor).submitter_org_ids
    organisation = next(
        (s.organisation for s in signal.submitters.all() if s.organisation_id in own), None
    )
    with transaction.atomic():
        answer = EffectAnswer.objects.create(
            signal=signal,
            organisation=organisation,
            outcome=outcome,
            explanation=explanation,
            answered_by=actor,
        )
        audit_event_record(
            event_type="effect.answered",
            actor=actor,
            signal=signal,
            organisation=organisation,
            data={"outcome": outcome},
        )
        publish_on_commit(
            "effect.answered", signal_id=signal.pk, answer_id=answer.pk, actor_id=actor.pk
        )
    return answer
