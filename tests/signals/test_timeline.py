"""The timeline: readable text for every event, desk-internal events hidden, fixed queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalloket.audit.models import AuditEvent
from signaalloket.audit.services import audit_event_record
from signaalloket.deadlines.models import Deadline
from signaalloket.deadlines.services import deadline_extend
from signaalloket.signals.models import Criterion, CriterionAssessment
from signaalloket.signals.services import signal_transition, signal_update
from signaalloket.signals.services.signals import criterion_assess
from signaalloket.signals.states import State
from signaalloket.web.timeline import DESCRIPTIONS, timeline_for
from tests.builders import build_signal


@pytest.fixture
def full_history(cast, open_guards):
    """A signal that went through every step this app records, incl. an extension."""
    desk = cast.desk_staff
    signal = build_signal(desk=desk, state=State.OFFERED, lead=cast.lead, offices=[cast.office])
    deadline = Deadline.objects.get(signal=signal)
    deadline_extend(
        deadline=deadline,
        actor=desk,
        new_due_date=deadline.due_date + dt.timedelta(days=30),
        reason="Afstemming tussen drie ministeries",
        expected_version=deadline.version,
    )
    assessment = CriterionAssessment.objects.get(signal=signal, criterion=Criterion.MISUSE)
    criterion_assess(
        signal=signal,
        actor=desk,
        criterion=Criterion.MISUSE,
        met=True,
        motivation="Subsidies",
        expected_version=assessment.version,
    )
    for state in (State.RESPONSE_RECEIVED, State.RESPONSE_DELIVERED, State.EFFECT_INQUIRY):
        signal = signal_transition(signal=signal, actor=desk, to=state)
    signal = signal_transition(signal=signal, actor=desk, to=State.CLOSED)
    return signal


@pytest.mark.django_db
def test_every_event_of_the_lifecycle_reads_as_dutch_text(full_history, cast):
    entries = timeline_for(signal=full_history, user=cast.desk_staff)
    types = {e.event_type for e in entries}
    assert {
        "signal.created",
        "signal.updated",
        "signal.transitioned",
        "addressee.added",
        "submitter.approved",
        "criterion.assessed",
        "deadline.started",
        "deadline.extended",
        "deadline.met",
    } <= types
    for entry in entries:
        assert "Wijziging vastgelegd" not in entry.text, entry
        assert entry.event_type not in entry.text
    texts = [e.text for e in entries]
    assert texts[0] == "Signaal aangemaakt"
    assert "Status gewijzigd van 'Besluit indiening' naar 'Aangeboden'" in texts
    assert any(t.startswith("Termijn 'Reactie bewindspersonen' gestart, uiterlijk ") for t in texts)
    extended = next(e for e in entries if e.event_type == "deadline.extended")
    assert extended.note == "Afstemming tussen drie ministeries"
    assert extended.actor == cast.desk_staff.full_name
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    updated = next(e for e in entries if e.event_type == "signal.updated")
    assert updated.text == "Gewijzigd: advies loket" and updated.desk_only


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["submitter", "strategic_rep", "official"])
def test_desk_internal_events_are_hidden_from_others(full_history, cast, who):
    audit_event_record(
        event_type="draft.comment_added",
        actor=cast.desk_staff,
        signal=full_history,
        data={"comment": 1, "visibility": "internal"},
    )
    audit_event_record(
        event_type="draft.comment_added",
        actor=cast.submitter,
        signal=full_history,
        data={"comment": 2, "visibility": "shared"},
    )
    desk_types = [e.event_type for e in timeline_for(signal=full_history, user=cast.desk_staff)]
    entries = timeline_for(signal=full_history, user=cast.user(who))
    types = [e.event_type for e in entries]
    assert "signal.updated" in desk_types and "criterion.assessed" in desk_types
    assert "signal.updated" not in types
    assert "criterion.assessed" not in types
    assert not any(e.desk_only for e in entries)
    assert types.count("draft.comment_added") == 1
    assert desk_types.count("draft.comment_added") == 2
    assert "signal.transitioned" in types and "deadline.extended" in types


@pytest.mark.django_db
def test_unknown_and_malformed_events_stay_readable(cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    audit_event_record(event_type="signal.transitioned", signal=signal, data={"from": "oud"})
    audit_event_record(event_type="something.new", signal=signal, data={})
    audit_event_record(event_type="other.new", signal=signal, data={"summary": "Iets gebeurd"})
    entries = timeline_for(signal=signal, user=cast.desk_staff)
    texts = [e.text for e in entries]
    assert "Status gewijzigd van 'oud' naar ''" in texts
    assert "Wijziging vastgelegd (something.new)" in texts
    assert "Iets gebeurd" in texts
    assert entries[-1].actor == "Systeem"


def test_descriptions_exist_for_every_event_this_app_writes():
    for event_type in (
        "signal.created",
        "signal.updated",
        "signal.transitioned",
        "criterion.assessed",
        "submitter.added",
        "submitter.approved",
        "addressee.added",
        "addressee.contribution",
        "deadline.started",
        "deadline.extended",
        "deadline.met",
        "deadline.waived",
    ):
        assert event_type in DESCRIPTIONS


@pytest.mark.django_db
def test_timeline_runs_one_query_whatever_the_number_of_events(cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    user = cast.submitter
    timeline_for(signal=signal, user=user)  # warms the user's access cache

    def count(total_events):
        while AuditEvent.objects.filter(signal=signal).count() < total_events:
            signal.refresh_from_db()
            signal_update(
                signal=signal,
                actor=cast.desk_staff,
                expected_version=signal.version,
                summary=f"Versie {signal.version}",
            )
            audit_event_record(
                event_type="submitter.added",
                actor=cast.desk_staff,
                signal=signal,
                data={"organisation": "X"},
            )
        with CaptureQueriesContext(connection) as ctx:
            entries = timeline_for(signal=signal, user=user)
        assert len(entries) >= total_events // 2
        return len(ctx)

    assert count(2) == count(12) == 1


def test_meeting_time_is_shown_in_dutch_local_time():
    from signaalloket.audit.models import AuditEvent
    from signaalloket.web.timeline import describe

    summer = AuditEvent(event_type="meeting.scheduled", data={"starts_at": "2026-06-15T08:00:00Z"})
    winter = AuditEvent(
        event_type="meeting.scheduled", data={"starts_at": "2026-12-15T08:00:00+00:00"}
    )
    assert describe(summer)[1] == "15-06-2026 10:00"  # CEST, UTC+2
    assert describe(winter)[1] == "15-12-2026 09:00"  # CET, UTC+1


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 3, 29, 0, 59, tzinfo=dt.UTC),  # 01:59 winter time, before the switch
        dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC),  # 03:00 summer time
        dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC),  # 02:30 summer time
        dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),  # 02:30 winter time
        dt.datetime(2026, 12, 31, 23, 5, 7, 123456, tzinfo=dt.UTC),  # 1 January next year
    ],
)
def test_entry_dates_are_those_of_the_date_filter(language, moment):
    from django.template import Context, Template
    from django.utils import translation

    from signaalloket.web.timeline import Entry

    entry = Entry(at=moment, actor="", text="")
    template = Template("{{ at|date:'c' }}|{{ at|date:'j F Y H:i' }}")
    with translation.override(language):
        expected = template.render(Context({"at": moment}))
        assert f"{entry.at_iso}|{entry.at_text}" == expected
