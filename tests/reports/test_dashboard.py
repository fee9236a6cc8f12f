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


def titles(view):
    return {getattr(i, "title", None) or i.signal.title for i in view.rows}


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
def test_a_section_shows_the_first_rows_its_total_and_a_link_to_all(client, desk_user):
    from signaalloket.reports.dashboard import LIMIT

    signals = sorted(bulk_signals(LIMIT + 3, title="Wacht", state="intake"), key=lambda s: s.number)
    bulk_signals(1, title="Klaar", state="closed", start=LIMIT + 4)
    client.force_login(desk_user)
    response = client.get(URL)
    view = response.context["board"].sections["awaiting_desk"]
    assert [s.pk for s in view.rows] == [s.pk for s in signals[:LIMIT]]  # oldest first
    assert view.total == LIMIT + 3 and view.more
    page = response.content.decode()
    assert f"Wacht op het loket ({LIMIT + 3})" in page
    link = reverse("reports:dashboard_section", args=["awaiting_desk"])
    assert f'href="{link}"' in page and f"Alle {LIMIT + 3} tonen" in page
    # a section that fits shows no link
    assert not response.context["board"].sections["guided"].more
    assert reverse("reports:dashboard_section", args=["guided"]) not in page


@pytest.mark.django_db
def test_section_page_lists_every_row_paginated(client, desk_user):
    from signaalloket.reports.filters import PAGE_SIZE

    signals = bulk_signals(PAGE_SIZE + 2, title="Wacht", state="fact_check")
    signals.sort(key=lambda s: s.number)  # the section lists the oldest first
    url = reverse("reports:dashboard_section", args=["awaiting_desk"])
    client.force_login(desk_user)
    first = client.get(url)
    assert first.status_code == 200
    assert [s.pk for s in first.context["rows"]] == [s.pk for s in signals[:PAGE_SIZE]]
    assert f"{PAGE_SIZE + 2} in totaal" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert [s.pk for s in second.context["rows"]] == [s.pk for s in signals[PAGE_SIZE:]]
    assert client.get(url, {"page": "x"}).status_code == 200  # a bad page number: page 1


@pytest.mark.django_db
def test_section_page_is_for_the_role_it_belongs_to(client):
    org = OrganisationFactory()
    submitter = make_user("submitter", organisation=org)
    bulk_signals(1, lead=org, title="Eigen", state="drafting")
    bulk_signals(1, title="Ander", state="drafting", start=2)
    client.force_login(submitter)
    own = client.get(reverse("reports:dashboard_section", args=["my_organisation"]))
    assert own.status_code == 200
    assert "Eigen 1" in own.content.decode() and "Ander 2" not in own.content.decode()
    desk_only = client.get(reverse("reports:dashboard_section", args=["overdue"]))
    assert desk_only.status_code == 403
    assert "hoort niet bij uw rol" in desk_only.content.decode()
    assert client.get("/overzicht/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_section_page_query_count_is_fixed(client, desk_user):
    url = reverse("reports:dashboard_section", args=["awaiting_desk"])
    client.force_login(desk_user)
    bulk_signals(3, state="intake")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    bulk_signals(60, state="intake", start=4)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


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
