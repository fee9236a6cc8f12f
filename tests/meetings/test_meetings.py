import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from signaalloket.audit.models import AuditEvent
from signaalloket.core import procedure_hooks
from signaalloket.core.errors import NotAllowed, TransitionRefused, ValidationFailed
from signaalloket.meetings.models import FactCheckMeeting
from signaalloket.meetings.services import (
    meeting_cancel,
    meeting_invitees,
    meeting_record_outcome,
    meeting_schedule,
    meeting_update,
)
from signaalloket.notifications.models import Notification
from signaalloket.signals.models import StateChange
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from tests.procedure.helpers import at, make_world, pdf, walk, world_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(desk_user, django_capture_on_commit_callbacks):
    world = make_world(desk_user)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK)
    mail.outbox.clear()
    return world, signal


def schedule(signal, desk, capture, **extra):
    with capture(execute=True):
        return meeting_schedule(
            signal=signal,
            actor=desk,
            starts_at=extra.get("starts_at", at(2030, 3, 2, 10)),
            ends_at=extra.get("ends_at", at(2030, 3, 2, 11, 30)),
            location=extra.get("location", "Den Haag"),
            video_link=extra.get("video_link", ""),
        )


def ics_of(message) -> Calendar:
    name, content, mimetype = message.attachments[0]
    assert name == "overleg.ics"
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_invitees_are_submitter_contacts_and_officials_of_addressed_ministries(setup):
    world, signal = setup
    invitees = {u.pk for u in meeting_invitees(signal)}
    assert invitees == {world.submitter.pk} | {o.pk for o in world.officials}
    assert world.outsider_official.pk not in invitees


def test_invitation_update_and_cancellation_share_uid(
    setup, desk_user, django_capture_on_commit_callbacks
):
    world, signal = setup
    capture = django_capture_on_commit_callbacks
    meeting = schedule(signal, desk_user, capture)
    assert len(mail.outbox) == 4
    cal = ics_of(mail.outbox[0])
    event = cal.walk("VEVENT")[0]
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == meeting.uid
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == at(2030, 3, 2, 10)
    assert signal.reference in str(event["SUMMARY"])
    assert signal.title not in cal.to_ical().decode()
    attendees = {str(a).removeprefix("mailto:") for a in event.get("ATTENDEE")}
    assert attendees == {world.submitter.email} | {o.email for o in world.officials}
    assert "Uitnodiging ambtelijk overleg" in mail.outbox[0].subject

    mail.outbox.clear()
    with capture(execute=True):
        meeting = meeting_update(
            meeting=meeting,
            actor=desk_user,
            starts_at=at(2030, 3, 3, 13),
            ends_at=at(2030, 3, 3, 14),
            video_link="https://video.example.nl/abc",
            expected_version=meeting.version,
        )
    event = ics_of(mail.outbox[0]).walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid and int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == at(2030, 3, 3, 13)

    mail.outbox.clear()
    with capture(execute=True):
        meeting = meeting_cancel(
            meeting=meeting, actor=desk_user, reason="Ziekte", expected_version=meeting.version
        )
    cal = ics_of(mail.outbox[0])
    event = cal.walk("VEVENT")[0]
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == meeting.uid and int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"
    assert len(mail.outbox) == 4
    kinds = set(
        Notification.objects.filter(recipient=world.submitter).values_list("kind", flat=True)
    )
    assert {"meeting_invitation", "meeting_updated", "meeting_cancelled"} <= kinds
    # a new meeting after a cancellation gets a new UID
    again = schedule(signal, desk_user, capture)
    assert again.uid != meeting.uid


def test_bad_input_changes_nothing(setup, desk_user, django_capture_on_commit_callbacks):
    world, signal = setup
    with pytest.raises(ValidationFailed):
        schedule(
            signal,
            desk_user,
            django_capture_on_commit_callbacks,
            ends_at=at(2030, 3, 2, 9),
        )
    with pytest.raises(ValidationFailed):
        schedule(signal, desk_user, django_capture_on_commit_callbacks, location="")
    with pytest.raises(ValidationFailed):
        schedule(
            signal,
            desk_user,
            django_capture_on_commit_callbacks,
            location="",
            video_link="javascript:alert(1)",
        )
    with pytest.raises(NotAllowed):
        schedule(signal, world.officials[0], django_capture_on_commit_callbacks)
    assert not FactCheckMeeting.objects.exists()
    assert mail.outbox == []


def test_corrections_needed_goes_back_to_drafting_with_reason(
    setup, desk_user, django_capture_on_commit_callbacks
):
    world, signal = setup
    # Held in the past: an outcome is recorded only after the start (issue 17, item 4).
    meeting = schedule(
        signal,
        desk_user,
        django_capture_on_commit_callbacks,
        starts_at=at(2025, 3, 2, 10),
        ends_at=at(2025, 3, 2, 11, 30),
    )
    with pytest.raises(ValidationFailed):
        meeting_record_outcome(
            meeting=meeting,
            actor=desk_user,
            outcome="corrections",
            minutes="Verslag",
            expected_version=meeting.version,
        )
    with django_capture_on_commit_callbacks(execute=True):
        meeting_record_outcome(
            meeting=meeting,
            actor=desk_user,
            outcome="corrections",
            reason="Cijfers over 2024 kloppen niet",
            minutes="Verslag van het overleg",
            findings="Twee feiten onjuist",
            expected_version=meeting.version,
        )
    signal.refresh_from_db()
    assert signal.state == State.DRAFTING
    change = StateChange.objects.filter(signal=signal).last()
    assert change.reason == "Cijfers over 2024 kloppen niet"
    assert (
        Notification.objects.filter(recipient=world.submitter, kind="corrections_needed").count()
        == 1
    )
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.outcome == "corrections"


def test_meeting_pages(setup, client, desk_user):
    world, signal = setup
    client.force_login(desk_user)
    page = client.get(f"/signalen/{signal.pk}/")
    assert "Overleg plannen" in page.content.decode()
    response = client.post(
        f"/signalen/{signal.pk}/overleg/",
        {"date": "2030-03-02", "start_time": "10:00", "end_time": "09:00", "location": "Utrecht"},
    )
    assert response.status_code == 400
    assert "eindigen na het begin" in response.content.decode()
    response = client.post(
        f"/signalen/{signal.pk}/overleg/",
        {"date": "2030-03-02", "start_time": "10:00", "end_time": "11:00", "location": "Utrecht"},
    )
    assert response.status_code == 302
    meeting = FactCheckMeeting.objects.get()
    assert meeting.starts_at == at(2030, 3, 2, 10)
    download = client.get(f"/signalen/{signal.pk}/overleg/{meeting.pk}/agenda.ics")
    assert download.status_code == 200
    assert str(Calendar.from_ical(download.content).walk("VEVENT")[0]["UID"]) == meeting.uid
    client.force_login(world.officials[0])
    assert client.get(f"/signalen/{signal.pk}/overleg/").status_code == 403
    assert client.get(f"/signalen/{signal.pk}/overleg/{meeting.pk}/agenda.ics").status_code == 200
    client.force_login(world.outsider_official)
    assert client.get(f"/signalen/{signal.pk}/overleg/{meeting.pk}/agenda.ics").status_code == 404
    client.force_login(desk_user)

    def record():
        return client.post(
            f"/signalen/{signal.pk}/overleg/{meeting.pk}/uitkomst/",
            {
                "outcome": "confirmed",
                "minutes": "Verslag",
                "minutes_file": pdf("verslag.pdf"),
                "expected_version": meeting.version,
            },
        )

    # Before the start the outcome is refused (issue 17, item 4); after it, it is recorded.
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "Uitkomst vastleggen" not in page
    assert "De uitkomst legt u vast na de begintijd." in page
    response = record()
    assert response.status_code == 400
    assert "na de begintijd" in response.content.decode()
    with time_machine.travel(at(2030, 3, 2, 11, 15), tick=False):
        client.force_login(desk_user)
        page = client.get(f"/signalen/{signal.pk}/").content.decode()
        assert "Uitkomst vastleggen" in page
        assert "na de begintijd" not in page
        response = record()
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.state == State.DECISION
    meeting.refresh_from_db()
    assert meeting.minutes_document is not None


def test_withdrawal_cancels_the_planned_meeting(
    setup, desk_user, django_capture_on_commit_callbacks
):
    world, signal = setup
    meeting = schedule(signal, desk_user, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(
            signal=signal, actor=world.submitter, to=State.WITHDRAWN, reason="Geen draagvlak"
        )
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.sequence == 1
    cancellations = [m for m in mail.outbox if m.attachments]
    assert len(cancellations) == 4
    cal = ics_of(cancellations[0])
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(cal.walk("VEVENT")[0]["UID"]) == meeting.uid


# Issue 17, item 4: the outcome only after a meeting that took place, with minutes; the
# decision on submission only after a confirmed outcome.


def _snapshot(signal, meeting):
    meeting.refresh_from_db()
    signal.refresh_from_db()
    return (
        signal.state,
        signal.version,
        meeting.status,
        meeting.outcome,
        meeting.minutes,
        meeting.version,
        AuditEvent.objects.count(),
        StateChange.objects.filter(signal=signal).count(),
    )


@pytest.mark.parametrize("outcome", ["confirmed", "corrections"])
def test_outcome_before_the_start_is_refused_and_changes_nothing(
    setup, desk_user, django_capture_on_commit_callbacks, outcome
):
    _world, signal = setup
    meeting = schedule(signal, desk_user, django_capture_on_commit_callbacks)  # in 2030
    before = _snapshot(signal, meeting)
    with pytest.raises(ValidationFailed) as refused:
        meeting_record_outcome(
            meeting=meeting,
            actor=desk_user,
            outcome=outcome,
            minutes="Verslag",
            reason="Correcties",
            expected_version=meeting.version,
        )
    assert refused.value.message == (
        "Een overleg kan pas als gehouden worden vastgelegd na de begintijd."
    )
    assert _snapshot(signal, meeting) == before
    assert meeting.status == "planned" and meeting.outcome == ""
    assert signal.state == State.FACT_CHECK


@pytest.mark.parametrize("outcome", ["confirmed", "corrections"])
def test_outcome_without_minutes_is_refused_and_changes_nothing(
    setup, desk_user, django_capture_on_commit_callbacks, outcome
):
    _world, signal = setup
    meeting = schedule(
        signal,
        desk_user,
        django_capture_on_commit_callbacks,
        starts_at=at(2025, 3, 2, 10),
        ends_at=at(2025, 3, 2, 11),
    )
    before = _snapshot(signal, meeting)
    with pytest.raises(ValidationFailed) as refused:
        meeting_record_outcome(
            meeting=meeting,
            actor=desk_user,
            outcome=outcome,
            minutes="   ",
            findings="Bevindingen zonder verslag",
            reason="Correcties",
            expected_version=meeting.version,
        )
    assert refused.value.message == (
        "Leg het verslag van het overleg vast: als tekst of als document."
    )
    assert _snapshot(signal, meeting) == before
    assert meeting.status == "planned" and meeting.outcome == ""


def test_outcome_with_only_a_minutes_document_is_accepted(
    setup, desk_user, django_capture_on_commit_callbacks
):
    _world, signal = setup
    meeting = schedule(
        signal,
        desk_user,
        django_capture_on_commit_callbacks,
        starts_at=at(2025, 3, 2, 10),
        ends_at=at(2025, 3, 2, 11),
    )
    meeting_record_outcome(
        meeting=meeting,
        actor=desk_user,
        outcome="confirmed",
        minutes_file=pdf("verslag.pdf"),
        expected_version=meeting.version,
    )
    meeting.refresh_from_db()
    signal.refresh_from_db()
    assert meeting.status == "held" and meeting.minutes_document is not None
    assert signal.state == State.DECISION


def test_decision_needs_a_confirmed_held_meeting(
    setup, desk_user, django_capture_on_commit_callbacks
):
    _world, signal = setup
    guard = procedure_hooks.guard("fact_check_confirmed")
    message = "Leg eerst de uitkomst van een gehouden ambtelijk overleg vast: feiten bevestigd."

    def refused_without_change():
        signal.refresh_from_db()
        events = AuditEvent.objects.count()
        with pytest.raises(TransitionRefused) as refused:
            signal_transition(signal=signal, actor=desk_user, to=State.DECISION)
        assert message in str(refused.value.message)
        signal.refresh_from_db()
        assert signal.state == State.FACT_CHECK
        assert AuditEvent.objects.count() == events

    # No meeting at all, then only a planned one: refused.
    assert not guard(signal)
    refused_without_change()
    meeting = schedule(
        signal,
        desk_user,
        django_capture_on_commit_callbacks,
        starts_at=at(2025, 3, 2, 10),
        ends_at=at(2025, 3, 2, 11),
    )
    assert not guard(signal)
    refused_without_change()

    # "Corrections needed" sends the signal back; in the next round the old meeting counts not.
    meeting_record_outcome(
        meeting=meeting,
        actor=desk_user,
        outcome="corrections",
        reason="Cijfers kloppen niet",
        minutes="Verslag",
        expected_version=meeting.version,
    )
    signal = walk(signal, desk_user, State.FACT_CHECK)
    assert not guard(signal)
    refused_without_change()

    # A held meeting with minutes and "facts confirmed": the guard holds and the step is taken.
    meeting = schedule(
        signal,
        desk_user,
        django_capture_on_commit_callbacks,
        starts_at=at(2025, 4, 2, 10),
        ends_at=at(2025, 4, 2, 11),
    )
    meeting_record_outcome(
        meeting=meeting,
        actor=desk_user,
        outcome="confirmed",
        minutes="Verslag",
        expected_version=meeting.version,
    )
    signal.refresh_from_db()
    assert signal.state == State.DECISION
    assert guard(signal)
    assert StateChange.objects.filter(signal=signal).last().to_state == State.DECISION

    # Back from the decision to drafting and into a new fact-check: the confirmation of the
    # previous round does not carry over.
    signal = signal_transition(signal=signal, actor=desk_user, to=State.DRAFTING, reason="Herzien")
    signal = walk(signal, desk_user, State.FACT_CHECK)
    assert not guard(signal)
    refused_without_change()
