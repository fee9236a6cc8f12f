"""Every page of the procedure, meetings and notifications runs a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalloket.meetings.services import meeting_schedule
from signaalloket.notifications.services import notification_create_many
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OfficeFactory, make_user, ministry_organisation

from .helpers import at

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def signal_with(desk, n, state):
    offices = [OfficeFactory() for _ in range(n)]
    for office in offices:
        make_user("official", organisation=ministry_organisation(office.ministry))
    return build_signal(desk=desk, state=state, offices=offices)


@pytest.mark.parametrize(
    "path",
    ["geadresseerden/", "reactie/", "aanbieden/__panel__"],
)
def test_procedure_pages(client, desk_user, path):
    state = State.OFFERED if path != "geadresseerden/" else State.DRAFTING
    small, big = signal_with(desk_user, 2, state), signal_with(desk_user, 12, state)
    client.force_login(desk_user)
    if path == "aanbieden/__panel__":
        path = ""  # the signal page with the procedure panel
    assert count(client, f"/signalen/{small.pk}/{path}") == count(
        client, f"/signalen/{big.pk}/{path}"
    )


def test_meeting_pages(client, desk_user):
    built = []
    for n in (2, 12):
        signal = signal_with(desk_user, n, State.FACT_CHECK)
        meeting = meeting_schedule(
            signal=signal,
            actor=desk_user,
            starts_at=at(2030, 1, 1, 10),
            ends_at=at(2030, 1, 1, 11),
            location="Den Haag",
        )
        built.append((signal, meeting))
    client.force_login(desk_user)
    counts = [
        (
            count(client, f"/signalen/{signal.pk}/overleg/{meeting.pk}/wijzigen/"),
            count(client, f"/signalen/{signal.pk}/overleg/{meeting.pk}/agenda.ics"),
            count(client, f"/signalen/{signal.pk}/"),
        )
        for signal, meeting in built
    ]
    assert counts[0] == counts[1]


def test_inbox(client, desk_user):
    signals = [build_signal(desk=desk_user) for _ in range(2)]
    user = make_user("submitter")
    client.force_login(user)
    counts = []
    for n in (2, 12):
        for i in range(n):
            notification_create_many(
                recipients=[user], signal=signals[i % 2], kind="offered", text=f"bericht {i}"
            )
        counts.append(count(client, "/berichten/"))
    assert counts[0] == counts[1]


def test_effect_page(client, desk_user):
    small = build_signal(desk=desk_user, state=State.EFFECT_INQUIRY)
    big = build_signal(
        desk=desk_user,
        state=State.EFFECT_INQUIRY,
        offices=[OfficeFactory() for _ in range(12)],
    )
    client.force_login(desk_user)
    assert count(client, f"/signalen/{small.pk}/effectmeting/") == count(
        client, f"/signalen/{big.pk}/effectmeting/"
    )
