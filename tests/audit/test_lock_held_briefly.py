"""The audit chain's head lock (taken at the first append, held until commit) is not held
across PDF rendering or a batch of due jobs."""

import pytest
import time_machine
from django.db import connection

from signaalloket.audit import services as audit_services
from signaalloket.procedure import jobs, letters
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import submitter_approve
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.procedure.helpers import at, make_world, walk, world_signal


@pytest.mark.django_db
def test_offering_letters_are_rendered_before_the_first_audit_append(desk_user, monkeypatch):
    world = make_world(desk_user)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    submitter_approve(submitter=signal.submitters.get(), actor=world.rep)
    log = []

    def spy(name, func):
        def wrapper(*args, **kwargs):
            log.append(name)
            return func(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(audit_services, "_content_hash", spy("audit", audit_services._content_hash))
    monkeypatch.setattr(letters, "offering_letter_pdf", spy("render", letters.offering_letter_pdf))
    monkeypatch.setattr(
        letters, "offering_letter_docx", spy("render", letters.offering_letter_docx)
    )
    signal_transition(signal=signal, actor=desk_user, to=State.OFFERED)
    assert log[:2] == ["render", "render"]
    assert "render" not in log[2:] and "audit" in log


@pytest.mark.django_db(transaction=True)
def test_due_effect_inquiries_commit_one_signal_at_a_time(desk_user, monkeypatch):
    with time_machine.travel(at(2026, 1, 5), tick=False):
        delivered = [build_signal(desk=desk_user, state=State.RESPONSE_DELIVERED) for _ in range(2)]
    depths = []

    def transition(**kwargs):
        depths.append(len(connection.savepoint_ids))
        assert connection.in_atomic_block
        return signal_transition(**kwargs)

    monkeypatch.setattr(jobs, "signal_transition", transition)
    with time_machine.travel(at(2026, 7, 5, 8), tick=False):
        assert jobs.start_due_effect_inquiries(at(2026, 7, 5, 8)) == len(delivered)
    # Called inside its own outermost transaction each time: no savepoint of a batch around it.
    assert depths == [0, 0]
