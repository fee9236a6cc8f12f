import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from signaalloket.audit.models import AccessLogEntry
from signaalloket.reports.annual import annual_report_context
from signaalloket.signals.models import Signal
from tests.builders import build_signal
from tests.factories import MinistryFactory, OfficeFactory, OrganisationFactory, make_user


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _links(reader: PdfReader) -> list[str]:
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def _offices():
    justice = MinistryFactory(code="TJV", name="Ministerie van Testjustitie")
    finance = MinistryFactory(code="TFin", name="Ministerie van Testfinanciën")
    return (
        OfficeFactory(ministry=justice, title="Minister van Testjustitie", holder_name=""),
        OfficeFactory(ministry=justice, title="Staatssecretaris van Testjustitie"),
        OfficeFactory(ministry=finance, title="Minister van Testfinanciën"),
    )


@pytest.fixture
def year_signals(desk_manager):
    """Three signals of this year: one offered to two ministries (three offices), one being
    drafted, one at intake (no addressees yet)."""
    minister, state_secretary, finance = _offices()
    lead = OrganisationFactory(name="RIEC Den Haag Test")
    co = OrganisationFactory(name="Gemeente Testdorp Mee")
    return [
        build_signal(
            desk=desk_manager,
            state="offered",
            lead=lead,
            co_submitters=[co],
            offices=[minister, state_secretary, finance],
            title="Misbruik van subsidies verstrekt door RVO",
        ),
        build_signal(
            desk=desk_manager,
            state="drafting",
            lead=co,
            offices=[finance],
            title="Uitbuiting van arbeidsmigranten",
        ),
        build_signal(desk=desk_manager, lead=lead, title="Witwassen via vastgoed"),
    ]


@pytest.mark.django_db
def test_annual_report_lists_every_signal_below_the_limit(client, desk_manager, year_signals):
    client.force_login(desk_manager)
    year = year_signals[0].year
    text = _text(_pdf(client.get(reverse("reports:annual_report", args=[year]))))
    assert f"In {year} heeft het loket 3 bestuurlijke signalen begeleid, waaronder" in text
    assert "Signalen per status" in text and "Reactietermijn per ministerie" in text
    assert f"Bijlage: de signalen van {year}" in text
    for signal in year_signals:
        assert signal.reference in text
        assert signal.title in text
    # submitters (the lead first), ministry codes (once per ministry), status
    assert "RIEC Den Haag Test, Gemeente Testdorp Mee TFin, TJV Aangeboden" in text
    assert "Gemeente Testdorp Mee TFin Opstellen" in text
    assert "RIEC Den Haag Test – Verkenning" in text
    assert "TFin = Ministerie van Testfinanciën; TJV = Ministerie van Testjustitie" in text
    assert "meer dan" not in text and "export" not in text
    assert AccessLogEntry.objects.filter(
        action="export", object_description=f"Jaarverslag {year}"
    ).exists()


@pytest.mark.django_db
def test_annual_report_above_the_limit_points_to_the_export(client, desk_manager, year_signals):
    fourth = build_signal(desk=desk_manager, title="Vierde signaal zonder vermelding")
    client.force_login(desk_manager)
    year = fourth.year
    with override_settings(ANNUAL_REPORT_LIST_LIMIT=2):
        reader = _pdf(client.get(reverse("reports:annual_report", args=[year])))
    text = _text(reader)
    assert f"In {year} heeft het loket 4 bestuurlijke signalen begeleid, waaronder" in text
    assert f"Bijlage: de signalen van {year}" in text
    assert f"tot 2 signalen. In {year} waren het er 4: de lijst staat daarom niet" in text
    assert f"alle 4 signalen van {year}" in text and "als Excel of CSV" in text
    assert "Signalen per status" in text  # the figures stay
    for signal in [*year_signals, fourth]:
        assert signal.reference not in text
    assert fourth.title not in text  # only the three examples of the opening sentence
    assert [re.sub(r"^https?://[^/]+", "", uri) for uri in _links(reader)] == [
        f"{reverse('reports:export_xlsx')}?year={year}",
        f"{reverse('reports:export_csv')}?year={year}",
    ]


@pytest.mark.django_db
def test_annual_report_of_a_year_without_signals(client, desk_user):
    client.force_login(desk_user)
    text = _text(_pdf(client.get(reverse("reports:annual_report", args=[2001]))))
    assert "In 2001 heeft het loket 0 bestuurlijke signalen begeleid." in text
    assert "Geen signalen in dit jaar." in text


@pytest.mark.django_db
def test_export_of_the_year_holds_exactly_the_signals_of_the_report(client, desk_user):
    with time_machine.travel(dt.datetime(2024, 6, 3, 10, tzinfo=dt.UTC), tick=False):
        build_signal(desk=desk_user, title="Vorig jaar")
    with time_machine.travel(dt.datetime(2025, 2, 3, 10, tzinfo=dt.UTC), tick=False):
        build_signal(desk=desk_user, title="Dit jaar A")
        build_signal(desk=desk_user, state="drafting", title="Dit jaar B")
    with time_machine.travel(dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC), tick=False):
        build_signal(desk=desk_user, title="Volgend jaar")
    client.force_login(desk_user)
    listed = [s.reference for s in annual_report_context(user=desk_user, year=2025)["signals"]]
    assert listed == ["BS-2025-001", "BS-2025-002"]
    csv_text = client.get(reverse("reports:export_csv"), {"year": "2025"}).content
    rows = list(csv.DictReader(io.StringIO(csv_text.decode("utf-8-sig")), delimiter=";"))
    assert sorted(row["Kenmerk"] for row in rows) == listed
    assert AccessLogEntry.objects.filter(action="export").count() == 1


@pytest.mark.django_db
@override_settings(ANNUAL_REPORT_LIST_LIMIT=2)
def test_index_offers_the_export_of_each_year(client, desk_user):
    with time_machine.travel(dt.datetime(2024, 6, 3, 10, tzinfo=dt.UTC), tick=False):
        build_signal(desk=desk_user, title="Vorig jaar")
    with time_machine.travel(dt.datetime(2025, 2, 3, 10, tzinfo=dt.UTC), tick=False):
        for title in ("A", "B", "C"):
            build_signal(desk=desk_user, title=title)
    client.force_login(desk_user)
    html = client.get(reverse("reports:annual_index")).content.decode()
    for year in (2024, 2025):
        assert f'href="{reverse("reports:annual_report", args=[year])}"' in html
        assert f'href="{reverse("reports:export_xlsx")}?year={year}"' in html
        assert f'href="{reverse("reports:export_csv")}?year={year}"' in html
        assert f"Signalen {year} (Excel)" in html
    assert html.index("2025") < html.index("2024")  # newest first
    assert html.count("zonder lijst: meer dan 2 signalen") == 1  # only 2025 (3 signals)


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [100, 1])  # with the list, and above the limit
def test_annual_report_queries_do_not_grow_with_the_signals(client, desk_user, limit):
    minister, _state_secretary, finance = _offices()
    build_signal(desk=desk_user, state="drafting", offices=[minister, finance])
    build_signal(desk=desk_user)
    client.force_login(desk_user)
    url = reverse("reports:annual_report", args=[Signal.objects.first().year]) + "?html=1"
    with override_settings(ANNUAL_REPORT_LIST_LIMIT=limit):
        small = _queries(client, url)
        for _ in range(4):
            build_signal(
                desk=desk_user,
                state="drafting",
                co_submitters=[OrganisationFactory()],
                offices=[minister, finance],
            )
        large = _queries(client, url)
    assert len(large) == len(small)
    if limit == 1:  # above the limit no submitter of any signal is read
        assert not any('"organisations_organisation"."name"' in sql for sql in large)


@pytest.mark.django_db
def test_annual_report_queries_same_with_and_without_the_list(client, desk_user, year_signals):
    client.force_login(desk_user)
    url = reverse("reports:annual_report", args=[year_signals[0].year]) + "?html=1"
    listed = _queries(client, url)
    with override_settings(ANNUAL_REPORT_LIST_LIMIT=1):
        above = _queries(client, url)
    assert len(above) == len(listed)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["submitter", "official", "admin"])
def test_annual_report_is_desk_only(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("reports:annual_report", args=[2026])).status_code == 403
    assert (
        client.get(reverse("reports:annual_report", args=[2026]), {"html": "1"}).status_code == 403
    )
    assert client.get(reverse("reports:annual_index")).status_code == 403


@pytest.mark.django_db
def test_annual_report_staff_may_view_html(client, desk_user):
    build_signal(desk=desk_user, title="Signaal A")
    client.force_login(desk_user)
    year = desk_user.guided_signals.first().year
    response = client.get(reverse("reports:annual_report", args=[year]), {"html": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 bestuurlijk signaal begeleid" in html
    assert "Signaal A" in html and f"BS-{year}-001" in html
    # the report's own stylesheet is allowed by the content security policy (nonce)
    nonce = re.search(r'<style nonce="([^"]+)">', html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
