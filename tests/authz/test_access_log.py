"""Inzageregistratie: every view and download is recorded; desk managers list it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.audit.models import AccessAction, AccessLogEntry
from signaalloket.audit.services import access_log_record


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_viewing_a_signal_is_recorded(world, db):
    signal = world.signals["fact_check"]
    official = world.users["official"]
    response = _client(official).get(reverse("web:signal_detail", args=[signal.pk]))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(user=official, signal=signal)
    assert entry.action == AccessAction.VIEW


def test_refused_view_is_not_recorded_as_access(world, db):
    signal = world.signals["intake"]
    other = world.users["other_submitter"]
    assert _client(other).get(reverse("web:signal_detail", args=[signal.pk])).status_code == 404
    assert not AccessLogEntry.objects.filter(user=other).exists()


def test_document_download_is_recorded(world, db):
    document = world.documents["offered"]
    if document is None:
        pytest.skip("documents feature not present")
    submitter = world.users["submitter"]
    response = _client(submitter).get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(user=submitter, action=AccessAction.DOWNLOAD)
    assert entry.signal_id == document.signal_id


def test_manager_lists_per_signal_and_per_user(world, db):
    signal_a, signal_b = world.signals["offered"], world.signals["closed"]
    submitter, official = world.users["submitter"], world.users["official"]
    access_log_record(user=submitter, action=AccessAction.VIEW, signal=signal_a, description="A")
    access_log_record(user=official, action=AccessAction.VIEW, signal=signal_b, description="B")
    manager = _client(world.users["desk_manager"])

    everything = manager.get(reverse("audit:access_log")).content.decode()
    assert signal_a.reference in everything and signal_b.reference in everything

    per_signal = manager.get(reverse("audit:access_log_signal", args=[signal_a.pk]))
    body = per_signal.content.decode()
    assert per_signal.status_code == 200
    assert submitter.full_name in body
    assert official.full_name not in body

    per_user = manager.get(reverse("audit:access_log_user", args=[official.pk]))
    body = per_user.content.decode()
    assert signal_b.reference in body
    assert signal_a.reference not in body


@pytest.mark.parametrize("role", ["desk_staff", "submitter", "official", "admin"])
def test_others_get_a_dutch_403(role, world, db):
    client = _client(world.users[role])
    for url in (
        reverse("audit:access_log"),
        reverse("audit:access_log_signal", args=[world.signals["closed"].pk]),
        reverse("audit:access_log_user", args=[world.users["submitter"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "Alleen loketmanagers kunnen de inzageregistratie bekijken" in (
            response.content.decode()
        )


def test_unknown_user_or_signal_is_404_for_manager(world, db):
    manager = _client(world.users["desk_manager"])
    assert manager.get(reverse("audit:access_log_user", args=[99999999])).status_code == 404
    assert manager.get(reverse("audit:access_log_signal", args=[99999999])).status_code == 404


def test_pagination(world, db):
    signal = world.signals["offered"]
    user = world.users["submitter"]
    for i in range(55):
        access_log_record(user=user, action=AccessAction.VIEW, signal=signal, description=f"#{i}")
    manager = _client(world.users["desk_manager"])
    first = manager.get(reverse("audit:access_log_signal", args=[signal.pk]))
    assert "Pagina 1 van 2" in first.content.decode()
    second = manager.get(reverse("audit:access_log_signal", args=[signal.pk]), {"pagina": 2})
    assert second.status_code == 200
    assert "Pagina 2 van 2" in second.content.decode()
    junk = manager.get(reverse("audit:access_log_signal", args=[signal.pk]), {"pagina": "x"})
    assert junk.status_code == 200


@pytest.mark.parametrize(
    "url_name", ["audit:access_log", "audit:access_log_user", "audit:access_log_signal"]
)
def test_fixed_query_count(url_name, world, db):
    manager = _client(world.users["desk_manager"])
    users = [world.users[r] for r in ("submitter", "official", "desk_staff")]
    signals = list(world.signals.values())
    target, target_signal = users[0], signals[5]
    args = {
        "audit:access_log_user": [target.pk],
        "audit:access_log_signal": [target_signal.pk],
    }.get(url_name, [])
    url = reverse(url_name, args=args)

    def record(n):
        for i in range(n):
            who = target if url_name == "audit:access_log_user" else users[i % len(users)]
            signal = (
                target_signal
                if url_name == "audit:access_log_signal"
                else signals[i % len(signals)]
            )
            access_log_record(user=who, action=AccessAction.VIEW, signal=signal)

    record(2)
    manager.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as small:
        assert manager.get(url).status_code == 200
    record(10)
    with CaptureQueriesContext(connection) as large:
        assert manager.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_signal_page_shows_access_panel_to_managers_only(world, db):
    signal = world.signals["offered"]
    url = reverse("web:signal_detail", args=[signal.pk])
    manager_page = _client(world.users["desk_manager"]).get(url).content.decode()
    assert reverse("audit:access_log_signal", args=[signal.pk]) in manager_page
    staff_page = _client(world.users["desk_staff"]).get(url).content.decode()
    assert reverse("audit:access_log_signal", args=[signal.pk]) not in staff_page


def test_nav_links_follow_roles(world, db):
    manager_home = _client(world.users["desk_manager"]).get(reverse("web:home")).content.decode()
    assert reverse("audit:access_log") in manager_home
    staff_home = _client(world.users["desk_staff"]).get(reverse("web:home")).content.decode()
    assert reverse("audit:access_log") not in staff_home
