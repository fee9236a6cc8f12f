"""Pages not covered elsewhere: a fixed number of queries with 10 and with 500 signals."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.imports.models import ImportJob
from signaalloket.signals.models import Signal, Theme
from tests.factories import OfficeFactory, OrganisationFactory

from .conftest import bulk_deadlines, bulk_signals


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(make):
    """Run make(count, start) for 10 signals, then up to 500."""
    make(10, 1)
    yield
    make(490, 11)
    assert Signal.objects.count() == 500
    yield


def _make(office, lead, theme):
    def make(count, start):
        signals = bulk_signals(
            count,
            year=2025,
            office=office,
            lead=lead,
            start=start,
            state="offered",
            offered_on=dt.date(2025, 1, 1),
            fact_check=True,
        )
        bulk_deadlines(signals, due=dt.date(2025, 4, 1))
        theme.signals.add(*signals)

    return make


@pytest.fixture
def grow(db):
    return _make(OfficeFactory(), OrganisationFactory(), Theme.objects.create(name="Zorg"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,args,params",
    [
        ("reports:export_csv", [], {"year": "2025"}),
        ("reports:export_xlsx", [], {"sort": "deadline"}),
        ("reports:annual_report", [2025], {}),
        ("reports:annual_report", [2025], {"html": "1"}),
        ("reports:annual_index", [], {}),
        ("reports:statistics", [], {"jaar": "2025"}),
    ],
)
def test_fixed_query_count(client, desk_manager, grow, name, args, params):
    client.force_login(desk_manager)
    url = reverse(name, args=args)
    steps = _grow(grow)
    next(steps)
    small = _queries(client, url, params)
    next(steps)
    assert _queries(client, url, params) == small


@pytest.mark.django_db
def test_publication_page_query_count(client, desk_user):
    signal = bulk_signals(1)[0]
    client.force_login(desk_user)
    url = reverse("publications:publication_edit", args=[signal.pk])
    small = _queries(client, url)
    bulk_signals(499, start=2)
    assert _queries(client, url) == small


@pytest.mark.django_db
def test_import_job_page_query_count(client, desk_manager):
    def job(rows):
        return ImportJob.objects.create(
            filename="x.csv",
            created_by=desk_manager,
            rows=[
                {"row": i, "data": {"year": 2020, "title": f"T{i}", "state": "closed"}}
                for i in range(rows)
            ],
            rejected=[{"row": i, "title": "", "errors": ["Titel ontbreekt."]} for i in range(rows)],
        )

    client.force_login(desk_manager)
    small = _queries(client, reverse("imports:import_job", args=[job(10).pk]))
    assert _queries(client, reverse("imports:import_job", args=[job(500).pk])) == small
