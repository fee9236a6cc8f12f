"""Issue 17, item 5: each submitting organisation answers the effect inquiry for itself; the
inquiry closes when all have answered, or when the desk closes it with a reason."""

import pytest
from django.db import IntegrityError, transaction

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import NotAllowed, TransitionRefused, ValidationFailed
from signaalloket.deadlines.models import Deadline
from signaalloket.procedure.models import EffectAnswer
from signaalloket.procedure.selectors import all_submitters_answered_effect
from signaalloket.procedure.services import effect_answer_submit
from signaalloket.signals.models import Signal, StateChange
from signaalloket.signals.permissions import roles_on_signal
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from signaalloket.web.glance import signal_glance
from tests.builders import build_signal
from tests.factories import OrganisationFactory, make_user

NOT_ALL = (
    "Nog niet alle indienende organisaties hebben de effectmeting beantwoord. "
    "Zonder hun antwoord sluit het loket alleen af met een reden."
)


@pytest.fixture
def inquiry(cast, open_guards):
    open_guards["all_submitters_answered_effect"] = all_submitters_answered_effect  # the real one
    co = OrganisationFactory(name="Gemeente Voorbeeld")
    co_user = make_user("submitter", organisation=co)
    signal = build_signal(
        desk=cast.desk_staff,
        state=State.EFFECT_INQUIRY,
        lead=cast.lead,
        offices=[cast.office],
        co_submitters=[co],
    )
    return signal, co, co_user


def _fresh(signal):
    return Signal.objects.get(pk=signal.pk)


def _snapshot(signal):
    s = _fresh(signal)
    return (
        s.state,
        s.version,
        EffectAnswer.objects.filter(signal=s).count(),
        AuditEvent.objects.count(),
        StateChange.objects.filter(signal=s).count(),
        sorted(Deadline.objects.filter(signal=s).values_list("kind", "status")),
    )


def test_a_submitter_answers_once_for_its_own_organisation(cast, inquiry):
    signal, co, co_user = inquiry
    answer = effect_answer_submit(signal=_fresh(signal), actor=cast.submitter, outcome="no_effect")
    assert answer.organisation == cast.lead and answer.answered_by == cast.submitter
    event = AuditEvent.objects.filter(event_type="effect.answered").last()
    assert event.organisation_id == cast.lead.pk

    before = _snapshot(signal)
    with pytest.raises(ValidationFailed) as refused:
        effect_answer_submit(
            signal=_fresh(signal), actor=cast.strategic_rep, outcome="other", explanation="x"
        )
    assert refused.value.message == "Namens RIEC Testregio is de effectmeting al beantwoord."
    assert _snapshot(signal) == before

    with pytest.raises(NotAllowed) as refused:
        effect_answer_submit(
            signal=_fresh(signal), actor=cast.submitter, outcome="no_effect", organisation=co
        )
    assert "alleen namens uw eigen organisatie" in refused.value.message
    assert _snapshot(signal) == before

    answer = effect_answer_submit(signal=_fresh(signal), actor=co_user, outcome="law_changed")
    assert answer.organisation == co


def test_the_desk_answers_on_behalf_of_an_organisation_it_picks(cast, inquiry):
    signal, co, co_user = inquiry
    before = _snapshot(signal)
    with pytest.raises(ValidationFailed) as refused:
        effect_answer_submit(signal=_fresh(signal), actor=cast.desk_staff, outcome="no_effect")
    assert refused.value.message == "Kies namens welke indienende organisatie u antwoordt."
    with pytest.raises(ValidationFailed) as refused:
        effect_answer_submit(
            signal=_fresh(signal),
            actor=cast.desk_staff,
            outcome="no_effect",
            organisation=OrganisationFactory(),
        )
    assert refused.value.message == "Deze organisatie is geen indiener van dit signaal."
    assert _snapshot(signal) == before
    answer = effect_answer_submit(
        signal=_fresh(signal), actor=cast.desk_staff, outcome="no_effect", organisation=co
    )
    assert answer.organisation == co and answer.answered_by == cast.desk_staff
    # The organisation itself can no longer answer a second time.
    with pytest.raises(ValidationFailed):
        effect_answer_submit(signal=_fresh(signal), actor=co_user, outcome="law_changed")


def test_one_answer_per_organisation_is_a_database_constraint(cast, inquiry):
    signal, co, co_user = inquiry
    EffectAnswer.objects.create(
        signal=signal, organisation=co, outcome="no_effect", answered_by=co_user
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EffectAnswer.objects.create(
            signal=signal, organisation=co, outcome="other", answered_by=co_user
        )


def test_closing_needs_every_organisation_or_a_reason(cast, inquiry):
    signal, _co, _co_user = inquiry
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=_fresh(signal), actor=cast.desk_staff, to=State.CLOSED)
    assert refused.value.message == NOT_ALL
    effect_answer_submit(signal=_fresh(signal), actor=cast.submitter, outcome="no_effect")
    before = _snapshot(signal)
    # One of the two answered: still refused, nothing changes (state, deadlines, audit).
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=_fresh(signal), actor=cast.desk_staff, to=State.CLOSED)
    assert refused.value.message == NOT_ALL
    assert _snapshot(signal) == before
    # The page offers the step with a required reason.
    fresh = _fresh(signal)
    glance = signal_glance(signal=fresh, roles=roles_on_signal(cast.desk_staff, fresh))
    close = next(a for a in glance.actions if a.target == State.CLOSED)
    assert close.blockers == [] and close.overridable == [NOT_ALL] and close.requires_reason
    # With a reason the desk closes it; the reason and the overridden guard are recorded.
    closed = signal_transition(
        signal=fresh, actor=cast.desk_staff, to=State.CLOSED, reason="Gemeente reageert niet"
    )
    assert closed.state == State.CLOSED
    assert StateChange.objects.filter(signal=signal).last().reason == "Gemeente reageert niet"
    event = AuditEvent.objects.filter(event_type="signal.transitioned").last()
    assert event.data["overridden_guards"] == ["all_submitters_answered_effect"]


def test_closing_without_reason_once_all_have_answered(cast, inquiry):
    signal, _co, co_user = inquiry
    effect_answer_submit(signal=_fresh(signal), actor=cast.submitter, outcome="no_effect")
    effect_answer_submit(signal=_fresh(signal), actor=co_user, outcome="policy_changed")
    closed = signal_transition(signal=_fresh(signal), actor=cast.desk_staff, to=State.CLOSED)
    assert closed.state == State.CLOSED
    event = AuditEvent.objects.filter(event_type="signal.transitioned").last()
    assert "overridden_guards" not in event.data


def test_the_effect_page_per_organisation(cast, inquiry, client):
    signal, co, _co_user = inquiry
    url = f"/signalen/{signal.pk}/effectmeting/"
    client.force_login(cast.submitter)
    page = client.get(url).content.decode()
    assert "RIEC Testregio" in page and "Gemeente Voorbeeld" in page
    assert page.count("nog geen antwoord") == 2
    assert 'name="outcome"' in page
    response = client.post(url, {"outcome": "no_effect", "explanation": ""})
    assert response.status_code == 302
    assert EffectAnswer.objects.get(signal=signal).organisation == cast.lead
    page = client.get(url).content.decode()
    assert "Uw organisatie heeft de effectmeting al beantwoord." in page
    assert 'name="outcome"' not in page and page.count("nog geen antwoord") == 1
    response = client.post(url, {"outcome": "law_changed"})
    assert response.status_code == 302
    assert EffectAnswer.objects.filter(signal=signal).count() == 1
    # The desk may answer only for the organisation that has not answered.
    client.force_login(cast.desk_staff)
    page = client.get(url).content.decode()
    assert f'value="{co.pk}"' in page and f'value="{cast.lead.pk}"' not in page
    response = client.post(url, {"organisation": cast.lead.pk, "outcome": "law_changed"})
    assert response.status_code == 400
    response = client.post(url, {"organisation": co.pk, "outcome": "law_changed"})
    assert response.status_code == 302
    assert EffectAnswer.objects.filter(signal=signal, organisation=co).exists()
