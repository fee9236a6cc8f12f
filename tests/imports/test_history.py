"""The importer writes history only through signal_transition in its historical mode."""

import datetime as dt
import itertools

import pytest
from django.conf import settings
from django.utils import timezone

from signaalloket.audit.models import AuditEvent
from signaalloket.core.dates import add_months
from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from signaalloket.imports.history import path_to
from signaalloket.imports.services import import_job_create, import_job_process_next
from signaalloket.signals.models import Signal, StateChange
from signaalloket.signals.states import MAIN_PATH, State
from signaalloket.web.timeline import timeline_for
from tests.builders import build_signal

pytestmark = pytest.mark.django_db

HEADER = (
    "jaar;titel;indieners;ministeries;status;"
    "aangeboden op;reactie ontvangen op;reactie aangeboden op;afgesloten op"
)
CLOSED_ROW = "2021;Historisch afgesloten;RIEC Den Haag;JenV;Afgesloten;01-03-2021;15-05-2021;01-06-2021;10-12-2021"


def _import(actor, *rows):
    content = ("\n".join([HEADER, *rows]) + "\n").encode()
    job = import_job_create(actor=actor, filename="historie.csv", content=content)
    assert job.rejected == []
    return import_job_process_next(job=job, actor=actor)


def _noon(day: str):
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12)))


def _procedure_entries(signal, user):
    """Transition texts and deadline event types, in order (dates and reasons differ)."""
    return [
        (e.event_type, e.text if e.event_type == "signal.transitioned" else "")
        for e in timeline_for(signal=signal, user=user)
        if e.event_type == "signal.transitioned" or e.event_type.startswith("deadline.")
    ]


def test_the_path_comes_from_the_workflow_table():
    assert [t.target for t in path_to(State.CLOSED)] == MAIN_PATH[1:]
    assert [t.target for t in path_to(State.NOT_PURSUED)] == [State.NOT_PURSUED]
    assert [t.target for t in path_to(State.WITHDRAWN)] == [State.WITHDRAWN]
    assert path_to(State.INTAKE) == []


def test_imported_closed_signal_has_the_history_of_a_live_one(desk_manager):
    _import(desk_manager, CLOSED_ROW)
    signal = Signal.objects.get(title="Historisch afgesloten")
    assert signal.state == State.CLOSED

    changes = list(StateChange.objects.filter(signal=signal))
    assert [(c.from_state, c.to_state) for c in changes] == list(itertools.pairwise(MAIN_PATH))
    offered, received = _noon("2021-03-01"), _noon("2021-05-15")
    delivered, closed = _noon("2021-06-01"), _noon("2021-12-10")
    # undated steps take the moment of the step before them (the first ones: the offer's)
    assert [c.created_at for c in changes] == [
        offered,
        offered,
        offered,
        offered,
        received,
        delivered,
        delivered,
        closed,
    ]
    assert {c.reason for c in changes} == {"Import: historie.csv, rij 2"}
    assert {c.actor for c in changes} == {desk_manager}
    assert signal.state_changed_at == closed
    assert signal.fact_check_started_at == offered
    assert (str(signal.offered_on), str(signal.response_received_on)) == (
        "2021-03-01",
        "2021-05-15",
    )
    assert (str(signal.response_delivered_on), str(signal.closed_on)) == (
        "2021-06-01",
        "2021-12-10",
    )

    events = AuditEvent.objects.filter(signal=signal, event_type="signal.transitioned")
    assert events.count() == len(changes)
    assert all(e.data["historical"] is True for e in events)
    assert [dt.datetime.fromisoformat(e.data["at"]) for e in events.order_by("seq")] == [
        c.created_at for c in changes
    ]

    # deadlines computed from the historical dates, all met on their days
    response = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert response.due_date == add_months(dt.date(2021, 3, 1), settings.RESPONSE_PERIOD_MONTHS)
    assert (response.status, response.closed_on) == (DeadlineStatus.MET, dt.date(2021, 5, 15))
    effect = Deadline.objects.get(signal=signal, kind=DeadlineKind.EFFECT_INQUIRY)
    assert effect.due_date == add_months(dt.date(2021, 6, 1), settings.EFFECT_PERIOD_MONTHS)
    assert not Deadline.objects.filter(signal=signal, status=DeadlineStatus.OPEN).exists()

    live = build_signal(desk=desk_manager, state=State.CLOSED)
    assert _procedure_entries(signal, desk_manager) == _procedure_entries(live, desk_manager)


def test_imported_open_signal_keeps_its_deadline_running_from_the_offer(desk_manager):
    _import(desk_manager, "2024;Nog zonder reactie;RIEC Den Haag;JenV;Aangeboden;01-03-2024;;;")
    signal = Signal.objects.get(title="Nog zonder reactie")
    deadline = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert deadline.status == DeadlineStatus.OPEN
    assert deadline.due_date == add_months(dt.date(2024, 3, 1), settings.RESPONSE_PERIOD_MONTHS)


def test_a_file_without_dates_is_history_at_the_import_moment(desk_manager):
    before = timezone.now()
    _import(desk_manager, "2019;Oud signaal;RIEC Den Haag;;Niet doorgezet;;;;")
    change = StateChange.objects.get(signal__title="Oud signaal")
    assert (change.from_state, change.to_state) == (State.INTAKE, State.NOT_PURSUED)
    assert before <= change.created_at <= timezone.now()


def test_the_dry_run_writes_nothing(desk_manager):
    build_signal(desk=desk_manager, state=State.OFFERED)
    counts = (
        Signal.objects.count(),
        StateChange.objects.count(),
        AuditEvent.objects.filter(signal__isnull=False).count(),
        Deadline.objects.count(),
    )
    last_seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    content = ("\n".join([HEADER, CLOSED_ROW]) + "\n").encode()
    job = import_job_create(actor=desk_manager, filename="historie.csv", content=content)
    assert len(job.rows) == 1
    assert counts == (
        Signal.objects.count(),
        StateChange.objects.count(),
        AuditEvent.objects.filter(signal__isnull=False).count(),
        Deadline.objects.count(),
    )
    # the only record of a dry run: its own audit event, about no signal
    new = AuditEvent.objects.filter(seq__gt=last_seq)
    assert [e.event_type for e in new] == ["import.validated"]


def test_dates_that_do_not_fit_the_history_are_rejected_in_the_dry_run(desk_manager):
    future = (timezone.localdate() + dt.timedelta(days=2)).strftime("%d-%m-%Y")
    content = (
        "\n".join(
            [
                HEADER,
                f"2024;Toekomst;RIEC Den Haag;JenV;Aangeboden;{future};;;",
                "2021;Volgorde;RIEC Den Haag;JenV;Afgesloten;01-03-2021;15-05-2021;01-05-2021;",
                "2021;Te ver;RIEC Den Haag;JenV;Aangeboden;01-03-2021;15-05-2021;;",
            ]
        )
        + "\n"
    ).encode()
    job = import_job_create(actor=desk_manager, filename="x.csv", content=content)
    rejected = {item["title"]: " ".join(item["errors"]) for item in job.rejected}
    assert "ligt in de toekomst" in rejected["Toekomst"]
    assert "'reactie aangeboden op' ligt vóór 'reactie ontvangen op'" in rejected["Volgorde"]
    assert "'reactie ontvangen op' past niet bij de status 'Aangeboden'" in rejected["Te ver"]
    assert job.rows == []


def test_every_event_of_an_imported_step_is_history_and_the_timeline_reads_it(desk_manager):
    _import(desk_manager, CLOSED_ROW)
    signal = Signal.objects.get(title="Historisch afgesloten")
    deadline_events = AuditEvent.objects.filter(signal=signal, event_type__startswith="deadline.")
    assert deadline_events.exists()
    assert all(e.data["historical"] is True for e in deadline_events)
    started = deadline_events.get(event_type="deadline.started", data__kind=DeadlineKind.RESPONSE)
    assert dt.datetime.fromisoformat(started.data["at"]) == _noon("2021-03-01")

    entries = timeline_for(signal=signal, user=desk_manager)
    closing = [e for e in entries if e.event_type == "signal.transitioned"][-1]
    assert closing.at == _noon("2021-12-10")  # when it happened, not when it was imported
    assert [e.at for e in entries] == sorted(e.at for e in entries)
