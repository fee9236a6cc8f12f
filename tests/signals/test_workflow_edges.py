"""Every edge of workflow.TRANSITIONS, allowed and refused, for every role; and every non-edge.

The cases are generated from the table itself, so a new edge is tested the moment it is added.
The expected outcome per role is derived from the role definitions in PROCESS.md, not from
the code under test.
"""

import itertools

import pytest

from signaalloket.accounts.roles import Role
from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import NotAllowed, TransitionRefused, ValidationFailed
from signaalloket.signals import workflow
from signaalloket.signals.models import Signal, StateChange
from signaalloket.signals.services import signal_transition, signal_update
from signaalloket.signals.services.participants import submitter_approve
from signaalloket.signals.states import OFFICIAL_VISIBLE_STATES, State
from tests.builders import build_signal

from .conftest import ROLE_NAMES

# The role each member of the cast holds with respect to the signal (see PROCESS.md "Roles").
ROLE_OF = {
    "desk_staff": Role.DESK_STAFF,
    "desk_manager": Role.DESK_MANAGER,
    "submitter": Role.SUBMITTER,
    "strategic_rep": Role.STRATEGIC_REP,
    "other_submitter": None,  # submits for another organisation: no role on this signal
    "official": Role.OFFICIAL,  # only once the fact-check has begun
    "admin": None,  # functional administration, no part in the procedure
}

EDGES = [pytest.param(t, id=f"{t.source.value}->{t.target.value}") for t in workflow.TRANSITIONS]


def expected_allowed(actor_name: str, transition: workflow.Transition) -> bool:
    if actor_name == "system":
        return workflow.SYSTEM in transition.roles
    role = ROLE_OF[actor_name]
    if role == Role.OFFICIAL and transition.source not in OFFICIAL_VISIBLE_STATES:
        return False
    return role is not None and role in transition.roles


def signal_ready_for(transition: workflow.Transition, cast) -> Signal:
    """A signal in the edge's source state whose guards for the edge are satisfied."""
    desk = cast.desk_staff
    signal = build_signal(desk=desk, state=transition.source, lead=cast.lead, offices=[cast.office])
    if transition.source == State.INTAKE and transition.target == State.DRAFTING:
        signal = signal_update(
            signal=signal, actor=desk, expected_version=signal.version, advice="suitable"
        )
    if transition.target == State.OFFERED:
        for submitter in signal.submitters.all():
            submitter_approve(submitter=submitter, actor=cast.strategic_rep)
    assert signal.state == transition.source
    return signal


@pytest.mark.django_db
@pytest.mark.parametrize("actor_name", [*ROLE_NAMES, "system"])
@pytest.mark.parametrize("transition", EDGES)
def test_edge_for_role(transition, actor_name, cast, open_guards):
    signal = signal_ready_for(transition, cast)
    actor = None if actor_name == "system" else cast.user(actor_name)
    changes_before = StateChange.objects.filter(signal=signal).count()
    events_before = AuditEvent.objects.count()
    version_before = Signal.objects.get(pk=signal.pk).version

    def attempt():
        return signal_transition(
            signal=signal,
            actor=actor,
            to=transition.target,
            reason="Reden voor deze stap",
            system=actor_name == "system",
        )

    if expected_allowed(actor_name, transition):
        result = attempt()
        assert result.state == transition.target
        stored = Signal.objects.get(pk=signal.pk)
        assert stored.state == transition.target
        assert stored.version == version_before + 1
        change = StateChange.objects.filter(signal=signal).last()
        assert (change.from_state, change.to_state) == (transition.source, transition.target)
        assert change.actor_id == (actor.pk if actor else None)
        assert change.reason == "Reden voor deze stap"
        event = AuditEvent.objects.filter(signal=signal, event_type="signal.transitioned").last()
        assert event.data["from"] == transition.source
        assert event.data["to"] == transition.target
    else:
        with pytest.raises(NotAllowed):
            attempt()
        assert Signal.objects.get(pk=signal.pk).state == transition.source
        assert StateChange.objects.filter(signal=signal).count() == changes_before
        assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
@pytest.mark.parametrize("source", list(State))
def test_every_non_edge_is_refused(source, cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, state=source, lead=cast.lead, offices=[cast.office])
    signal = (
        signal_update(
            signal=signal, actor=cast.desk_staff, expected_version=signal.version, advice="suitable"
        )
        if source == State.INTAKE
        else signal
    )
    non_edges = [t for t in State if workflow.find(source, t) is None]
    assert non_edges, "every state has at least one target that is not an edge (itself)"
    for target in non_edges:
        for actor in (cast.desk_manager, cast.desk_staff):
            with pytest.raises(TransitionRefused) as refused:
                signal_transition(signal=signal, actor=actor, to=target, reason="Toch proberen")
            assert "kan het signaal niet naar" in refused.value.message
    with pytest.raises(TransitionRefused):
        signal_transition(signal=signal, actor=cast.desk_staff, to="no_such_state")
    assert Signal.objects.get(pk=signal.pk).state == source
    assert not StateChange.objects.filter(signal=signal, reason="Toch proberen").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("transition", [p for p in EDGES if p.values[0].requires_reason])
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_reason_required_where_the_table_says_so(transition, reason, cast, open_guards):
    signal = signal_ready_for(transition, cast)
    with pytest.raises(ValidationFailed) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=transition.target, reason=reason)
    assert refused.value.field == "reason"
    assert refused.value.message == "Geef een reden op voor deze stap."
    assert Signal.objects.get(pk=signal.pk).state == transition.source


def test_reason_is_required_for_the_side_exits_and_going_back():
    needs_reason = {(t.source, t.target) for t in workflow.TRANSITIONS if t.requires_reason}
    for t in workflow.TRANSITIONS:
        if t.target in (State.WITHDRAWN, State.NOT_PURSUED, State.DRAFTING) and t.source != (
            State.INTAKE
        ):
            assert (t.source, t.target) in needs_reason
    assert workflow.find(State.INTAKE, State.NOT_PURSUED).requires_reason


@pytest.mark.django_db
@pytest.mark.parametrize("transition", [p for p in EDGES if not p.values[0].requires_reason])
def test_no_reason_needed_elsewhere(transition, cast, open_guards):
    signal = signal_ready_for(transition, cast)
    result = signal_transition(signal=signal, actor=cast.desk_staff, to=transition.target)
    assert result.state == transition.target


def test_every_edge_into_a_clock_stopped_state_stops_the_clock():
    for t in workflow.TRANSITIONS:
        if t.target in workflow.CLOCK_STOPPED_STATES:
            assert "stop_clock" in t.effects, t


def test_table_shape():
    # The procedure of PROCESS.md: main path forward, back to drafting, side exits.
    edges = {(t.source, t.target) for t in workflow.TRANSITIONS}
    main = [
        State.INTAKE,
        State.DRAFTING,
        State.FACT_CHECK,
        State.DECISION,
        State.OFFERED,
        State.RESPONSE_RECEIVED,
        State.RESPONSE_DELIVERED,
        State.EFFECT_INQUIRY,
        State.CLOSED,
    ]
    assert set(itertools.pairwise(main)) <= edges
    assert (State.FACT_CHECK, State.DRAFTING) in edges
    assert (State.DECISION, State.DRAFTING) in edges
    for final in (State.CLOSED, State.NOT_PURSUED, State.WITHDRAWN):
        assert workflow.outgoing(final) == []


GUARDED = [
    pytest.param(t, g, id=f"{t.source.value}->{t.target.value}:{g.name}")
    for t in workflow.TRANSITIONS
    for g in t.guards
]


def test_every_guard_of_the_table_is_opened_by_the_fixture(open_guards):
    """A guard added to the table is opened here (or the edge tests above cannot pass) and
    refused below, so each one is covered both ways."""
    names = {g.name for t in workflow.TRANSITIONS for g in t.guards}
    assert "fact_check_confirmed" in names
    assert names <= set(open_guards)


@pytest.mark.django_db
@pytest.mark.parametrize(("transition", "guard"), GUARDED)
def test_a_failing_guard_refuses_its_edge(transition, guard, cast, open_guards):
    signal = signal_ready_for(transition, cast)
    open_guards[guard.name] = lambda s: False
    changes_before = StateChange.objects.filter(signal=signal).count()
    events_before = AuditEvent.objects.count()
    # A guard that a reason may override (unless_reason) is refused only without one.
    reason = "" if guard.unless_reason else "Reden"
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=transition.target, reason=reason)
    assert str(guard.message) in refused.value.message
    assert Signal.objects.get(pk=signal.pk).state == transition.source
    assert StateChange.objects.filter(signal=signal).count() == changes_before
    assert AuditEvent.objects.count() == events_before
