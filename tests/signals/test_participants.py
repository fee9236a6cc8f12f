"""Participants managed by the desk: submitters, contact persons, strategic
representatives, the case handler and addressees (issue 17, item 1)."""

import pytest
from django.urls import reverse

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import NotAllowed, ValidationFailed
from signaalloket.notifications.models import Notification
from signaalloket.signals.models import ContactStatus, Submitter, SubmitterContact
from signaalloket.signals.permissions import may_approve_submitter
from signaalloket.signals.services import signal_create
from signaalloket.signals.services.contacts import contact_add, contact_confirm, contact_remove
from signaalloket.signals.services.participants import (
    addressee_remove,
    signal_set_case_handler,
    submitter_add,
    submitter_make_lead,
    submitter_remove,
    submitter_set_strategic_rep,
)
from signaalloket.signals.states import State
from signaalloket.web.timeline import timeline_for
from tests.builders import build_signal
from tests.factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def desk():
    return make_user("desk_staff")


@pytest.fixture
def lead():
    return OrganisationFactory(kind="riec")


def _counts(signal):
    return (
        AuditEvent.objects.filter(signal=signal).count(),
        Submitter.objects.filter(signal=signal).count(),
        SubmitterContact.objects.filter(signal=signal).count(),
    )


def test_desk_adds_co_submitter_and_changes_the_lead(
    desk, lead, django_capture_on_commit_callbacks
):
    signal = build_signal(desk=desk, lead=lead)
    co = OrganisationFactory(kind="partner")
    member = make_user("submitter", organisation=co)
    with django_capture_on_commit_callbacks(execute=True):
        added = submitter_add(signal=signal, actor=desk, organisation=co)
    assert not added.is_lead
    assert Notification.objects.filter(recipient=member, kind="participant_changed").exists()
    submitter_make_lead(submitter=added, actor=desk)
    leads = list(Submitter.objects.filter(signal=signal, is_lead=True))
    assert [s.organisation for s in leads] == [co]
    texts = [e.text for e in timeline_for(signal=signal, user=desk)]
    assert any(co.name in t and "Hoofdindiener" in t for t in texts)


def test_lead_cannot_be_removed_and_co_submitter_removal_ends_contacts(desk, lead):
    signal = build_signal(desk=desk, lead=lead)
    co = OrganisationFactory(kind="partner")
    person = make_user("submitter", organisation=co)
    added = submitter_add(signal=signal, actor=desk, organisation=co)
    contact_add(submitter=added, actor=desk, user=person)
    lead_submitter = signal.submitters.get(is_lead=True)
    before = _counts(signal)
    with pytest.raises(ValidationFailed):
        submitter_remove(submitter=lead_submitter, actor=desk)
    assert _counts(signal) == before
    submitter_remove(submitter=added, actor=desk)
    assert not signal.submitters.filter(organisation=co).exists()
    contact = SubmitterContact.objects.get(signal=signal, user=person)
    assert contact.status == ContactStatus.REMOVED and contact.ended_at is not None
    assert AuditEvent.objects.filter(signal=signal, event_type="submitter.removed").exists()


def test_submitter_may_not_remove_or_name_reps(desk, lead):
    signal = build_signal(desk=desk, lead=lead, co_submitters=[OrganisationFactory()])
    submitter = make_user("submitter", organisation=lead)
    co = signal.submitters.get(is_lead=False)
    before = _counts(signal)
    with pytest.raises(NotAllowed):
        submitter_remove(submitter=co, actor=submitter)
    with pytest.raises(NotAllowed):
        submitter_make_lead(submitter=co, actor=submitter)
    with pytest.raises(NotAllowed):
        submitter_set_strategic_rep(
            submitter=co, actor=submitter, strategic_rep=None, expected_version=co.version
        )
    assert _counts(signal) == before


def test_after_offering_a_change_needs_a_reason(desk, lead):
    signal = build_signal(desk=desk, lead=lead, state=State.OFFERED)
    co = OrganisationFactory(kind="partner")
    before = _counts(signal)
    with pytest.raises(ValidationFailed) as refused:
        submitter_add(signal=signal, actor=desk, organisation=co)
    assert refused.value.field == "reason"
    assert _counts(signal) == before
    submitter_add(signal=signal, actor=desk, organisation=co, reason="Vergeten bij de start")
    event = AuditEvent.objects.filter(signal=signal, event_type="submitter.added").last()
    assert event.data["reason"] == "Vergeten bij de start"
    notes = [e.note for e in timeline_for(signal=signal, user=desk)]
    assert "Vergeten bij de start" in notes


def test_final_signal_refuses_changes(desk, lead):
    signal = build_signal(desk=desk, lead=lead, state=State.WITHDRAWN)
    with pytest.raises(NotAllowed):
        submitter_add(signal=signal, actor=desk, organisation=OrganisationFactory(), reason="x")


def test_strategic_rep_must_hold_the_role_and_only_they_approve(desk, lead):
    signal = build_signal(desk=desk, lead=lead)
    submitter = signal.submitters.get()
    plain = make_user("submitter", organisation=lead)
    with pytest.raises(ValidationFailed):
        submitter_set_strategic_rep(
            submitter=submitter, actor=desk, strategic_rep=plain, expected_version=submitter.version
        )
    assert Submitter.objects.get(pk=submitter.pk).strategic_rep is None
    rep = make_user("strategic_rep", organisation=lead)
    other_rep = make_user("strategic_rep", organisation=lead)
    assert may_approve_submitter(other_rep, submitter)  # none named: any rep of the org
    submitter = submitter_set_strategic_rep(
        submitter=submitter, actor=desk, strategic_rep=rep, expected_version=submitter.version
    )
    assert submitter.strategic_rep == rep
    assert rep.full_name in submitter.strategic_rep_display
    assert may_approve_submitter(rep, submitter)
    assert not may_approve_submitter(other_rep, submitter)


def test_lead_contact_proposes_desk_confirms(desk, lead, django_capture_on_commit_callbacks):
    creator = make_user("submitter", organisation=lead)
    signal = signal_create(actor=creator, title="Misbruik", lead_organisation=lead)
    submitter = signal.submitters.get()
    assert submitter.contact_person == creator
    colleague = make_user("submitter", organisation=lead)
    outsider = make_user("submitter", organisation=OrganisationFactory())
    with pytest.raises(ValidationFailed):
        contact_add(submitter=submitter, actor=creator, user=outsider)
    with pytest.raises(NotAllowed):
        contact_add(submitter=submitter, actor=colleague, user=colleague)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = contact_add(submitter=submitter, actor=creator, user=colleague)
    assert proposal.status == ContactStatus.PROPOSED
    with pytest.raises(NotAllowed):
        contact_confirm(contact=proposal, actor=creator)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = contact_confirm(contact=proposal, actor=desk)
    assert confirmed.status == ContactStatus.CONFIRMED and confirmed.confirmed_by == desk
    assert Notification.objects.filter(recipient=colleague, kind="participant_changed").exists()
    removed = contact_remove(contact=confirmed, actor=desk)
    assert removed.status == ContactStatus.REMOVED
    assert SubmitterContact.objects.filter(pk=removed.pk).exists()  # history kept


def test_desk_makes_lead_contact_and_removing_it_clears_it(desk, lead):
    signal = build_signal(desk=desk, lead=lead)
    submitter = signal.submitters.get()
    person = make_user("submitter", organisation=lead)
    contact = contact_add(submitter=submitter, actor=desk, user=person, make_lead=True)
    assert Submitter.objects.get(pk=submitter.pk).contact_person == person
    contact_remove(contact=contact, actor=desk)
    assert Submitter.objects.get(pk=submitter.pk).contact_person is None


def test_case_handler_is_a_desk_user(desk, lead, django_capture_on_commit_callbacks):
    signal = build_signal(desk=desk, lead=lead)
    other_desk = make_user("desk_staff")
    submitter = make_user("submitter", organisation=lead)
    with pytest.raises(ValidationFailed):
        signal_set_case_handler(
            signal=signal, actor=desk, case_handler=submitter, expected_version=signal.version
        )
    with pytest.raises(NotAllowed):
        signal_set_case_handler(
            signal=signal, actor=submitter, case_handler=other_desk, expected_version=signal.version
        )
    assert signal.__class__.objects.get(pk=signal.pk).case_handler == desk
    with django_capture_on_commit_callbacks(execute=True):
        signal = signal_set_case_handler(
            signal=signal, actor=desk, case_handler=other_desk, expected_version=signal.version
        )
    assert signal.case_handler == other_desk
    assert Notification.objects.filter(recipient=other_desk, kind="participant_changed").exists()


def test_addressee_removed_before_offering_only(desk, lead):
    signal = build_signal(desk=desk, lead=lead, state=State.DRAFTING)
    addressee = signal.addressees.get()
    addressee_remove(addressee=addressee, actor=desk)
    assert not signal.addressees.exists()
    assert AuditEvent.objects.filter(signal=signal, event_type="addressee.removed").exists()
    offered = build_signal(desk=desk, lead=lead, state=State.OFFERED)
    before = offered.addressees.count()
    with pytest.raises(NotAllowed):
        addressee_remove(addressee=offered.addressees.first(), actor=desk, reason="Fout")
    assert offered.addressees.count() == before


def test_page_shows_desk_controls_only_to_the_desk(client, desk, lead):
    signal = build_signal(desk=desk, lead=lead)
    url = reverse("signals:participants", args=[signal.pk])
    client.force_login(desk)
    body = client.get(url).content.decode()
    assert "Indiener toevoegen" in body and "Strategisch vertegenwoordiger aanwijzen" in body
    submitter = make_user("submitter", organisation=lead)
    client.force_login(submitter)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Strategisch vertegenwoordiger aanwijzen" not in body
    assert "Contactpersoon voorstellen" not in body  # not the lead contact


def test_post_after_offering_without_reason_changes_nothing(client, desk, lead):
    signal = build_signal(desk=desk, lead=lead, state=State.OFFERED)
    other = make_user("desk_staff")
    before = (_counts(signal), signal.case_handler_id)
    client.force_login(desk)
    response = client.post(
        reverse("signals:case_handler", args=[signal.pk]),
        {"user": other.pk, "expected_version": signal.version},
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert (_counts(signal), signal.case_handler_id) == before
    client.post(
        reverse("signals:case_handler", args=[signal.pk]),
        {"user": other.pk, "expected_version": signal.version, "reason": "Overdracht"},
    )
    signal.refresh_from_db()
    assert signal.case_handler == other
