"""The signal page and its panels share what they read: each related table once."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", [State.DECISION, State.OFFERED])
def test_deadlines_submitters_and_addressees_are_read_once(client, desk_user, state):
    signal = build_signal(desk=desk_user, state=state, offices=[OfficeFactory(), OfficeFactory()])
    client.force_login(desk_user)
    client.get(f"/signalen/{signal.pk}/")  # warm caches filled once per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/signalen/{signal.pk}/")
    assert response.status_code == 200
    tables = Counter(
        m.group(1)
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and (m := re.search(r'FROM "(\w+)"', q["sql"]))
    )
    assert tables["deadlines_deadline"] == 1
    assert tables["signals_submitter"] == 1
    assert tables["signals_addressee"] == 1
    # what the panels show still comes from those reads
    body = response.content.decode()
    for addressee in signal.addressees.select_related("office"):
        assert addressee.office.title in body
    if state == State.OFFERED:
        assert "Reactie uiterlijk" in body  # the response deadline, from the shared read
