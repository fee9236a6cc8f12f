import pytest
from django.urls import reverse

from signaalloket.accounts import services
from signaalloket.accounts.models import Membership, User
from signaalloket.audit.models import AuditEvent
from tests.factories import OrganisationFactory, make_user

PASSWORD = "correct-horse-battery-staple"

pytestmark = pytest.mark.django_db


def _fail(client, email):
    return client.post(reverse("login"), {"username": email, "password": "verkeerd"})


def test_lock_out_after_failure_limit_and_unlock_by_admin(client, settings, admin_user):
    user = make_user("submitter", email="piet@example.nl")
    for _i in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _fail(client, "piet@example.nl").status_code == 200
    locked = _fail(client, "piet@example.nl")
    assert locked.status_code == 429
    assert "Account geblokkeerd" in locked.content.decode()
    assert services.user_is_locked_out(user=user)
    # even the right password does not help now
    right = client.post(reverse("login"), {"username": "piet@example.nl", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event_type="auth.locked_out", actor=user).exists()
    # capitals do not escape the lock
    assert _fail(client, "PIET@example.nl").status_code == 429

    services.user_unlock(actor=admin_user, user=user)
    assert not services.user_is_locked_out(user=user)
    event = AuditEvent.objects.get(event_type="account.unlocked")
    assert event.actor == admin_user and event.data["user"] == user.pk
    ok = client.post(reverse("login"), {"username": "piet@example.nl", "password": PASSWORD})
    assert ok.status_code == 302


def test_lock_out_is_per_account_not_per_address(client, settings):
    make_user("submitter", email="a@example.nl")
    other = make_user("submitter", email="b@example.nl")
    for _i in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, "a@example.nl")
    ok = client.post(reverse("login"), {"username": other.email, "password": PASSWORD})
    assert ok.status_code == 302


def test_deactivate_keeps_history(admin_user):
    user = make_user("submitter")
    services.user_deactivate(actor=admin_user, user=user)
    user.refresh_from_db()
    assert user.is_active is False and user.deactivated_at is not None
    assert Membership.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(event_type="user.deactivated").exists()


def test_admin_cannot_deactivate_self(admin_user):
    from signaalloket.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.user_deactivate(actor=admin_user, user=admin_user)


def test_membership_grant_sets_is_staff_for_admin_and_manager_only(admin_user):
    desk_org = admin_user.memberships.get().organisation
    user = services.user_create(actor=admin_user, email="Nieuw@Example.nl", full_name="Nieuw")
    assert user.email == "nieuw@example.nl"
    assert not user.has_usable_password()
    services.membership_grant(
        actor=admin_user, user=user, organisation=OrganisationFactory(), role="submitter"
    )
    user.refresh_from_db()
    assert not user.is_staff
    membership = services.membership_grant(
        actor=admin_user, user=user, organisation=desk_org, role="admin"
    )
    user.refresh_from_db()
    assert user.is_staff
    services.membership_revoke(actor=admin_user, membership=membership)
    user.refresh_from_db()
    assert not user.is_staff
    types = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"user.created", "membership.granted", "membership.revoked"} <= types


def test_official_role_needs_ministry_organisation(admin_user):
    from signaalloket.core.errors import ValidationFailed

    user = make_user("submitter")
    with pytest.raises(ValidationFailed):
        services.membership_grant(
            actor=admin_user, user=user, organisation=OrganisationFactory(), role="official"
        )


@pytest.fixture
def staff_admin(admin_user):
    User.objects.filter(pk=admin_user.pk).update(is_staff=True)
    admin_user.refresh_from_db()
    return admin_user


def test_admin_site_user_actions(client, staff_admin):
    user = make_user("submitter", email="jan@example.nl")
    client.force_login(staff_admin)
    changelist = reverse("admin:accounts_user_changelist")
    assert client.get(changelist).status_code == 200
    response = client.post(
        changelist, {"action": "deactivate_users", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert User.objects.filter(pk=user.pk).exists()
    client.post(changelist, {"action": "unlock_users", "_selected_action": [user.pk]})
    assert AuditEvent.objects.filter(event_type="account.unlocked").exists()
    client.post(changelist, {"action": "reset_mfa", "_selected_action": [user.pk]})
    assert AuditEvent.objects.filter(event_type="mfa.reset").exists()
    # no delete: not as action, not as page
    page = client.get(changelist).content.decode()
    assert "delete_selected" not in page
    delete = client.get(reverse("admin:accounts_user_delete", args=[user.pk]))
    assert delete.status_code == 403


def test_admin_site_creates_user_with_membership(client, staff_admin):
    org = OrganisationFactory()
    client.force_login(staff_admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nieuwe@Example.nl",
            "full_name": "Nieuwe Gebruiker",
            "function_title": "Adviseur",
            "new_password": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-organisation": org.pk,
            "memberships-0-role": "submitter",
            "memberships-0-is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="nieuwe@example.nl")
    assert user.memberships.get().organisation == org
    assert AuditEvent.objects.filter(event_type="user.created").exists()
    assert AuditEvent.objects.filter(event_type="membership.granted").exists()


def test_reference_data_for_managers_not_for_desk_staff(client, desk_manager, desk_user):
    User.objects.filter(pk__in=[desk_manager.pk, desk_user.pk]).update(is_staff=True)
    client.force_login(desk_manager)
    assert client.get(reverse("admin:organisations_ministry_changelist")).status_code == 200
    response = client.post(
        reverse("admin:organisations_ministry_add"), {"code": "NW", "name": "Ministerie Nieuw"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event_type="reference.created").exists()
    # desk manager does not manage users
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    client.force_login(desk_user)
    response = client.get(reverse("admin:organisations_ministry_changelist"))
    assert response.status_code in (302, 403)


def test_non_staff_gets_dutch_403_on_admin_site(client):
    user = make_user("submitter")
    client.force_login(user)
    response = client.get("/beheer/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        response = client.get(response.url, follow=True)
    assert "beheer" in response.content.decode().lower()


def test_deactivated_user_loses_open_session(client, admin_user):
    user = make_user("desk_staff")
    client.force_login(user)
    assert client.get(reverse("web:home")).status_code == 200
    services.user_deactivate(actor=admin_user, user=user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_admin_password_must_pass_validators(client, staff_admin):
    user = make_user("submitter", email="kort@example.nl")
    client.force_login(staff_admin)
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": "kort@example.nl",
            "full_name": "Kort",
            "function_title": "",
            "new_password": "kort",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200  # form shown again with the error
    user.refresh_from_db()
    assert not user.check_password("kort")
    assert not AuditEvent.objects.filter(event_type="user.updated").exists()


def test_user_page_shows_account_events_not_signal_events(client, staff_admin):
    user = make_user("submitter", email="ev@example.nl")
    _fail(client, "ev@example.nl")
    client.force_login(staff_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()
    assert "auth.login_failed" in page
