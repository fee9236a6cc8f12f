"""Build signals in a given state through the real services (no shortcuts around the workflow)."""

from signaalloket.organisations.models import Organisation
from signaalloket.signals.models import Signal
from signaalloket.signals.services import signal_create, signal_transition, signal_update
from signaalloket.signals.services.participants import (
    addressee_add,
    submitter_add,
    submitter_approve,
)
from signaalloket.signals.states import MAIN_PATH, State

from .factories import OfficeFactory, OrganisationFactory, make_user


def build_signal(
    *,
    desk,
    state: str = State.INTAKE,
    lead: Organisation | None = None,
    offices=None,
    title: str = "Misbruik van subsidies",
    co_submitters=(),
) -> Signal:
    """Create a signal and walk it along the main path (or a side exit) to `state`."""
    lead = lead or OrganisationFactory()
    signal = signal_create(
        actor=desk, title=title, summary="Samenvatting van het knelpunt.", lead_organisation=lead
    )
    for org in co_submitters:
        submitter_add(signal=signal, actor=desk, organisation=org)
    if state == State.INTAKE:
        return signal
    if state == State.NOT_PURSUED:
        return signal_transition(
            signal=signal, actor=desk, to=State.NOT_PURSUED, reason="Andere route"
        )
    signal = signal_update(
        signal=signal, actor=desk, expected_version=signal.version, advice="suitable"
    )
    offices = offices if offices is not None else [OfficeFactory()]
    for i, office in enumerate(offices):
        addressee_add(signal=signal, actor=desk, office=office, is_coordinating=(i == 0))
    if state == State.WITHDRAWN:
        signal = signal_transition(signal=signal, actor=desk, to=State.DRAFTING)
        return signal_transition(
            signal=signal, actor=desk, to=State.WITHDRAWN, reason="Ingetrokken"
        )
    target_index = MAIN_PATH.index(State(state))
    for next_state in MAIN_PATH[1 : target_index + 1]:
        if next_state == State.FACT_CHECK:
            from tests.builders_hooks import write_draft

            write_draft(signal, desk)
        if next_state == State.OFFERED:
            for submitter in signal.submitters.all():
                rep = make_user("strategic_rep", organisation=submitter.organisation)
                submitter_approve(submitter=submitter, actor=rep)
        if next_state == State.RESPONSE_RECEIVED:
            _register_response(signal, desk)
        if next_state == State.CLOSED:
            _record_effect(signal, desk)
        if next_state == State.DECISION:
            signal = _hold_confirmed_meeting(signal, desk)
            continue
        signal = signal_transition(signal=signal, actor=desk, to=next_state)
    return signal


def _register_response(signal, desk):
    from tests.builders_hooks import register_response

    register_response(signal, desk)


def _record_effect(signal, desk):
    from tests.builders_hooks import record_effect

    record_effect(signal, desk)


def _hold_confirmed_meeting(signal, desk):
    from tests.builders_hooks import hold_confirmed_meeting

    return hold_confirmed_meeting(signal, desk)
