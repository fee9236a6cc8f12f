"""Extending a deadline: the service, the panel on the signal page and the extend page."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.deadlines.models import Deadline, DeadlineExtension, DeadlineKind
from signaalloket.deadlines.services import deadline_extend, deadline_start
from signaalloket.signals.states import State
from tests.builders import build_signal

AMS = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture(autouse=True)
def only_deadlines_panel(monkeypatch):
    """The signal page with only this app's panel (other apps' panels are tested by them)."""
    from signaalloket.core import panels

    mine = {k: p for k, p in panels._panels.items() if k == "deadlines"}
    assert mine, "DeadlinesConfig.ready() registers the panel"
    monkeypatch.setattr(panels, "_panels", mine)


@pytest.fixture
def offered(cast, open_guards):
    with time_machine.travel(dt.datetime(2026, 1, 31, 10, 0, tzinfo=AMS), tick=False):
        signal = build_signal(
            desk=cast.desk_staff, state=State.OFFERED, lead=cast.lead, offices=[cast.office]
        )
    return signal, Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)


@pytest.mark.django_db
def test_extend_service_refusals(cast, offered):
    _signal, deadline = offered
    for user in (cast.submitter, cast.strategic_rep, cast.official, cast.admin):
        with pytest.raises(NotAllowed):
            deadline_extend(
                deadline=deadline,
                actor=user,
                new_due_date=dt.date(2026, 6, 1),
                reason="x",
                expected_version=deadline.version,
            )
    with pytest.raises(ValidationFailed) as refused:
        deadline_extend(
            deadline=deadline,
            actor=cast.desk_staff,
            new_due_date=dt.date(2026, 6, 1),
            reason="  ",
            expected_version=deadline.version,
        )
    assert refused.value.field == "reason"
    with pytest.raises(ValidationFailed) as refused:
        deadline_extend(
            deadline=deadline,
            actor=cast.desk_staff,
            new_due_date=dt.date(2026, 4, 30),
            reason="Eerder",
            expected_version=deadline.version,
        )
    assert refused.value.field == "new_due_date"
    with pytest.raises(Conflict):
        deadline_extend(
            deadline=deadline,
            actor=cast.desk_staff,
            new_due_date=dt.date(2026, 6, 1),
            reason="Te laat",
            expected_version=deadline.version + 1,
        )
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2026, 4, 30)
    assert not DeadlineExtension.objects.exists()


@pytest.mark.django_db
def test_closed_deadline_cannot_be_extended(cast, offered):
    signal, deadline = offered
    deadline_start(
        signal=signal, kind=DeadlineKind.RESPONSE, due_date=dt.date(2026, 5, 1), actor=None
    )
    deadline.refresh_from_db()
    assert deadline.status == "waived"
    assert deadline.reason == "Vervangen door nieuwe termijn"
    with pytest.raises(ValidationFailed):
        deadline_extend(
            deadline=deadline,
            actor=cast.desk_staff,
            new_due_date=dt.date(2026, 6, 1),
            reason="x",
            expected_version=deadline.version,
        )


@pytest.mark.django_db
def test_panel_marks_overdue_and_links_the_desk_to_the_extend_page(client, cast, offered):
    signal, deadline = offered
    url = reverse("web:signal_detail", args=[signal.pk])
    with time_machine.travel(dt.datetime(2026, 5, 2, 10, 0, tzinfo=AMS), tick=False):
        client.force_login(cast.desk_staff)
        html = client.get(url).content.decode()
        assert "app-status--overdue" in html
        assert reverse("deadlines:extend", args=[deadline.pk]) in html
        client.force_login(cast.submitter)
        html = client.get(url).content.decode()
        assert "app-status--overdue" in html  # submitters see the deadline ...
        assert reverse("deadlines:extend", args=[deadline.pk]) not in html  # ... not the link
    with time_machine.travel(dt.datetime(2026, 4, 30, 10, 0, tzinfo=AMS), tick=False):
        assert "app-status--overdue" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_extend_through_the_page_keeps_history(client, cast, offered):
    signal, deadline = offered
    url = reverse("deadlines:extend", args=[deadline.pk])
    client.force_login(cast.desk_staff)
    response = client.post(
        url, {"new_due_date": "2026-06-15", "reason": "Afstemming", "version": deadline.version}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:signal_detail", args=[signal.pk])
    deadline.refresh_from_db()
    assert (deadline.due_date, deadline.original_due_date) == (
        dt.date(2026, 6, 15),
        dt.date(2026, 4, 30),
    )
    ext = DeadlineExtension.objects.get(deadline=deadline)
    assert (ext.old_due_date, ext.reason, ext.actor) == (
        dt.date(2026, 4, 30),
        "Afstemming",
        cast.desk_staff,
    )
    page = client.get(url).content.decode()
    assert "Verlengd van 30 april 2026 naar 15 juni 2026" in page
    detail = client.get(reverse("web:signal_detail", args=[signal.pk])).content.decode()
    assert "Verlengd van 30 april 2026 naar 15 juni 2026" in detail
    assert "Afstemming" in detail


@pytest.mark.django_db
def test_stale_extend_form_conflicts(client, cast, offered):
    _signal, deadline = offered
    stale = deadline.version
    deadline_extend(
        deadline=deadline,
        actor=cast.desk_manager,
        new_due_date=dt.date(2026, 5, 31),
        reason="Eerste",
        expected_version=stale,
    )
    client.force_login(cast.desk_staff)
    url = reverse("deadlines:extend", args=[deadline.pk])
    response = client.post(
        url, {"new_due_date": "2026-07-01", "reason": "Tweede", "version": stale}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft deze termijn intussen gewijzigd" in html
    assert f'href="{url}"' in html
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2026, 5, 31)
    assert DeadlineExtension.objects.filter(deadline=deadline).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"new_due_date": "", "reason": "x"}, "Vul de nieuwe datum in."),
        ({"new_due_date": "31-02-2026", "reason": "x"}, "Vul een geldige datum in"),
        ({"new_due_date": "2026-06-01", "reason": ""}, "Geef een reden voor de verlenging."),
        ({"new_due_date": "2026-04-01", "reason": "x"}, "moet later liggen"),
    ],
)
def test_extend_page_bad_input(client, cast, offered, data, text):
    _signal, deadline = offered
    client.force_login(cast.desk_staff)
    response = client.post(
        reverse("deadlines:extend", args=[deadline.pk]), {**data, "version": deadline.version}
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not DeadlineExtension.objects.exists()


@pytest.mark.django_db
def test_extend_page_access(client, cast, offered):
    _signal, deadline = offered
    url = reverse("deadlines:extend", args=[deadline.pk])
    data = {"new_due_date": "2026-06-01", "reason": "x", "version": deadline.version}
    for user, status in (
        (cast.submitter, 403),
        (cast.official, 403),
        (cast.other_submitter, 404),
        (cast.admin, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
        assert client.post(url, data).status_code == status
    client.force_login(cast.desk_staff)
    assert client.get(reverse("deadlines:extend", args=[999999])).status_code == 404
    assert client.get(url).status_code == 200
    assert not DeadlineExtension.objects.exists()


@pytest.mark.django_db
def test_panel_query_count_is_fixed(client, cast, offered):
    signal, deadline = offered
    client.force_login(cast.desk_staff)
    url = reverse("web:signal_detail", args=[signal.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    def extend_times(n):
        for _ in range(n):
            d = Deadline.objects.get(pk=deadline.pk)
            deadline_extend(
                deadline=d,
                actor=cast.desk_staff,
                new_due_date=d.due_date + dt.timedelta(days=1),
                reason="Nog even",
                expected_version=d.version,
            )

    extend_times(2)
    small = count()
    extend_times(10)
    assert count() == small
