"""Planning the fact-check meeting, sending (updated/cancelled) invitations, recording it."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from signaalloket.audit.changes import field_changes, snapshot
from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.core.links import link_for
from signaalloket.documents.models import DocumentKind
from signaalloket.documents.services import document_upload
from signaalloket.notifications import recipients as r
from signaalloket.notifications.models import NotificationKind
from signaalloket.notifications.services import (
    absolute_url,
    email_send,
    notification_create_many,
    render_email,
)
from signaalloket.signals.models import Signal
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State

from .ics import METHOD_CANCEL, METHOD_REQUEST, meeting_ics
from .models import FactCheckMeeting, MeetingOutcome, MeetingStatus
from .permissions import (
    NOT_ORGANISER,
    may_cancel_meeting,
    may_change_meeting,
    may_record_meeting_outcome,
    may_schedule_meeting,
)

logger = logging.getLogger(__name__)


def meeting_invitees(signal: Signal) -> list:
    """Submitters' contact persons and the officials of every addressed ministry."""
    return r.unique(
        r.submitter_recipients(signal) + r.all_officials_of_addressed_ministries(signal)
    )


def _clean(
    *, starts_at, ends_at, location: str, video_link: str
) -> tuple[dt.datetime, dt.datetime, str, str]:
    if not isinstance(starts_at, dt.datetime) or not isinstance(ends_at, dt.datetime):
        raise ValidationFailed(_("Geef een geldige datum en tijd."), field="starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at)
    if ends_at <= starts_at:
        raise ValidationFailed(_("Het overleg moet eindigen na het begin."), field="ends_at")
    location = (location or "").replace("\x00", "").strip()
    video_link = (video_link or "").strip()
    if not location and not video_link:
        raise ValidationFailed(_("Geef een locatie of een videolink."), field="location")
    if len(location) > 300:
        raise ValidationFailed(_("De locatie is te lang (maximaal 300 tekens)."), field="location")
    if video_link and not video_link.startswith("https://"):
        raise ValidationFailed(_("De videolink moet beginnen met https://."), field="video_link")
    if len(video_link) > 500:
        raise ValidationFailed(_("De videolink is te lang."), field="video_link")
    return starts_at, ends_at, location, video_link


def _send_invitations(meeting_id: int, method: str) -> None:
    meeting = FactCheckMeeting.objects.select_related("signal").get(pk=meeting_id)
    signal = meeting.signal
    invitees = meeting_invitees(signal)
    link = absolute_url(link_for(signal))
    ics = meeting_ics(meeting, method=method, attendees=invitees, link=link)
    if method == METHOD_CANCEL:
        kind, template = NotificationKind.MEETING_CANCELLED, "cancellation"
    elif meeting.sequence == 0:
        kind, template = NotificationKind.MEETING_INVITATION, "invitation"
    else:
        kind, template = NotificationKind.MEETING_UPDATED, "invitation"
    with translation.override(settings.LANGUAGE_CODE):
        when = formats.date_format(timezone.localtime(meeting.starts_at), "l j F Y H:i")
        until = formats.time_format(timezone.localtime(meeting.ends_at), "H:i")
        params = {"ref": signal.reference, "when": when}
        text = {
            NotificationKind.MEETING_INVITATION: _(
                "Uitnodiging ambtelijk overleg over signaal %(ref)s op %(when)s."
            ),
            NotificationKind.MEETING_UPDATED: _(
                "Het ambtelijk overleg over signaal %(ref)s is gewijzigd: %(when)s."
            ),
            NotificationKind.MEETING_CANCELLED: _(
                "Het ambtelijk overleg over signaal %(ref)s op %(when)s is geannuleerd."
            ),
        }[kind] % params
        subject = f"[Signaalloket] {kind.label} {signal.reference}"
    notification_create_many(
        recipients=invitees,
        signal=signal,
        kind=kind,
        text=text,
        url=link_for(signal),
        dedupe_key=f"meeting:{meeting.pk}:{meeting.sequence}:{method}",
        email=False,
    )
    for user in invitees:
        body, html = render_email(
            f"meetings/email/{template}",
            {
                "recipient": user,
                "meeting": meeting,
                "reference": signal.reference,
                "when": when,
                "until": until,
                "text": text,
                "link": link,
                "DESK": settings.DESK_CONTACT,
            },
        )
        try:
            email_send(
                to=user.email,
                subject=subject,
                text=body,
                html=html,
                attachments=[("overleg.ics", ics, f"text/calendar; method={method}")],
            )
        except Exception:
            logger.exception("invitation for meeting %s to %s failed", meeting.pk, user.pk)


def meeting_schedule(
    *,
    signal: Signal,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    video_link: str = "",
) -> FactCheckMeeting:
    if not may_schedule_meeting(actor, signal):
        raise NotAllowed(NOT_ORGANISER)
    if signal.state != State.FACT_CHECK:
        raise ValidationFailed(_("Een ambtelijk overleg plant u in de fase 'ambtelijk overleg'."))
    starts_at, ends_at, location, video_link = _clean(
        starts_at=starts_at, ends_at=ends_at, location=location, video_link=video_link
    )
    with transaction.atomic():
        if FactCheckMeeting.objects.filter(signal=signal, status=MeetingStatus.PLANNED).exists():
            raise ValidationFailed(_("Er is al een overleg gepland. Wijzig of annuleer dat eerst."))
        meeting = FactCheckMeeting.objects.create(
            signal=signal,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            video_link=video_link,
            created_by=actor,
        )
        audit_event_record(
            event_type="meeting.scheduled",
            actor=actor,
            signal=signal,
            data={"meeting": meeting.pk, "starts_at": starts_at, "ends_at": ends_at},
        )
        transaction.on_commit(lambda: _send_invitations(meeting.pk, METHOD_REQUEST), robust=True)
    return meeting


def _locked_planned(meeting: FactCheckMeeting, expected_version: int) -> FactCheckMeeting:
    locked = FactCheckMeeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.version != expected_version:
        raise Conflict(current=locked)
    if locked.status != MeetingStatus.PLANNED:
        raise ValidationFailed(_("Dit overleg is niet meer gepland."))
    return locked


def meeting_update(
    *,
    meeting: FactCheckMeeting,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    video_link: str = "",
    expected_version: int,
) -> FactCheckMeeting:
    """Change date, time or place; everyone gets an update with the same UID, higher SEQUENCE."""
    if not may_change_meeting(actor, meeting):
        raise NotAllowed(NOT_ORGANISER)
    starts_at, ends_at, location, video_link = _clean(
        starts_at=starts_at, ends_at=ends_at, location=location, video_link=video_link
    )
    with transaction.atomic():
        locked = _locked_planned(meeting, expected_version)
        after = {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "location": location,
            "video_link": video_link,
        }
        diff = field_changes(snapshot(locked, after), after)
        if not diff:
            return meeting  # nothing changed: no event, no new invitation, same version
        FactCheckMeeting.objects.filter(pk=locked.pk).update(
            **after, sequence=F("sequence") + 1, version=F("version") + 1
        )
        audit_event_record(
            event_type="meeting.updated",
            actor=actor,
            signal=locked.signal,
            data={
                "meeting": locked.pk,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "fields": sorted(diff),
                "changes": diff,
            },
        )
        transaction.on_commit(lambda: _send_invitations(locked.pk, METHOD_REQUEST), robust=True)
    meeting.refresh_from_db()
    return meeting


def meeting_cancel(
    *, meeting: FactCheckMeeting, actor, reason: str, expected_version: int
) -> FactCheckMeeting:
    if not may_cancel_meeting(actor, meeting):
        raise NotAllowed(NOT_ORGANISER)
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationFailed(_("Geef een reden voor de annulering."), field="reason")
    with transaction.atomic():
        locked = _locked_planned(meeting, expected_version)
        FactCheckMeeting.objects.filter(pk=locked.pk).update(
            status=MeetingStatus.CANCELLED,
            cancel_reason=reason[:2000],
            sequence=F("sequence") + 1,
            version=F("version") + 1,
        )
        audit_event_record(
            event_type="meeting.cancelled",
            actor=actor,
            signal=locked.signal,
            data={"meeting": locked.pk, "reason": reason[:2000]},
        )
        transaction.on_commit(lambda: _send_invitations(locked.pk, METHOD_CANCEL), robust=True)
    meeting.refresh_from_db()
    return meeting


def meeting_record_outcome(
    *,
    meeting: FactCheckMeeting,
    actor,
    outcome: str,
    minutes: str = "",
    findings: str = "",
    reason: str = "",
    minutes_file=None,
    expected_version: int,
) -> FactCheckMeeting:
    """Mark the meeting held and record minutes and findings; "facts confirmed" moves the
    signal to the decision, "corrections needed" sends it back to drafting with the reason.

    Only after the meeting's start time, and only with minutes (text or document)."""
    if not may_record_meeting_outcome(actor, meeting):
        raise NotAllowed(NOT_ORGANISER)
    if outcome not in (MeetingOutcome.CONFIRMED, MeetingOutcome.CORRECTIONS):
        raise ValidationFailed(_("Kies de uitkomst van het overleg."), field="outcome")
    reason = (reason or "").replace("\x00", "").strip()
    minutes = (minutes or "").replace("\x00", "").strip()
    findings = (findings or "").replace("\x00", "").strip()
    if outcome == MeetingOutcome.CORRECTIONS and not reason:
        raise ValidationFailed(_("Geef aan welke correcties nodig zijn."), field="reason")
    if len(minutes) > 50000 or len(findings) > 20000 or len(reason) > 5000:
        raise ValidationFailed(_("De tekst is te lang."), field="minutes")
    if not minutes and minutes_file is None:
        raise ValidationFailed(
            _("Leg het verslag van het overleg vast: als tekst of als document."),
            field="minutes",
        )
    with transaction.atomic():
        locked = _locked_planned(meeting, expected_version)
        signal = locked.signal
        if signal.state != State.FACT_CHECK:
            raise ValidationFailed(_("Het signaal is niet meer in de fase 'ambtelijk overleg'."))
        if timezone.now() < locked.starts_at:
            raise ValidationFailed(
                _("Een overleg kan pas als gehouden worden vastgelegd na de begintijd.")
            )
        document = None
        if minutes_file is not None:
            document = document_upload(
                signal=signal,
                actor=actor,
                uploaded_file=minutes_file,
                kind=DocumentKind.MINUTES,
                title=_("Verslag ambtelijk overleg %(ref)s") % {"ref": signal.reference},
                confidentiality=signal.confidentiality,
                document_date=timezone.localdate(locked.starts_at),
            )
        FactCheckMeeting.objects.filter(pk=locked.pk).update(
            status=MeetingStatus.HELD,
            outcome=outcome,
            outcome_reason=reason,
            minutes=minutes,
            findings=findings,
            minutes_document=document,
            version=F("version") + 1,
        )
        audit_event_record(
            event_type="meeting.held",
            actor=actor,
            signal=signal,
            data={"meeting": locked.pk, "outcome": outcome},
        )
        signal_transition(
            signal=signal,
            actor=actor,
            to=State.DECISION if outcome == MeetingOutcome.CONFIRMED else State.DRAFTING,
            reason=reason,
            expected_state=State.FACT_CHECK,
        )
    meeting.refresh_from_db()
    return meeting


def cancel_planned_meetings(*, signal, actor, at) -> None:
    """Effect of withdrawing or not pursuing (workflow.py): a signal that stops needs no
    meeting, so planned meetings are cancelled; the CANCEL .ics goes out after commit."""
    with transaction.atomic():
        planned = list(
            FactCheckMeeting.objects.select_for_update().filter(
                signal=signal, status=MeetingStatus.PLANNED
            )
        )
        for meeting in planned:
            # `signal` carries the new state; the row in the database does not yet.
            reason = _("Het signaal is %(state)s.") % {"state": signal.get_state_display().lower()}
            FactCheckMeeting.objects.filter(pk=meeting.pk).update(
                status=MeetingStatus.CANCELLED,
                cancel_reason=reason,
                sequence=F("sequence") + 1,
                version=F("version") + 1,
            )
            audit_event_record(
                event_type="meeting.cancelled",
                actor=actor,
                signal=signal,
                data={"meeting": meeting.pk, "reason": reason},
            )
            transaction.on_commit(
                lambda pk=meeting.pk: _send_invitations(pk, METHOD_CANCEL), robust=True
            )
