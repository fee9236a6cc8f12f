import pytest
from django.urls import reverse

from signaalloket.audit.models import AuditEvent
from tests.factories import make_user

PASSWORD = "correct-horse-battery-staple"

pytestmark = pytest.mark.django_db


def test_login_form_asks_for_email_in_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "E-mailadres" in response.content.decode()
    assert 'type="email"' in response.content.decode()


def test_login_with_email_records_audit_event(client):
    user = make_user("desk_staff", email="Anna@Example.nl")
    response = client.post(reverse("login"), {"username": "ANNA@example.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("web:home")
    event = AuditEvent.objects.get(event_type="auth.login")
    assert event.actor == user


def test_wrong_password_gives_dutch_error_and_audit(client):
    user = make_user("desk_staff", email="anna@example.nl")
    response = client.post(reverse("login"), {"username": "anna@example.nl", "password": "fout"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Het e-mailadres of het wachtwoord is onjuist" in body
    event = AuditEvent.objects.get(event_type="auth.login_failed")
    assert event.actor == user
    assert event.data["username"] == "anna@example.nl"
    assert "_auth_user_id" not in client.session


def test_unknown_account_failure_is_recorded_without_actor(client):
    client.post(reverse("login"), {"username": "niemand@example.nl", "password": "x"})
    event = AuditEvent.objects.get(event_type="auth.login_failed")
    assert event.actor is None
    assert event.data["known_account"] is False


def test_invalid_email_is_explained(client):
    response = client.post(reverse("login"), {"username": "geen-adres", "password": "x"})
    assert "Vul een geldig e-mailadres in" in response.content.decode()


def test_logout_is_recorded(client):
    user = make_user("submitter")
    client.force_login(user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event_type="auth.logout", actor=user).exists()
    assert "_auth_user_id" not in client.session


def test_deactivated_user_cannot_log_in(client, admin_user):
    from signaalloket.accounts.services import user_deactivate

    user = make_user("submitter", email="weg@example.nl")
    user_deactivate(actor=admin_user, user=user)
    response = client.post(reverse("login"), {"username": "weg@example.nl", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_session_expires_after_idle_minutes(client, settings):
    import datetime as dt

    import time_machine

    user = make_user("desk_staff")
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(user)
        assert client.get(reverse("web:home")).status_code == 200
    # Activity within the idle window keeps the session alive (saved on every request).
    with time_machine.travel(start + dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES - 1)):
        assert client.get(reverse("web:home")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=2 * settings.SESSION_IDLE_MINUTES - 3)):
        assert client.get(reverse("web:home")).status_code == 200
    # After SESSION_IDLE_MINUTES without a request the session is gone.
    idle = start + dt.timedelta(minutes=3 * settings.SESSION_IDLE_MINUTES)
    with time_machine.travel(idle):
        response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_session_cookie_age_follows_idle_setting(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_password_change_validates_and_is_audited(client):
    user = make_user("submitter")
    client.force_login(user)
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"}
    )
    assert weak.status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    new = "een-heel-nieuw-wachtwoord-2026"
    ok = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(event_type="auth.password_changed", actor=user).exists()
    # still logged in after the change
    assert client.get(reverse("web:home")).status_code == 200
