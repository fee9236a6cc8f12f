"""Audit log, state history, access registrations, signals and deadlines: read-only in the admin."""

import pytest
from django.urls import reverse

from signaalloket.audit.models import AccessAction, AccessLogEntry, AuditEvent
from signaalloket.audit.services import access_log_record
from signaalloket.deadlines.models import Deadline
from signaalloket.signals.models import Signal, StateChange
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import make_user


@pytest.fixture
def data(desk_user, monkeypatch):
    from signaalloket.core import procedure_hooks

    monkeypatch.setitem(procedure_hooks._guards, "draft_ready_for_fact_check", lambda s: True)
    signal = build_signal(desk=desk_user, state=State.OFFERED)
    access_log_record(user=desk_user, action=AccessAction.VIEW, signal=signal, description="x")
    return {
        AuditEvent: AuditEvent.objects.filter(signal=signal).first(),
        StateChange: StateChange.objects.filter(signal=signal).first(),
        AccessLogEntry: AccessLogEntry.objects.first(),
        Signal: signal,
        Deadline: Deadline.objects.get(signal=signal),
    }


def staff(role):
    user = make_user(role)
    user.is_staff = True
    user.save()
    return user


def superuser():
    user = staff("admin")
    user.is_superuser = True
    user.save()
    return user


MODELS = [AuditEvent, StateChange, AccessLogEntry, Signal, Deadline]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("who", ["superuser", "desk_manager", "admin"])
def test_read_only_for_everyone(client, data, model, who):
    user = superuser() if who == "superuser" else staff(who)
    client.force_login(user)
    obj = data[model]
    meta = model._meta
    base = f"admin:{meta.app_label}_{meta.model_name}"
    before = model.objects.count()

    assert client.get(reverse(f"{base}_add")).status_code == 403
    assert client.post(reverse(f"{base}_add"), {}).status_code == 403
    assert client.post(reverse(f"{base}_delete", args=[obj.pk]), {"post": "yes"}).status_code in (
        403,
        404,
    )
    change_url = reverse(f"{base}_change", args=[obj.pk])
    response = client.post(change_url, {"data": "{}", "title": "Gewijzigd", "reason": "x"})
    assert response.status_code in (403, 404)
    page = client.get(change_url)
    if page.status_code == 200:
        html = page.content.decode()
        assert 'name="_save"' not in html
        assert 'name="_continue"' not in html
    changelist = client.get(reverse(f"{base}_changelist"))
    if who == "admin" and model in (AuditEvent, AccessLogEntry):
        # These lists name signals: functional administrators do not read signal data.
        assert changelist.status_code == 403
    else:
        assert changelist.status_code == 200
        assert "delete_selected" not in changelist.content.decode()
    assert model.objects.count() == before
    if model is Signal:
        assert Signal.objects.get(pk=obj.pk).title == obj.title


@pytest.mark.django_db
def test_signal_data_in_the_admin_follows_visible_to(client, data):
    client.force_login(staff("admin"))  # functional administrators do not see signals
    signal = data[Signal]
    html = client.get(reverse("admin:signals_signal_changelist")).content.decode()
    assert signal.reference not in html
    assert client.get(reverse("admin:signals_signal_change", args=[signal.pk])).status_code in (
        302,
        404,
    )
    client.force_login(staff("desk_manager"))
    html = client.get(reverse("admin:signals_signal_changelist")).content.decode()
    assert signal.reference in html


@pytest.mark.django_db
def test_other_roles_have_no_admin_access(client, data):
    client.force_login(staff("desk_staff"))
    response = client.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code in (302, 403)
