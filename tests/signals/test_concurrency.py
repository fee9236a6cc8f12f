"""Concurrency on PostgreSQL: row locks on transitions, gapless reference numbers.

SQLite serialises every writer, so these tests only mean something on PostgreSQL:
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python -m pytest tests/signals`.
"""

import threading

import pytest
from django.db import connection, connections

from signaalloket.core.errors import DomainError, TransitionRefused
from signaalloket.signals.models import ReferenceCounter, Signal, StateChange
from signaalloket.signals.services import signal_create, signal_transition
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL row locks; set DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_concurrently(*calls, timeout=30):
    """Start every call at the same moment in its own thread (own connection)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=timeout)
            results[index] = ("ok", call())
        except Exception as exc:
            results[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
        assert not t.is_alive(), "a thread hung (deadlock?)"
    return results


@pytest.mark.parametrize("with_expected_state", [True, False])
def test_two_concurrent_transitions_exactly_one_wins(cast, open_guards, with_expected_state):
    signal = build_signal(
        desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead, offices=[cast.office]
    )
    expected = State.DRAFTING if with_expected_state else None

    def to_fact_check():
        return signal_transition(
            signal=Signal.objects.get(pk=signal.pk),
            actor=cast.desk_staff,
            to=State.FACT_CHECK,
            expected_state=expected,
        )

    def not_pursued():
        # drafting -> not_pursued is an edge, fact_check -> not_pursued is not: whoever
        # comes second is refused, with or without expected_state.
        return signal_transition(
            signal=Signal.objects.get(pk=signal.pk),
            actor=cast.desk_manager,
            to=State.NOT_PURSUED,
            reason="Toch niet",
            expected_state=expected,
        )

    for calls in ((to_fact_check, to_fact_check), (to_fact_check, not_pursued)):
        signal_now = Signal.objects.get(pk=signal.pk)
        if signal_now.state != State.DRAFTING:
            signal = build_signal(
                desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead, offices=[cast.office]
            )
        results = run_concurrently(*calls)
        outcomes = sorted(kind for kind, _ in results)
        assert outcomes == ["error", "ok"], results
        error = next(value for kind, value in results if kind == "error")
        assert isinstance(error, TransitionRefused)
        assert isinstance(error, DomainError) and error.status_code == 409
        winner = next(value for kind, value in results if kind == "ok")
        stored = Signal.objects.get(pk=signal.pk)
        assert stored.state == winner.state
        assert StateChange.objects.filter(signal=signal, from_state=State.DRAFTING).count() == 1


def test_two_concurrent_creations_get_consecutive_numbers(cast):
    year = 2031  # a year without signals: the counter row does not exist yet
    org = OrganisationFactory()

    def create(title):
        return lambda: signal_create(
            actor=cast.desk_staff, title=title, lead_organisation=org, year=year
        )

    for round_number in range(3):
        results = run_concurrently(create(f"A{round_number}"), create(f"B{round_number}"))
        assert [kind for kind, _ in results] == ["ok", "ok"], results
    references = sorted(Signal.objects.filter(year=year).values_list("reference", flat=True))
    assert references == [f"BS-{year}-{n:03d}" for n in range(1, 7)]
    assert ReferenceCounter.objects.get(year=year).last_number == 6


def test_many_concurrent_creations_are_gapless(cast):
    year = 2032
    org = OrganisationFactory()
    calls = [
        (
            lambda i=i: signal_create(
                actor=cast.desk_staff, title=f"S{i}", lead_organisation=org, year=year
            )
        )
        for i in range(6)
    ]
    results = run_concurrently(*calls)
    assert all(kind == "ok" for kind, _ in results), results
    numbers = sorted(Signal.objects.filter(year=year).values_list("number", flat=True))
    assert numbers == list(range(1, 7))


def test_two_concurrent_edits_with_the_same_version_one_conflicts(cast):
    from signaalloket.core.errors import Conflict
    from signaalloket.signals.services import signal_update

    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    version = signal.version

    def edit(title):
        return lambda: signal_update(
            signal=Signal.objects.get(pk=signal.pk),
            actor=cast.desk_staff,
            expected_version=version,
            title=title,
        )

    results = run_concurrently(edit("Eerste"), edit("Tweede"))
    assert sorted(kind for kind, _ in results) == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, Conflict)
    winner = next(value for kind, value in results if kind == "ok")
    stored = Signal.objects.get(pk=signal.pk)
    assert (stored.title, stored.version) == (winner.title, version + 1)
