"""The state groups are defined once (states.py) and agree with the transition table."""

from signaalloket.signals import workflow
from signaalloket.signals.states import (
    CLOCK_STOPPED_STATES,
    FINAL_STATES,
    MAIN_PATH,
    OFFICIAL_VISIBLE_STATES,
    OPEN_STATES,
    PRE_OFFER,
    State,
    main_path_from,
)


def test_final_states_have_no_way_out_and_open_states_do():
    sources = {t.source for t in workflow.TRANSITIONS}
    assert frozenset(State) - sources == FINAL_STATES
    assert sources == OPEN_STATES
    assert CLOCK_STOPPED_STATES == FINAL_STATES


def test_pre_offer_is_where_withdrawal_is_possible():
    assert {t.source for t in workflow.TRANSITIONS if t.target == State.WITHDRAWN} == set(PRE_OFFER)
    assert tuple(MAIN_PATH[: MAIN_PATH.index(State.OFFERED)]) == PRE_OFFER


def test_main_path_from():
    assert main_path_from(State.FACT_CHECK) == OFFICIAL_VISIBLE_STATES
    assert main_path_from(State.CLOSED) == {State.CLOSED}


def test_every_state_has_its_glance_text_and_actors():
    assert set(workflow.STATES) == set(State)
    for state in FINAL_STATES:
        assert workflow.STATES[state].acts_next == frozenset()
