import pytest
from django.core.management import call_command

from signaalloket.accounts.models import Membership, User
from signaalloket.accounts.roles import Role
from signaalloket.audit.models import AuditEvent
from signaalloket.audit.services import audit_chain_verify
from signaalloket.demo.data import DEMO_PASSWORD, SIGNALS
from signaalloket.signals.models import Signal


@pytest.mark.django_db
def test_demo_loads_once_with_every_role_and_state(client, capsys):
    call_command("load_demo")
    counts = (User.objects.count(), Signal.objects.count(), AuditEvent.objects.count())
    call_command("load_demo")
    assert (User.objects.count(), Signal.objects.count(), AuditEvent.objects.count()) == counts
    assert "al geladen" in capsys.readouterr().out
    assert Signal.objects.count() == len(SIGNALS)
    assert audit_chain_verify() is None

    # What the demo offers: a login for every role, both seed signals, every year and state.
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    # Administrators and desk managers reach the administration site (reference data).
    staff = set(User.objects.filter(is_staff=True).values_list("email", flat=True))
    assert staff == {"beheer@demo.example", "manager@demo.example"}
    titles = list(Signal.objects.values_list("title", flat=True))
    assert any(t.startswith("Misbruik van subsidies die worden verstrekt door RVO") for t in titles)
    assert any(t.startswith("Seksuele uitbuiting van Roemeense") for t in titles)
    years = set(Signal.objects.values_list("year", flat=True))
    assert years == {2022, 2023, 2024, 2025, 2026}
    assert set(Signal.objects.values_list("state", flat=True)) == {spec.state for spec in SIGNALS}
    response = client.post(
        "/inloggen/", {"username": "loket@demo.example", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_demo_logins_prints_each_role(capsys):
    call_command("demo_logins")
    out = capsys.readouterr().out
    for email in (
        "loket@demo.example",
        "manager@demo.example",
        "indiener@demo.example",
        "sv@demo.example",
        "ambtenaar@demo.example",
        "beheer@demo.example",
    ):
        assert email in out
    assert DEMO_PASSWORD in out
