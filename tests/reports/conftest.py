import datetime as dt

import pytest

from signaalloket.deadlines.models import Deadline
from signaalloket.signals.models import Addressee, ReferenceCounter, Signal, Submitter
from tests.factories import OfficeFactory, OrganisationFactory


def bulk_signals(
    count: int,
    *,
    year: int = 2025,
    lead=None,
    office=None,
    state: str = "intake",
    title: str = "Signaal",
    summary: str = "",
    start: int = 1,
    fact_check: bool = False,
    **fields,
) -> list[Signal]:
    """Many signals fast (bulk_create), each with a lead submitter and an addressee."""
    lead = lead or OrganisationFactory()
    office = office or OfficeFactory()
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    signals = Signal.objects.bulk_create(
        Signal(
            reference=f"BS-{year}-{start + i:04d}",
            year=year,
            number=start + i,
            title=f"{title} {start + i}",
            summary=summary,
            state=state,
            fact_check_started_at=now if fact_check else None,
            **fields,
        )
        for i in range(count)
    )
    signals = list(Signal.objects.filter(year=year, number__gte=start, number__lt=start + count))
    Submitter.objects.bulk_create(
        Submitter(signal=s, organisation=lead, is_lead=True) for s in signals
    )
    Addressee.objects.bulk_create(
        Addressee(signal=s, office=office, is_coordinating=True) for s in signals
    )
    ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": start + count})
    return signals


def bulk_deadlines(signals, *, due: dt.date, kind: str = "response") -> None:
    Deadline.objects.bulk_create(
        Deadline(signal=s, kind=kind, due_date=due, original_due_date=due) for s in signals
    )


@pytest.fixture
def office(db):
    return OfficeFactory()
