"""Named scenarios through the procedure, and the guards with their Dutch messages."""

import datetime as dt

import pytest
import time_machine

from signaalloket.audit.models import AuditEvent
from signaalloket.audit.services import audit_chain_verify
from signaalloket.core.errors import TransitionRefused
from signaalloket.deadlines.models import Deadline, DeadlineExtension, DeadlineKind
from signaalloket.deadlines.services import deadline_extend, deadline_start
from signaalloket.meetings.selectors import fact_check_confirmed
from signaalloket.signals import workflow
from signaalloket.signals.models import Signal, StateChange, Submitter
from signaalloket.signals.services import signal_create, signal_transition, signal_update
from signaalloket.signals.services.participants import submitter_add, submitter_approve
from signaalloket.signals.states import MAIN_PATH, State
from signaalloket.web.timeline import timeline_for
from tests.builders import build_signal
from tests.builders_hooks import hold_confirmed_meeting
from tests.factories import OrganisationFactory, make_user

AMS = dt.timezone(dt.timedelta(hours=1))


def states_of(signal):
    return list(StateChange.objects.filter(signal=signal).values_list("from_state", "to_state"))


@pytest.mark.django_db
def test_happy_path_to_closed(cast, open_guards):
    desk = cast.desk_staff
    with time_machine.travel(dt.datetime(2026, 1, 31, 10, 0, tzinfo=AMS), tick=False):
        signal = build_signal(
            desk=desk, state=State.DECISION, lead=cast.lead, offices=[cast.office]
        )
        submitter_approve(submitter=signal.submitters.get(), actor=cast.strategic_rep)
        signal = signal_transition(signal=signal, actor=desk, to=State.OFFERED)
    assert signal.offered_on == dt.date(2026, 1, 31)
    response = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert response.due_date == dt.date(2026, 4, 30)  # 31 April does not exist
    assert response.status == "open"

    with time_machine.travel(dt.datetime(2026, 4, 2, 9, 0, tzinfo=AMS), tick=False):
        signal = signal_transition(signal=signal, actor=desk, to=State.RESPONSE_RECEIVED)
        signal = signal_transition(signal=signal, actor=desk, to=State.RESPONSE_DELIVERED)
    response.refresh_from_db()
    assert (response.status, response.closed_on) == ("met", dt.date(2026, 4, 2))
    effect = Deadline.objects.get(signal=signal, kind=DeadlineKind.EFFECT_INQUIRY)
    assert effect.due_date == dt.date(2026, 10, 2)

    with time_machine.travel(dt.datetime(2026, 10, 2, 9, 0, tzinfo=AMS), tick=False):
        signal = signal_transition(signal=signal, actor=None, to=State.EFFECT_INQUIRY, system=True)
    with time_machine.travel(dt.datetime(2026, 10, 20, 9, 0, tzinfo=AMS), tick=False):
        signal = signal_transition(signal=signal, actor=desk, to=State.CLOSED)
    assert signal.state == State.CLOSED
    assert signal.closed_on == dt.date(2026, 10, 20)
    assert [to for _, to in states_of(signal)] == list(MAIN_PATH[1:])
    assert not Deadline.objects.filter(signal=signal, status="open").exists()
    assert audit_chain_verify() is None
    texts = [e.text for e in timeline_for(signal=signal, user=cast.submitter)]
    assert "Status gewijzigd van 'Effectmeting' naar 'Afgesloten'" in texts


@pytest.mark.django_db
@pytest.mark.parametrize("source", workflow.PRE_OFFER)
def test_withdrawn_by_the_submitters(source, cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, state=source, lead=cast.lead, offices=[cast.office])
    signal = signal_transition(
        signal=signal, actor=cast.submitter, to=State.WITHDRAWN, reason="Het knelpunt is opgelost"
    )
    assert signal.state == State.WITHDRAWN
    change = StateChange.objects.filter(signal=signal).last()
    assert (change.actor, change.reason) == (cast.submitter, "Het knelpunt is opgelost")
    with pytest.raises(TransitionRefused):
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.DRAFTING, reason="x")


@pytest.mark.django_db
def test_withdrawn_waives_open_deadlines_with_a_reason(cast, open_guards):
    signal = build_signal(
        desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead, offices=[cast.office]
    )
    deadline_start(
        signal=signal, kind=DeadlineKind.RESPONSE, due_date=dt.date(2030, 1, 1), actor=None
    )
    signal_transition(signal=signal, actor=cast.desk_staff, to=State.WITHDRAWN, reason="Gestopt")
    deadline = Deadline.objects.get(signal=signal)
    assert deadline.status == "waived"
    assert deadline.reason == "Klok gestopt: signaal ingetrokken"
    assert AuditEvent.objects.filter(signal=signal, event_type="deadline.waived").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("source", [State.INTAKE, State.DRAFTING])
def test_not_pursued(source, cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, state=source, lead=cast.lead, offices=[cast.office])
    signal = signal_transition(
        signal=signal,
        actor=cast.desk_manager,
        to=State.NOT_PURSUED,
        reason="Incident, geen structureel knelpunt: melding bij de gemeente",
    )
    assert signal.state == State.NOT_PURSUED
    assert workflow.outgoing(signal.state) == []
    # Submitters cannot decide this: it is the desk's advice.
    other = build_signal(desk=cast.desk_staff, state=source, lead=cast.lead)
    with pytest.raises(Exception) as refused:
        signal_transition(signal=other, actor=cast.submitter, to=State.NOT_PURSUED, reason="x")
    assert refused.value.status_code == 403


@pytest.mark.django_db
def test_back_to_drafting_after_the_fact_check_resets_approvals(cast, open_guards):
    desk = cast.desk_staff
    co = OrganisationFactory()
    co_rep = make_user("strategic_rep", organisation=co)
    signal = build_signal(
        desk=desk, state=State.FACT_CHECK, lead=cast.lead, offices=[cast.office], co_submitters=[co]
    )
    signal = signal_transition(
        signal=signal,
        actor=desk,
        to=State.DRAFTING,
        reason="Cijfers van de Belastingdienst onjuist",
    )
    assert signal.state == State.DRAFTING
    assert signal.fact_check_started_at is not None  # officials keep seeing the signal
    signal = signal_transition(signal=signal, actor=desk, to=State.FACT_CHECK)
    signal = signal_transition(signal=signal, actor=desk, to=State.DECISION)
    lead_submitter = Submitter.objects.get(signal=signal, organisation=cast.lead)
    submitter_approve(submitter=lead_submitter, actor=cast.strategic_rep)
    submitter_approve(submitter=Submitter.objects.get(signal=signal, organisation=co), actor=co_rep)
    assert not Submitter.objects.filter(signal=signal, approved_at__isnull=True).exists()

    # New facts during the decision: back to drafting, every approval lapses.
    signal = signal_transition(signal=signal, actor=desk, to=State.DRAFTING, reason="Nieuwe feiten")
    assert not Submitter.objects.filter(signal=signal, approved_at__isnull=False).exists()
    signal = signal_transition(signal=signal, actor=desk, to=State.FACT_CHECK)
    signal = signal_transition(signal=signal, actor=desk, to=State.DECISION)
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=desk, to=State.OFFERED)
    assert "Nog niet alle indienende organisaties hebben definitief ingestemd." in str(
        refused.value.message
    )
    assert [pair[1] for pair in states_of(signal)] == [
        State.DRAFTING,
        State.FACT_CHECK,
        State.DRAFTING,
        State.FACT_CHECK,
        State.DECISION,
        State.DRAFTING,
        State.FACT_CHECK,
        State.DECISION,
    ]


@pytest.mark.django_db
def test_extension_of_the_response_deadline(cast, open_guards):
    desk = cast.desk_staff
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, 0, tzinfo=AMS), tick=False):
        signal = build_signal(desk=desk, state=State.OFFERED, lead=cast.lead, offices=[cast.office])
    deadline = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert deadline.due_date == dt.date(2026, 6, 10)
    deadline = deadline_extend(
        deadline=deadline,
        actor=desk,
        new_due_date=dt.date(2026, 7, 1),
        reason="Drie ministeries stemmen de reactie af",
        expected_version=deadline.version,
    )
    deadline = deadline_extend(
        deadline=deadline,
        actor=cast.desk_manager,
        new_due_date=dt.date(2026, 9, 1),
        reason="Zomerreces",
        expected_version=deadline.version,
    )
    assert deadline.due_date == dt.date(2026, 9, 1)
    assert deadline.original_due_date == dt.date(2026, 6, 10)
    assert deadline.is_extended
    history = list(
        DeadlineExtension.objects.filter(deadline=deadline).values_list(
            "old_due_date", "new_due_date", "reason"
        )
    )
    assert history == [
        (dt.date(2026, 6, 10), dt.date(2026, 7, 1), "Drie ministeries stemmen de reactie af"),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 1), "Zomerreces"),
    ]
    texts = [e.text for e in timeline_for(signal=signal, user=cast.submitter)]
    assert "Termijn 'Reactie bewindspersonen' verlengd van 10-06-2026 naar 01-07-2026" in texts
    # The response arrives: the extended deadline is met.
    signal = signal_transition(signal=signal, actor=desk, to=State.RESPONSE_RECEIVED)
    deadline.refresh_from_db()
    assert deadline.status == "met"


# Guards -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_guard_advice_must_be_suitable(cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.DRAFTING)
    assert refused.value.message == (
        "Het loket moet eerst adviseren dat een bestuurlijk signaal geschikt is."
    )
    signal_update(
        signal=signal, actor=cast.desk_staff, expected_version=signal.version, advice="not_suitable"
    )
    with pytest.raises(TransitionRefused):
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.DRAFTING)
    assert Signal.objects.get(pk=signal.pk).state == State.INTAKE


@pytest.mark.django_db
def test_guard_needs_a_submitter():
    signal = Signal.objects.create(reference="BS-1999-001", year=1999, number=1, title="Los")
    transition = workflow.find(State.INTAKE, State.DRAFTING)
    assert "Voeg eerst ten minste één indienende organisatie toe." in workflow.failing_guards(
        transition, signal
    )


@pytest.mark.django_db
def test_guard_fact_check_needs_an_addressee(cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead, offices=[])
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.FACT_CHECK)
    assert refused.value.message == "Voeg eerst ten minste één geadresseerde bewindspersoon toe."
    assert Signal.objects.get(pk=signal.pk).fact_check_started_at is None


@pytest.mark.django_db
def test_guard_fact_check_needs_a_ready_draft(cast, open_guards):
    signal = build_signal(
        desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead, offices=[cast.office]
    )
    open_guards["draft_ready_for_fact_check"] = lambda s: False
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.FACT_CHECK)
    assert "De concepttekst is nog niet klaar" in refused.value.message


@pytest.mark.django_db
def test_guard_offering_needs_every_approval(cast, open_guards):
    co = OrganisationFactory()
    signal = build_signal(
        desk=cast.desk_staff,
        state=State.DECISION,
        lead=cast.lead,
        offices=[cast.office],
        co_submitters=[co],
    )
    submitter_approve(
        submitter=Submitter.objects.get(signal=signal, organisation=cast.lead),
        actor=cast.strategic_rep,
    )
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.OFFERED)
    assert refused.value.message == (
        "Nog niet alle indienende organisaties hebben definitief ingestemd."
    )
    assert not Deadline.objects.filter(signal=signal).exists()


@pytest.mark.django_db
def test_guard_response_document_before_received_and_delivered(cast, open_guards):
    signal = build_signal(
        desk=cast.desk_staff, state=State.OFFERED, lead=cast.lead, offices=[cast.office]
    )
    open_guards["response_document_exists"] = lambda s: False
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.RESPONSE_RECEIVED)
    assert refused.value.message == "Registreer eerst de gezamenlijke reactie als document."
    assert Deadline.objects.get(signal=signal).status == "open"


@pytest.mark.django_db
def test_guard_effect_answer_before_closing(cast, open_guards):
    signal = build_signal(
        desk=cast.desk_staff, state=State.EFFECT_INQUIRY, lead=cast.lead, offices=[cast.office]
    )
    # Issue 17, item 5: every submitting organisation answers, or the desk closes with a reason.
    open_guards["all_submitters_answered_effect"] = lambda s: False
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.CLOSED)
    assert refused.value.message == (
        "Nog niet alle indienende organisaties hebben de effectmeting beantwoord. "
        "Zonder hun antwoord sluit het loket alleen af met een reden."
    )
    assert Signal.objects.get(pk=signal.pk).state == State.EFFECT_INQUIRY
    signal = signal_transition(
        signal=signal, actor=cast.desk_staff, to=State.CLOSED, reason="Geen reactie na herinnering"
    )
    assert signal.state == State.CLOSED
    assert StateChange.objects.filter(signal=signal).last().reason == "Geen reactie na herinnering"


@pytest.mark.django_db
def test_stale_expected_state_is_refused(cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead)
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(
            signal=signal,
            actor=cast.desk_staff,
            to=State.WITHDRAWN,
            reason="x",
            expected_state=State.INTAKE,
        )
    assert "intussen gewijzigd" in refused.value.message


@pytest.mark.django_db
def test_submitter_can_start_a_signal_for_own_organisation_only(cast):
    signal = signal_create(actor=cast.submitter, title="Misbruik", lead_organisation=cast.lead)
    assert signal.submitters.get().is_lead
    with pytest.raises(Exception) as refused:
        signal_create(actor=cast.submitter, title="Anders", lead_organisation=OrganisationFactory())
    assert refused.value.status_code == 403
    with pytest.raises(Exception) as refused:
        signal_create(actor=cast.official, title="Anders", lead_organisation=cast.lead)
    assert refused.value.status_code == 403
    submitter_add(signal=signal, actor=cast.submitter, organisation=OrganisationFactory())
    assert signal.submitters.count() == 2


@pytest.mark.django_db
def test_guard_decision_needs_a_confirmed_held_meeting(cast, open_guards):
    signal = build_signal(
        desk=cast.desk_staff, state=State.FACT_CHECK, lead=cast.lead, offices=[cast.office]
    )
    open_guards["fact_check_confirmed"] = fact_check_confirmed  # the real check
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=cast.desk_staff, to=State.DECISION)
    assert refused.value.message == (
        "Leg eerst de uitkomst van een gehouden ambtelijk overleg vast: feiten bevestigd."
    )
    assert Signal.objects.get(pk=signal.pk).state == State.FACT_CHECK
    signal = hold_confirmed_meeting(signal, cast.desk_staff)
    assert signal.state == State.DECISION
