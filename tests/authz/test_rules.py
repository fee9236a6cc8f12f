"""visible_to, roles_on_signal and the note predicate against the rules of issue 4."""

import pytest

from signaalloket.signals.models import Signal
from signaalloket.signals.permissions import (
    can_edit_reference_data,
    can_view_access_log,
    can_view_internal_note,
    can_view_signal,
    roles_on_signal,
)
from tests.factories import OrganisationFactory, add_membership, make_user

from .world import ROLES, sees


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_visible_to_and_predicate_follow_the_rules(role, world, db):
    user = world.users[role]
    visible = set(Signal.objects.visible_to(user).values_list("pk", flat=True))
    for key, signal in world.signals.items():
        expected = sees(role, key)
        assert (signal.pk in visible) is expected, (role, key)
        assert can_view_signal(user, signal) is expected, (role, key)


def test_anonymous_and_admin_see_nothing(world, db):
    from django.contrib.auth.models import AnonymousUser

    assert not Signal.objects.visible_to(AnonymousUser()).exists()
    assert not Signal.objects.visible_to(world.users["admin"]).exists()
    assert roles_on_signal(world.users["admin"], world.signals["closed"]) == frozenset()


def test_deactivated_user_and_inactive_membership_see_nothing(world, db):
    from signaalloket.accounts.models import Membership

    user = make_user("submitter", organisation=world.lead)
    assert Signal.objects.visible_to(user).count() == len(world.signals)
    Membership.objects.filter(user=user).update(is_active=False)
    del user._signaalloket_access
    assert not Signal.objects.visible_to(user).exists()


def test_official_sees_from_fact_check_on_and_keeps_seeing(world, db):
    official = world.users["official"]
    assert roles_on_signal(official, world.signals["drafting"]) == frozenset()
    assert "official" in roles_on_signal(official, world.signals["fact_check"])
    assert "official" in roles_on_signal(official, world.signals["drafting_after_fact_check"])


def test_co_submitter_sees_shared_signal_but_not_others_notes(world, db):
    from signaalloket.signals.services.participants import submitter_add

    signal = world.signals["drafting"]
    partner = OrganisationFactory(name="Gemeente Medeindiener")
    submitter_add(signal=signal, actor=world.users["desk_staff"], organisation=partner)
    co = make_user("submitter", organisation=partner)
    signal = Signal.objects.get(pk=signal.pk)
    assert can_view_signal(co, signal)
    lead_user = world.users["submitter"]
    assert can_view_internal_note(co, partner.pk, signal)
    assert not can_view_internal_note(co, world.lead.pk, signal)
    assert can_view_internal_note(lead_user, world.lead.pk, signal)
    assert not can_view_internal_note(lead_user, partner.pk, signal)
    # the desk reads every note; an official never reads the submitters' notes
    desk_org = world.users["desk_staff"].memberships.get().organisation
    assert can_view_internal_note(world.users["desk_staff"], partner.pk, signal)
    fact_check = world.signals["fact_check"]
    assert not can_view_internal_note(world.users["official"], world.lead.pk, fact_check)
    assert not can_view_internal_note(world.users["official"], desk_org.pk, fact_check)
    # another organisation: not even its own notes on a signal it cannot see
    other = world.users["other_submitter"]
    other_org = other.memberships.get().organisation
    assert not can_view_internal_note(other, other_org.pk, signal)


def test_several_memberships_add_up(world, db):
    user = make_user("submitter", organisation=OrganisationFactory())
    assert not Signal.objects.visible_to(user).exists()
    add_membership(user, "submitter", world.lead)
    assert Signal.objects.visible_to(user).count() == len(world.signals)


def test_access_log_and_reference_data_rights(world, db):
    users = world.users
    assert can_view_access_log(users["desk_manager"])
    for role in ("desk_staff", "submitter", "official", "admin"):
        assert not can_view_access_log(users[role]), role
    assert can_edit_reference_data(users["desk_manager"])
    assert not can_edit_reference_data(users["admin"])
    assert not can_edit_reference_data(users["desk_staff"])
    assert not can_edit_reference_data(users["submitter"])
