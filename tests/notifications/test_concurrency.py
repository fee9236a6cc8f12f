"""Two copies of the due jobs at the same moment send everything exactly once (PostgreSQL)."""

import threading

import pytest
import time_machine
from django.db import connection, connections

from signaalloket.core.jobs import registered_jobs
from signaalloket.notifications.models import Notification, SentReminder
from signaalloket.signals.models import Signal
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.procedure.helpers import at


def run_twice_at_once(now) -> list:
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            done = {name: job(now) for name, job in registered_jobs().items()}
            results.append(done)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_once(desk_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    with time_machine.travel(at(2026, 1, 5), tick=False):
        offered = [build_signal(desk=desk_user, state=State.OFFERED) for _ in range(4)]
        delivered = [build_signal(desk=desk_user, state=State.RESPONSE_DELIVERED) for _ in range(3)]
    with time_machine.travel(at(2026, 3, 10), tick=False):  # 26 days before the response date
        run_twice_at_once(at(2026, 3, 10))
    assert SentReminder.objects.count() == len(offered)
    reminders = Notification.objects.filter(kind="response_reminder")
    assert reminders.count() == len(offered)  # the desk (case handler) once per signal
    with time_machine.travel(at(2026, 7, 5, 8), tick=False):  # the 6-month effect date
        results = run_twice_at_once(at(2026, 7, 5, 8))
    assert sum(r["effect_inquiries"] for r in results) == len(delivered)
    assert set(
        Signal.objects.filter(pk__in=[s.pk for s in delivered]).values_list("state", flat=True)
    ) == {State.EFFECT_INQUIRY}
    inquiries = Notification.objects.filter(kind="effect_inquiry")
    assert inquiries.count() >= len(delivered)
    assert inquiries.count() == inquiries.values("recipient", "signal").distinct().count()
