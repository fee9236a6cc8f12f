import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from signaalloket.audit.models import AccessLogEntry
from tests.builders import build_signal
from tests.factories import OfficeFactory, OrganisationFactory, make_user


@pytest.mark.django_db
def test_annual_report_pdf_text(client, desk_manager):
    office = OfficeFactory(title="Minister van Justitie en Veiligheid", holder_name="")
    lead = OrganisationFactory(name="RIEC Den Haag Test")
    build_signal(
        desk=desk_manager,
        state="offered",
        lead=lead,
        offices=[office],
        title="Misbruik van subsidies verstrekt door RVO",
    )
    build_signal(desk=desk_manager, state="drafting", title="Uitbuiting van arbeidsmigranten")
    client.force_login(desk_manager)
    year = desk_manager.guided_signals.first().year
    response = client.get(reverse("reports:annual_report", args=[year]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert f"In {year} heeft het loket 2 bestuurlijke signalen begeleid, waaronder" in text
    assert "Misbruik van subsidies verstrekt door RVO" in text
    assert "RIEC Den Haag Test" in text
    assert "Minister van Justitie en Veiligheid" in text
    assert "Aangeboden" in text and "Opstellen" in text
    assert "Signalen per status" in text
    assert AccessLogEntry.objects.filter(
        action="export", object_description=f"Jaarverslag {year}"
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["submitter", "official", "admin"])
def test_annual_report_is_desk_only(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("reports:annual_report", args=[2026])).status_code == 403
    assert client.get(reverse("reports:annual_index")).status_code == 403


@pytest.mark.django_db
def test_annual_report_staff_may_view_html(client, desk_user):
    build_signal(desk=desk_user, title="Signaal A")
    client.force_login(desk_user)
    year = desk_user.guided_signals.first().year
    response = client.get(reverse("reports:annual_report", args=[year]), {"html": "1"})
    assert response.status_code == 200
    assert b"1 bestuurlijk signaal begeleid" in response.content
