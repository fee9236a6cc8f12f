"""Every main page runs the same number of SQL queries with 10 and with 1,000 signals.

The data comes from the bulk generator (signaalloket.bench.generate); the signals the pages
are opened on are built through the real services, for a generated desk user, a generated
submitter of a RIEC and a generated official of the Ministry of Justice and Security.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalloket.accounts.models import Membership, User
from signaalloket.bench.generate import GENERATED_DOMAIN, generate
from signaalloket.core.dates import today
from signaalloket.organisations.models import Office, Organisation
from signaalloket.signals.states import State
from tests.builders import build_signal

pytestmark = pytest.mark.django_db


def _user(email_prefix: str) -> User:
    return User.objects.get(email=f"{email_prefix}@{GENERATED_DOMAIN}")


def _pages(role: str, offered_pk: int) -> dict[str, str]:
    year = today().year
    pages = {
        "dashboard": "/",
        "list": "/signalen/",
        "list_filtered": f"/signalen/?year={year}&state=offered&state=drafting&sort=deadline",
        "detail": f"/signalen/{offered_pk}/",
        "detail_similar": f"/signalen/{offered_pk}/vergelijkbaar/",
        "search": "/zoeken/?q=subsidie",
        "statistics": "/statistieken/",
        "export_csv": "/signalen/export.csv",
    }
    if role == "desk":
        pages["annual_report"] = f"/jaarverslag/{year}/?html=1"
    return pages


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def test_main_pages_run_a_fixed_number_of_queries(client):
    generate(signals=10, seed=11, gemeenten=5)
    riec = Organisation.objects.filter(kind="riec").order_by("pk").first()
    office = Office.objects.current().filter(ministry__code="JenV").order_by("pk").first()
    official = (
        Membership.objects.filter(
            role="official",
            organisation__ministry=office.ministry_id,
            user__email__endswith=GENERATED_DOMAIN,
        )
        .order_by("pk")
        .first()
        .user
    )
    users = {
        "desk": _user("loket1"),
        "submitter": _user(f"indiener-{riec.pk}-1"),
        "official": official,
    }
    desk = users["desk"]
    offered = build_signal(desk=desk, state=State.OFFERED, lead=riec, offices=[office])
    build_signal(desk=desk, state=State.DRAFTING, lead=riec, offices=[office])

    small = {}
    for role, user in users.items():
        client.force_login(user)
        for page, url in _pages(role, offered.pk).items():
            _count(client, url)  # warm caches that are filled once per process
            small[(role, page)] = _count(client, url)

    generate(signals=990, seed=12, gemeenten=5)

    differences = {}
    for role, user in users.items():
        client.force_login(user)
        for page, url in _pages(role, offered.pk).items():
            _count(client, url)  # caches keyed by the data (similar signals) refill once
            large = _count(client, url)
            if large != small[(role, page)]:
                differences[(role, page)] = (small[(role, page)], large)
    assert differences == {}, f"(10 signals, 1,000 signals) query counts differ: {differences}"
