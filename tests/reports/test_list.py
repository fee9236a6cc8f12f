import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.lists.models import SavedFilter
from signaalloket.lists.services import saved_filter_create
from signaalloket.organisations.models import PartnerKind
from signaalloket.signals.models import Signal, Theme
from tests.factories import OfficeFactory, OrganisationFactory, make_user

from .conftest import bulk_deadlines, bulk_signals

URL = reverse("web:signal_list")


def refs(response) -> set[str]:
    return {s.reference for s in response.context["signals"]}


@pytest.fixture
def world(db, desk_user):
    gemeente = PartnerKind.objects.get(code="gemeente")
    riec = PartnerKind.objects.get(code="riec")
    org_a = OrganisationFactory(name="Gemeente Alfa", partner_kind=gemeente)
    org_b = OrganisationFactory(name="RIEC Beta", kind="riec", partner_kind=riec)
    office_a = OfficeFactory()
    office_b = OfficeFactory()
    a = bulk_signals(1, year=2024, lead=org_a, office=office_a, title="Alfa", start=1)[0]
    b = bulk_signals(
        1,
        year=2025,
        lead=org_b,
        office=office_b,
        title="Beta",
        start=1,
        state="offered",
        confidentiality="strictly_confidential",
    )[0]
    c = bulk_signals(1, year=2025, lead=org_a, office=office_b, title="Gamma", start=2)[0]
    theme = Theme.objects.create(name="Vastgoed")
    c.themes.add(theme)
    bulk_deadlines([b], due=dt.date(2020, 1, 1))  # overdue
    bulk_deadlines([c], due=dt.date(2099, 1, 1), kind="effect_inquiry")  # not overdue
    return {
        "a": a,
        "b": b,
        "c": c,
        "org_a": org_a,
        "org_b": org_b,
        "office_a": office_a,
        "office_b": office_b,
        "theme": theme,
        "gemeente": gemeente,
        "riec": riec,
    }


@pytest.mark.django_db
def test_every_filter(client, desk_user, world):
    client.force_login(desk_user)
    a, b, c = world["a"].reference, world["b"].reference, world["c"].reference
    cases = [
        ({}, {a, b, c}),
        ({"state": "offered"}, {b}),
        ({"state": ["offered", "intake"]}, {a, b, c}),
        ({"year": "2024"}, {a}),
        ({"ministry": world["office_b"].ministry_id}, {b, c}),
        ({"office": world["office_a"].pk}, {a}),
        ({"organisation": world["org_a"].pk}, {a, c}),
        ({"org_kind": "riec"}, {b}),
        ({"org_kind": "gemeente"}, {a, c}),
        ({"theme": world["theme"].pk}, {c}),
        ({"overdue": "1"}, {b}),
        ({"overdue": "0"}, {a, c}),
        ({"confidentiality": "strictly_confidential"}, {b}),
        ({"q": "gamm"}, {c}),
        ({"q": "BS-2024"}, {a}),
        ({"year": "2025", "organisation": world["org_a"].pk}, {c}),
    ]
    for params, expected in cases:
        response = client.get(URL, params)
        assert response.status_code == 200
        assert refs(response) == expected, params


@pytest.mark.django_db
def test_sorting(client, desk_user, world):
    client.force_login(desk_user)
    order = lambda r: [s.title for s in r.context["signals"]]  # noqa: E731
    assert order(client.get(URL, {"sort": "title"})) == ["Alfa 1", "Beta 1", "Gamma 2"]
    assert order(client.get(URL, {"sort": "reference"})) == ["Gamma 2", "Beta 1", "Alfa 1"]
    assert order(client.get(URL, {"sort": "reference_asc"})) == ["Alfa 1", "Beta 1", "Gamma 2"]
    # deadline: earliest open deadline first, signals without one last
    assert order(client.get(URL, {"sort": "deadline"})) == ["Beta 1", "Gamma 2", "Alfa 1"]


@pytest.mark.django_db
def test_invalid_filters_are_ignored_with_a_message(client, desk_user, world):
    client.force_login(desk_user)
    response = client.get(
        URL,
        {
            "year": "abc",
            "ministry": "999999",
            "state": "bogus",
            "overdue": "x",
            "page": "zz",
            "sort": "nonsense",
            "org_kind": "<script>",
            "theme": "1;drop",
        },
    )
    assert response.status_code == 200
    assert len(refs(response)) == 3
    problems = response.context["problems"]
    assert len(problems) == 7
    assert "Jaar" in " ".join(problems)
    assert b"genegeerd" in response.content
    assert b"<script>" not in response.content


@pytest.mark.django_db
def test_pagination_keeps_filters(client, desk_user):
    bulk_signals(30, year=2023, title="Veel")
    client.force_login(desk_user)
    response = client.get(URL, {"year": "2023"})
    assert len(response.context["signals"]) == 25
    assert b"year=2023&amp;page=2" in response.content
    response = client.get(URL, {"year": "2023", "page": "2"})
    assert len(response.context["signals"]) == 5


@pytest.mark.django_db
def test_htmx_returns_only_the_table_partial(client, desk_user, world):
    client.force_login(desk_user)
    full = client.get(URL, {"state": "offered"})
    assert b'hx-get="/signalen/"' in full.content and b'hx-push-url="true"' in full.content
    assert b"<html" in full.content
    partial = client.get(URL, {"state": "offered"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content
    assert b'id="signal-results"' in partial.content
    assert world["b"].reference.encode() in partial.content
    assert world["a"].reference.encode() not in partial.content
    # history restore needs the whole page
    restore = client.get(
        URL, {"state": "offered"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert b"<html" in restore.content


@pytest.mark.django_db
def test_list_respects_visibility(client, world):
    submitter = make_user("submitter", organisation=world["org_b"])
    client.force_login(submitter)
    assert refs(client.get(URL)) == {world["b"].reference}
    # a filter cannot widen what one sees
    assert refs(client.get(URL, {"organisation": world["org_a"].pk})) == set()


@pytest.mark.django_db
def test_saved_filters(client, desk_user, world):
    client.force_login(desk_user)
    response = client.post(
        reverse("lists:saved_filter_create"), {"name": "Mijn 2025", "query": "year=2025"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?year=2025")
    saved = SavedFilter.objects.get(user=desk_user)
    assert saved.query_string == "year=2025"
    page = client.get(URL)
    assert b"Mijn 2025" in page.content and b"?year=2025" in page.content
    # duplicate name: a message, nothing new
    client.post(reverse("lists:saved_filter_create"), {"name": "Mijn 2025", "query": "x=1"})
    assert SavedFilter.objects.filter(user=desk_user).count() == 1
    # someone else cannot delete it
    other = make_user("desk_staff")
    client.force_login(other)
    assert client.post(reverse("lists:saved_filter_delete", args=[saved.pk])).status_code == 404
    client.force_login(desk_user)
    client.post(reverse("lists:saved_filter_delete", args=[saved.pk]))
    assert not SavedFilter.objects.exists()


@pytest.mark.django_db
def test_saved_filter_service_validates(desk_user):
    from signaalloket.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        saved_filter_create(user=desk_user, name="  ", query_string="a=1")
    saved = saved_filter_create(user=desk_user, name="X", query_string="?state=offered")
    assert saved.query_string == "state=offered"


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_list_query_count_is_fixed(client, desk_user):
    client.force_login(desk_user)
    office = OfficeFactory()
    bulk_signals(10, year=2020, office=office)
    params = {"sort": "deadline", "overdue": "0", "ministry": office.ministry_id}
    small = _count(client, URL, params)
    bulk_signals(490, year=2021, office=office)
    assert Signal.objects.count() == 500
    assert _count(client, URL, params) == small
