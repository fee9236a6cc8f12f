"""Deadline arithmetic around month ends and leap years, with frozen time."""

import datetime as dt

import pytest
import time_machine

from signaalloket.core.dates import add_months, today
from signaalloket.deadlines.models import Deadline, DeadlineKind
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import submitter_approve
from signaalloket.signals.states import State
from tests.builders import build_signal

AMS = dt.timezone(dt.timedelta(hours=1))
D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 3, D(2026, 4, 30)),  # 31 April does not exist
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # into a leap February
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
        (D(2028, 2, 29), 6, D(2028, 8, 29)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2028, 2, 29), 48, D(2032, 2, 29)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 10, 31), 3, D(2027, 1, 31)),  # across the year end
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 3, 31), 6, D(2026, 9, 30)),
        (D(2026, 5, 31), 0, D(2026, 5, 31)),
        (D(2026, 5, 31), -3, D(2026, 2, 28)),
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_today_is_the_local_date_in_amsterdam():
    # 23:30 UTC on 31 January is already 1 February in the Netherlands.
    with time_machine.travel(dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        assert today() == D(2026, 2, 1)


def _offer(desk, when: dt.datetime, **kwargs):
    with time_machine.travel(when, tick=False):
        signal = build_signal(desk=desk, state=State.DECISION, **kwargs)
        for submitter in signal.submitters.all():
            from tests.factories import make_user

            rep = make_user("strategic_rep", organisation=submitter.organisation)
            submitter_approve(submitter=submitter, actor=rep)
        return signal_transition(signal=signal, actor=desk, to=State.OFFERED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("offered", "due"),
    [
        (dt.datetime(2026, 1, 31, 10, 0, tzinfo=AMS), D(2026, 4, 30)),
        (dt.datetime(2027, 11, 30, 10, 0, tzinfo=AMS), D(2028, 2, 29)),
        (dt.datetime(2026, 11, 30, 10, 0, tzinfo=AMS), D(2027, 2, 28)),
        (dt.datetime(2026, 12, 31, 23, 59, tzinfo=AMS), D(2027, 3, 31)),
        # Late in the evening Dutch time it is the next day in the Netherlands only:
        (dt.datetime(2026, 1, 30, 23, 30, tzinfo=dt.UTC), D(2026, 4, 30)),
    ],
)
def test_response_deadline_on_offering(offered, due, desk_user):
    signal = _offer(desk_user, offered)
    deadline = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert (deadline.due_date, deadline.original_due_date, deadline.status) == (due, due, "open")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("delivered", "due"),
    [
        (dt.datetime(2028, 2, 29, 10, 0, tzinfo=AMS), D(2028, 8, 29)),
        (dt.datetime(2026, 8, 31, 10, 0, tzinfo=AMS), D(2027, 2, 28)),
        (dt.datetime(2027, 8, 31, 10, 0, tzinfo=AMS), D(2028, 2, 29)),
    ],
)
def test_effect_inquiry_date_on_delivering_the_response(delivered, due, desk_user, monkeypatch):
    from signaalloket.core import procedure_hooks

    # The response date stands in for the response document.
    monkeypatch.setitem(
        procedure_hooks._guards,
        "response_document_exists",
        lambda s: s.response_received_on is not None,
    )
    signal = _offer(desk_user, delivered - dt.timedelta(days=60))
    with time_machine.travel(delivered, tick=False):
        from signaalloket.signals.models import Signal

        Signal.objects.filter(pk=signal.pk).update(response_received_on=delivered.date())
        signal = signal_transition(signal=signal, actor=desk_user, to=State.RESPONSE_RECEIVED)
        signal = signal_transition(signal=signal, actor=desk_user, to=State.RESPONSE_DELIVERED)
    assert signal.response_delivered_on == delivered.date()
    effect = Deadline.objects.get(signal=signal, kind=DeadlineKind.EFFECT_INQUIRY)
    assert effect.due_date == due


@pytest.mark.django_db
def test_periods_come_from_the_settings(desk_user, settings, monkeypatch):
    from signaalloket.core import procedure_hooks

    # The response date stands in for the response document.
    monkeypatch.setitem(
        procedure_hooks._guards,
        "response_document_exists",
        lambda s: s.response_received_on is not None,
    )
    settings.RESPONSE_PERIOD_MONTHS = 2
    settings.EFFECT_PERIOD_MONTHS = 12
    signal = _offer(desk_user, dt.datetime(2027, 12, 31, 10, 0, tzinfo=AMS))
    assert Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE).due_date == D(
        2028, 2, 29
    )
    with time_machine.travel(dt.datetime(2028, 2, 29, 10, 0, tzinfo=AMS), tick=False):
        from signaalloket.signals.models import Signal

        Signal.objects.filter(pk=signal.pk).update(response_received_on=D(2028, 2, 29))
        signal = signal_transition(signal=signal, actor=desk_user, to=State.RESPONSE_RECEIVED)
        signal = signal_transition(signal=signal, actor=desk_user, to=State.RESPONSE_DELIVERED)
    assert Deadline.objects.get(signal=signal, kind=DeadlineKind.EFFECT_INQUIRY).due_date == D(
        2029, 2, 28
    )


@pytest.mark.django_db
def test_overdue_is_open_and_past_its_last_day(desk_user):
    signal = _offer(desk_user, dt.datetime(2026, 1, 31, 10, 0, tzinfo=AMS))
    deadline = Deadline.objects.get(signal=signal)
    with time_machine.travel(dt.datetime(2026, 4, 30, 22, 0, tzinfo=AMS), tick=False):
        assert not deadline.is_overdue  # the last day itself still counts
    with time_machine.travel(dt.datetime(2026, 5, 1, 0, 30, tzinfo=AMS), tick=False):
        assert deadline.is_overdue
        deadline.status = "met"
        assert not deadline.is_overdue
