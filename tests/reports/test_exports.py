import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from signaalloket.audit.models import AccessLogEntry
from signaalloket.signals.models import Signal
from tests.factories import OfficeFactory, OrganisationFactory, make_user

from .conftest import bulk_signals


@pytest.fixture
def data(db, desk_user):
    org = OrganisationFactory(name="Gemeente Export")
    office = OfficeFactory()
    bulk_signals(
        1,
        year=2024,
        lead=org,
        office=office,
        title="=Oud",
        state="closed",
        offered_on=dt.date(2024, 3, 5),
        case_handler=desk_user,
    )
    bulk_signals(1, year=2025, lead=org, office=office, title="Nieuw", start=2)
    return {"org": org, "office": office}


@pytest.mark.django_db
def test_csv_export_of_filtered_list(client, desk_user, data):
    client.force_login(desk_user)
    response = client.get(reverse("reports:export_csv"), {"year": "2024"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Kenmerk", "Jaar", "Titel", "Status"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Kenmerk"] == "BS-2024-0001"
    assert row["Titel"] == "'=Oud 1"  # no formula injection
    assert row["Status"] == "Afgesloten"
    assert row["Indieners"] == "Gemeente Export"
    assert row["Aangeboden op"] == "05-03-2024"
    assert row["Behandelaar"] == desk_user.full_name
    entry = AccessLogEntry.objects.get(action="export")
    assert entry.user == desk_user and "CSV (1 signalen)" in entry.object_description


@pytest.mark.django_db
def test_xlsx_export_has_real_dates(client, desk_user, data):
    client.force_login(desk_user)
    response = client.get(reverse("reports:export_xlsx"), {"sort": "reference_asc"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Kenmerk" and "Aangeboden op" in rows[0]
    assert [r[0] for r in rows[1:]] == ["BS-2024-0001", "BS-2025-0002"]
    offered = rows[1][rows[0].index("Aangeboden op")]
    assert isinstance(offered, dt.datetime) and offered.date() == dt.date(2024, 3, 5)
    assert rows[1][1] == 2024
    assert AccessLogEntry.objects.filter(action="export", user=desk_user).count() == 1


@pytest.mark.django_db
def test_export_contains_only_visible_signals(client, data):
    other = bulk_signals(1, year=2025, title="Geheim", start=3)[0]
    submitter = make_user("submitter", organisation=data["org"])
    client.force_login(submitter)
    text = client.get(reverse("reports:export_csv")).content.decode("utf-8-sig")
    assert "Nieuw 2" in text and other.title not in text
    assert Signal.objects.count() == 3
