"""Domain effects of a transition run inside its transaction; only mail waits for commit."""

import dataclasses

import pytest
from django.core import mail

from signaalloket.audit.models import AuditEvent, AuditHead
from signaalloket.core import procedure_hooks
from signaalloket.deadlines.models import Deadline
from signaalloket.documents.models import Document
from signaalloket.meetings.services import meeting_schedule
from signaalloket.signals import workflow
from signaalloket.signals.models import Signal, StateChange
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import submitter_approve
from signaalloket.signals.states import State
from tests.procedure.helpers import at, make_world, walk, world_signal

pytestmark = pytest.mark.django_db


def _ready_to_offer(world, desk):
    signal = walk(world_signal(world), desk, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    submitter_approve(submitter=signal.submitters.get(), actor=world.rep)
    return signal


def test_offer_stores_the_letter_and_starts_the_deadline_before_commit(desk_user):
    world = make_world(desk_user)
    signal = _ready_to_offer(world, desk_user)
    # No on_commit callback runs in this test: what is there, was written in the transaction.
    signal = signal_transition(signal=signal, actor=desk_user, to=State.OFFERED)
    assert Document.objects.filter(signal=signal, kind="offering_letter").count() == 2
    assert Deadline.objects.filter(signal=signal, kind="response", status="open").exists()


def test_withdrawal_cancels_meetings_before_commit_and_mails_after(
    desk_user, django_capture_on_commit_callbacks
):
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
    with django_capture_on_commit_callbacks(execute=False) as pending:
        signal_transition(signal=signal, actor=world.submitter, to=State.WITHDRAWN, reason="x")
        meeting.refresh_from_db()
        assert meeting.status == "cancelled"
        assert mail.outbox == []
    assert pending  # the CANCEL mails and the notifications wait for the commit


def test_a_failing_effect_rolls_the_whole_transition_back(desk_user, monkeypatch):
    world = make_world(desk_user)
    signal = _ready_to_offer(world, desk_user)
    edge = (State.DECISION, State.OFFERED)
    offer = workflow._BY_EDGE[edge]
    monkeypatch.setitem(
        workflow._BY_EDGE, edge, dataclasses.replace(offer, effects=(*offer.effects, "boom"))
    )

    def boom(*, signal, actor, at):
        raise RuntimeError("effect failed")

    monkeypatch.setitem(procedure_hooks._effects, "boom", boom)
    before = (
        StateChange.objects.filter(signal=signal).count(),
        AuditEvent.objects.count(),
        AuditHead.objects.get(id=1).last_seq,
        Deadline.objects.filter(signal=signal).count(),
        Document.objects.filter(signal=signal).count(),
        Signal.objects.get(pk=signal.pk).version,
    )
    with pytest.raises(RuntimeError):
        signal_transition(signal=signal, actor=desk_user, to=State.OFFERED)
    signal.refresh_from_db()
    assert signal.state == State.DECISION and signal.offered_on is None
    assert (
        StateChange.objects.filter(signal=signal).count(),
        AuditEvent.objects.count(),
        AuditHead.objects.get(id=1).last_seq,
        Deadline.objects.filter(signal=signal).count(),
        Document.objects.filter(signal=signal).count(),
        signal.version,
    ) == before
