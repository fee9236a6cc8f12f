"""The top of the signal page: step indicator, what happens next, who must act, actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.accounts.roles import Role
from signaalloket.signals.permissions import roles_on_signal
from signaalloket.signals.states import MAIN_PATH, State
from signaalloket.web.glance import signal_glance
from tests.builders import build_signal
from tests.factories import (
    MinistryFactory,
    OfficeFactory,
    OrganisationFactory,
    make_user,
    ministry_organisation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    lead = OrganisationFactory()
    ministry = MinistryFactory()
    return {
        "lead": lead,
        "office": OfficeFactory(ministry=ministry),
        "desk": make_user("desk_staff"),
        "submitter": make_user("submitter", organisation=lead),
        "rep": make_user("strategic_rep", organisation=lead),
        "official": make_user("official", organisation=ministry_organisation(ministry)),
    }


def glance_for(user, signal):
    signal.refresh_from_db()
    return signal_glance(
        signal=signal, roles=roles_on_signal(user, signal), deadlines=signal.deadlines.all()
    )


def test_steps_mark_done_current_and_todo(people):
    signal = build_signal(
        desk=people["desk"], state=State.OFFERED, lead=people["lead"], offices=[people["office"]]
    )
    glance = glance_for(people["desk"], signal)
    statuses = [s.status for s in glance.steps]
    assert [s.state for s in glance.steps] == MAIN_PATH
    assert statuses == ["done"] * 4 + ["current"] + ["todo"] * 4
    assert glance.exit_state is None
    assert glance.next_deadline is not None and glance.next_deadline.kind == "response"


def test_offered_waits_for_the_response_document(people):
    signal = build_signal(
        desk=people["desk"], state=State.OFFERED, lead=people["lead"], offices=[people["office"]]
    )
    desk = glance_for(people["desk"], signal)
    assert desk.blockers == ["Registreer eerst de gezamenlijke reactie als document."]
    assert desk.your_turn
    assert [a.target for a in desk.forward_actions] == [State.RESPONSE_RECEIVED]
    assert desk.forward_actions[0].blockers == desk.blockers
    official = glance_for(people["official"], signal)
    assert official.your_turn  # the ministries owe the joint response
    assert official.actions == []  # officials change no state
    submitter = glance_for(people["submitter"], signal)
    assert not submitter.your_turn
    assert submitter.actions == []


def test_submitter_sees_only_the_actions_of_submitters(people):
    signal = build_signal(desk=people["desk"], state=State.DRAFTING, lead=people["lead"])
    glance = glance_for(people["submitter"], signal)
    assert [a.target for a in glance.actions] == [State.WITHDRAWN]
    assert glance.forward_actions == []
    assert glance.your_turn  # submitters write the draft
    assert "de indieners" in glance.actors


def test_decision_is_the_strategic_reps_turn_until_all_approved(people):
    from signaalloket.signals.services.participants import submitter_approve

    signal = build_signal(desk=people["desk"], state=State.DECISION, lead=people["lead"])
    assert glance_for(people["rep"], signal).your_turn
    assert not glance_for(people["submitter"], signal).your_turn
    assert not glance_for(people["desk"], signal).your_turn
    submitter_approve(submitter=signal.submitters.get(), actor=people["rep"])
    desk = glance_for(people["desk"], signal)
    assert desk.your_turn and desk.blockers == []
    assert desk.actors == ["het loket"]


def test_side_exit_shows_where_the_procedure_stopped(people):
    signal = build_signal(desk=people["desk"], state=State.WITHDRAWN, lead=people["lead"])
    glance = glance_for(people["desk"], signal)
    assert glance.exit_state == State.WITHDRAWN
    assert [s.status for s in glance.steps[:3]] == ["done", "stopped", "todo"]
    assert glance.is_final and glance.actions == [] and glance.actors == []


def test_closed_marks_the_last_step_current(people):
    signal = build_signal(desk=people["desk"], state=State.CLOSED, lead=people["lead"])
    glance = glance_for(people["desk"], signal)
    assert [s.status for s in glance.steps] == ["done"] * 8 + ["current"]


def test_signal_page_renders_the_glance_per_role(client, people):
    signal = build_signal(
        desk=people["desk"],
        state=State.FACT_CHECK,
        lead=people["lead"],
        offices=[people["office"]],
    )
    url = reverse("web:signal_detail", args=[signal.pk])
    client.force_login(people["desk"])
    html = client.get(url).content.decode()
    assert 'aria-current="step"' in html
    assert "Wat gebeurt er nu?" in html
    # No held meeting has confirmed the facts yet (issue 17, item 4): the step waits for it.
    assert "Feiten bevestigd: naar besluit indiening" not in html
    assert "Leg eerst de uitkomst van een gehouden ambtelijk overleg vast" in html
    assert "U bent aan zet" in html
    client.force_login(people["official"])
    html = client.get(url).content.decode()
    assert Role.OFFICIAL in roles_on_signal(people["official"], signal)
    assert "Feiten bevestigd" not in html
    assert 'name="to"' not in html


def test_signal_page_query_count_does_not_grow_with_participants(client, people):
    def count(n: int) -> int:
        orgs = [OrganisationFactory() for _ in range(n)]
        offices = [OfficeFactory() for _ in range(n)]
        signal = build_signal(
            desk=people["desk"], state=State.OFFERED, co_submitters=orgs, offices=offices
        )
        client.force_login(people["desk"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("web:signal_detail", args=[signal.pk])).status_code == 200
        return len(ctx.captured_queries)

    count(1)  # another signal exists from here on (the similar-signals panel looks for it)
    assert count(2) == count(12)


def test_signal_page_of_a_withdrawn_signal_says_it_ended(client, people):
    signal = build_signal(desk=people["desk"], state=State.WITHDRAWN, lead=people["lead"])
    client.force_login(people["desk"])
    html = client.get(reverse("web:signal_detail", args=[signal.pk])).content.decode()
    assert "Beëindigd" in html
    assert "app-steps__step--stopped" in html
    assert 'name="to"' not in html  # no state changes left
