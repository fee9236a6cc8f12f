"""signal_transition's historical mode (`at=`), used by the importer."""

import datetime as dt
from collections import defaultdict

import pytest
from django.conf import settings
from django.utils import timezone

from signaalloket.audit.models import AuditEvent
from signaalloket.core.dates import add_months
from signaalloket.core.errors import TransitionRefused
from signaalloket.core.events import subscribe
from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from signaalloket.signals.models import StateChange
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from tests.builders import build_signal

pytestmark = pytest.mark.django_db

AT = timezone.make_aware(dt.datetime(2024, 3, 15, 10, 30))


def test_historical_offer_runs_effects_from_at_and_skips_role_guards_and_notifications(
    cast, monkeypatch
):
    signal = build_signal(desk=cast.desk_staff, state=State.DECISION, lead=cast.lead)
    heard = []
    monkeypatch.setattr("signaalloket.core.events._subscribers", defaultdict(list))
    subscribe("signal.transitioned", lambda **payload: heard.append(payload))

    # No submitter has approved (guard ALL_APPROVED fails) and the actor is an admin without a
    # role in the procedure: neither matters for history.
    signal = signal_transition(signal=signal, actor=cast.admin, to=State.OFFERED, at=AT)

    assert signal.state == State.OFFERED
    assert signal.state_changed_at == AT
    assert signal.offered_on == dt.date(2024, 3, 15)
    deadline = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert deadline.due_date == add_months(dt.date(2024, 3, 15), settings.RESPONSE_PERIOD_MONTHS)
    change = StateChange.objects.filter(signal=signal).latest("id")
    assert (change.to_state, change.created_at, change.actor) == (State.OFFERED, AT, cast.admin)
    event = AuditEvent.objects.filter(signal=signal, event_type="signal.transitioned").latest("seq")
    assert event.data["historical"] is True
    assert event.data["at"] == AT.isoformat()
    assert event.created_at > AT  # written now, about a past moment
    assert heard == []


def test_historical_close_dates_and_reason_optional(cast):
    signal = build_signal(desk=cast.desk_staff, state=State.DECISION, lead=cast.lead)
    signal = signal_transition(signal=signal, actor=None, to=State.OFFERED, at=AT)
    later = AT + dt.timedelta(days=40)
    signal = signal_transition(signal=signal, actor=None, to=State.RESPONSE_RECEIVED, at=later)
    assert signal.response_received_on == dt.date(2024, 4, 24)
    deadline = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert (deadline.status, deadline.closed_on) == (DeadlineStatus.MET, dt.date(2024, 4, 24))

    other = build_signal(desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead)
    other = signal_transition(signal=other, actor=None, to=State.WITHDRAWN, at=AT)
    assert other.state == State.WITHDRAWN  # requires_reason does not apply to history
    assert StateChange.objects.filter(signal=other).latest("id").reason == ""


def test_historical_mode_still_follows_the_table(cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    with pytest.raises(TransitionRefused):
        signal_transition(signal=signal, actor=None, to=State.CLOSED, at=AT)


@pytest.mark.parametrize(
    "at", [dt.datetime(2024, 3, 15, 10, 30), timezone.now() + dt.timedelta(days=1)]
)
def test_historical_moment_must_be_aware_and_past(cast, at):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    with pytest.raises(ValueError):
        signal_transition(signal=signal, actor=None, to=State.NOT_PURSUED, at=at)
