import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.core.dates import today
from signaalloket.signals.models import Addressee, Signal
from tests.factories import OfficeFactory, OrganisationFactory, make_user, ministry_organisation

from .conftest import bulk_deadlines, bulk_signals

URL = reverse("web:home")


def titles(items):
    return {getattr(i, "title", None) or i.signal.title for i in items}


@pytest.mark.django_db
def test_desk_dashboard(client, desk_user):
    other = make_user("desk_staff")
    mine = bulk_signals(1, title="Mijn", case_handler=desk_user, state="drafting")
    bulk_signals(1, title="Niet mijn", case_handler=other, state="intake", start=2)
    bulk_signals(1, title="Gesloten", case_handler=desk_user, state="closed", start=3)
    late = bulk_signals(1, title="Te laat", state="offered", start=4)
    soon = bulk_signals(1, title="Binnenkort", state="offered", start=5)
    far = bulk_signals(1, title="Ver weg", state="offered", start=6)
    bulk_deadlines(late, due=today() - dt.timedelta(days=1))
    bulk_deadlines(soon, due=today() + dt.timedelta(days=27))
    bulk_deadlines(far, due=today() + dt.timedelta(days=40))
    client.force_login(desk_user)
    response = client.get(URL)
    sections = response.context["board"].sections
    assert titles(sections["guided"]) == {mine[0].title}
    assert titles(sections["awaiting_desk"]) == {"Niet mijn 2"}
    assert titles(sections["overdue"]) == {"Te laat 4"}
    assert titles(sections["upcoming"]) == {"Binnenkort 5"}
    assert "asked_of_me" not in sections


@pytest.mark.django_db
def test_submitter_dashboard(client):
    org = OrganisationFactory()
    rep = make_user("strategic_rep", organisation=org)
    drafting = bulk_signals(1, lead=org, title="Schrijven", state="drafting")
    decision = bulk_signals(1, lead=org, title="Instemmen", state="decision", start=2)
    bulk_signals(1, lead=org, title="Aangeboden", state="offered", start=3)
    bulk_signals(1, title="Ander", state="drafting", start=4)  # other organisation
    client.force_login(rep)
    sections = client.get(URL).context["board"].sections
    assert titles(sections["asked_of_me"]) == {drafting[0].title, decision[0].title}
    assert titles(sections["my_organisation"]) == {"Schrijven 1", "Instemmen 2", "Aangeboden 3"}
    # once approved, the decision no longer asks anything of this representative
    decision[0].submitters.update(approved_at="2025-01-01T00:00:00Z")
    sections = client.get(URL).context["board"].sections
    assert titles(sections["asked_of_me"]) == {drafting[0].title}
    assert "overdue" not in sections


@pytest.mark.django_db
def test_official_dashboard(client):
    office = OfficeFactory()
    official = make_user("official", organisation=ministry_organisation(office.ministry))
    waiting = bulk_signals(1, office=office, title="Wacht", state="offered", fact_check=True)
    done = bulk_signals(1, office=office, title="Klaar", state="offered", fact_check=True, start=2)
    Addressee.objects.filter(signal=done[0]).update(contribution_status="contributed")
    bulk_signals(1, office=office, title="Te vroeg", state="drafting", start=3)
    bulk_signals(1, title="Ander ministerie", state="offered", fact_check=True, start=4)
    bulk_deadlines(waiting + done, due=today() + dt.timedelta(days=10))
    client.force_login(official)
    response = client.get(URL)
    sections = response.context["board"].sections
    assert titles(sections["awaiting_ministry"]) == {"Wacht 1"}
    assert titles(sections["ministry_deadlines"]) == {"Wacht 1", "Klaar 2"}
    assert b"Niet gestart" in response.content


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_dashboard_query_count_is_fixed(client, desk_user):
    office = OfficeFactory()
    org = OrganisationFactory()
    user = make_user("desk_staff")
    from tests.factories import add_membership

    add_membership(user, "strategic_rep", org)
    add_membership(user, "official", ministry_organisation(office.ministry))
    client.force_login(user)

    def make(n, start):
        signals = bulk_signals(
            n,
            office=office,
            lead=org,
            state="offered",
            fact_check=True,
            start=start,
            case_handler=user,
        )
        bulk_deadlines(signals, due=today() + dt.timedelta(days=3))

    make(10, 1)
    small = _count(client)
    make(490, 11)
    assert Signal.objects.count() == 500
    assert _count(client) == small
