"""Administrators manage users and organisations, but never read signal contents."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from signaalloket.accounts.models import User
from signaalloket.audit.models import AccessAction
from signaalloket.audit.services import access_log_record
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import make_user

ACCOUNT_APPS = {"accounts", "organisations", "auth", "axes", "otp_totp", "otp_static"}


def _staff(role):
    user = make_user(role)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    user.refresh_from_db()
    return user


@pytest.fixture
def secret_signal(desk_user, monkeypatch):
    from signaalloket.core import procedure_hooks

    monkeypatch.setitem(procedure_hooks._guards, "draft_ready_for_fact_check", lambda s: True)
    signal = build_signal(desk=desk_user, state=State.OFFERED, title="Zeer geheime titel xq")
    access_log_record(user=desk_user, action=AccessAction.VIEW, signal=signal, description="x")
    return signal


@pytest.mark.django_db
def test_admin_role_reads_no_signal_content_anywhere_in_the_admin_site(client, secret_signal):
    client.force_login(_staff("admin"))
    assert client.get(reverse("admin:index")).status_code == 200
    leaks = []
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label in ACCOUNT_APPS:
            continue
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        except NoReverseMatch:
            continue
        response = client.get(url)
        body = response.content.decode()
        if response.status_code == 200 and (
            secret_signal.title in body or secret_signal.reference in body
        ):
            leaks.append(meta.label)
    change = client.get(reverse("admin:signals_signal_change", args=[secret_signal.pk]))
    if change.status_code == 200 and secret_signal.title in change.content.decode():
        leaks.append("signal change page")
    assert not leaks, f"An administrator reads signal contents in the admin site: {leaks}"


@pytest.mark.django_db
def test_access_log_and_audit_log_in_admin_for_desk_managers_only(client, secret_signal):
    client.force_login(_staff("admin"))
    for name in ("audit_accesslogentry", "audit_auditevent"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    body = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:accounts_user_changelist") in body
    assert "/beheer/audit/" not in body
    client.force_login(_staff("desk_manager"))
    response = client.get(reverse("admin:audit_accesslogentry_changelist"))
    assert response.status_code == 200
    assert secret_signal.reference in response.content.decode()


@pytest.mark.django_db
def test_desk_manager_still_reads_signal_admin(client, secret_signal):
    client.force_login(_staff("desk_manager"))
    response = client.get(reverse("admin:signals_signal_changelist"))
    assert response.status_code == 200
    assert secret_signal.reference in response.content.decode()
