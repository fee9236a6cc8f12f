"""A meeting change records only what changed; an unchanged save records and sends nothing."""

import pytest
from django.core import mail

from signaalloket.audit.models import AuditEvent
from signaalloket.meetings.models import FactCheckMeeting
from signaalloket.meetings.services import meeting_schedule, meeting_update
from signaalloket.signals.states import State
from signaalloket.web.timeline import timeline_for
from tests.procedure.helpers import at, make_world, walk, world_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(desk_user, django_capture_on_commit_callbacks):
    world = make_world(desk_user)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_schedule(
            signal=signal,
            actor=desk_user,
            starts_at=at(2030, 3, 2, 10),
            ends_at=at(2030, 3, 2, 11, 30),
            location="Den Haag",
        )
    mail.outbox.clear()
    return signal, meeting


def updates(signal):
    return list(AuditEvent.objects.filter(signal=signal, event_type="meeting.updated"))


def test_unchanged_update_through_the_service_records_and_sends_nothing(
    planned, desk_user, django_capture_on_commit_callbacks
):
    signal, meeting = planned
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            meeting=meeting,
            actor=desk_user,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            location="Den Haag",
            expected_version=meeting.version,
        )
    stored = FactCheckMeeting.objects.get(pk=meeting.pk)
    assert (stored.version, stored.sequence) == (meeting.version, meeting.sequence)
    assert updates(signal) == []
    assert mail.outbox == []


def test_unchanged_form_through_the_view_records_nothing(
    planned, client, desk_user, django_capture_on_commit_callbacks
):
    signal, meeting = planned
    client.force_login(desk_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/signalen/{signal.pk}/overleg/{meeting.pk}/wijzigen/",
            {
                "date": "2030-03-02",
                "start_time": "10:00",
                "end_time": "11:30",
                "location": "Den Haag",
                "expected_version": meeting.version,
            },
        )
    assert response.status_code == 302
    assert updates(signal) == []
    assert FactCheckMeeting.objects.get(pk=meeting.pk).version == meeting.version
    assert mail.outbox == []


def test_changing_the_place_records_only_the_place(planned, desk_user):
    signal, meeting = planned
    meeting_update(
        meeting=meeting,
        actor=desk_user,
        starts_at=at(2030, 3, 2, 10),
        ends_at=at(2030, 3, 2, 11, 30),
        location="Utrecht",
        expected_version=meeting.version,
    )
    [event] = updates(signal)
    assert event.data["changes"] == {"location": {"old": "Den Haag", "new": "Utrecht"}}
    entry = next(
        e for e in timeline_for(signal=signal, user=desk_user) if e.event_type == "meeting.updated"
    )
    assert entry.text == "Ambtelijk overleg gewijzigd: locatie"
