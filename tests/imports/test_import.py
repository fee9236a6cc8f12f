import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import NotAllowed, ValidationFailed
from signaalloket.imports.models import ImportJob
from signaalloket.imports.services import import_job_create, import_job_process_next
from signaalloket.organisations.models import Organisation
from signaalloket.signals.models import Signal, StateChange, Theme
from signaalloket.web.timeline import timeline_for

HEADER = "jaar;titel;samenvatting;indieners;ministeries;status;aangeboden op;reactie ontvangen op;thema's"


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def riec(db):
    return Organisation.objects.get(name="RIEC Den Haag")


@pytest.mark.django_db
def test_dry_run_reports_valid_and_rejected_rows_and_creates_nothing(desk_manager, riec):
    Theme.objects.create(name="Subsidies")
    content = csv_bytes(
        "2021;Misbruik van subsidies verstrekt door RVO;Samenvatting;RIEC Den Haag;JenV;Reactie aangeboden;01-03-2021;15-05-2021;Subsidies",
        "2022;Zonder indiener;;;JenV;Afgesloten;;;",
        "twintig;Fout jaar;;RIEC Den Haag;;Verkenning;;;",
        "2022;Onbekende partij;;Gemeente Nergensland;XYZ;Onbekend;31-02-2022;;Geen thema",
        "2021;Misbruik van subsidies verstrekt door RVO;Dubbel;RIEC Den Haag;JenV;Afgesloten;;;",
        ";;;;;;;;",
        "2020;Verkenning zonder ministerie;;RIEC Den Haag;;Verkenning;;;",
    )
    before = Signal.objects.count()
    job = import_job_create(actor=desk_manager, filename="historie.csv", content=content)
    assert Signal.objects.count() == before
    assert [item["row"] for item in job.rows] == [2, 8]
    rejected = {item["row"]: " ".join(item["errors"]) for item in job.rejected}
    assert set(rejected) == {3, 4, 5, 6}
    assert "Geen indiener" in rejected[3]
    assert "geen geldig jaar" in rejected[4]
    for expected in ("Gemeente Nergensland", "XYZ", "Onbekende status", "ongeldig", "Geen thema"):
        assert expected in rejected[5]
    assert "al eerder in het bestand" in rejected[6]


@pytest.mark.django_db
def test_processing_creates_signals_through_services_with_timeline(desk_manager, riec):
    content = csv_bytes(
        "2021;Misbruik van subsidies verstrekt door RVO;Tekst;RIEC Den Haag;JenV;Reactie aangeboden;01-03-2021;15-05-2021;",
        "2019;Oud signaal;;RIEC Den Haag;;Niet doorgezet;;;",
    )
    job = import_job_create(actor=desk_manager, filename="historie.csv", content=content)
    job = import_job_process_next(job=job, actor=desk_manager, chunk_size=1)
    assert job.status == "running" and job.processed == 1
    job = import_job_process_next(job=job, actor=desk_manager, chunk_size=1)
    assert job.status == "done" and len(job.created_signal_ids) == 2 and not job.failed
    signal = Signal.objects.get(title="Misbruik van subsidies verstrekt door RVO")
    assert signal.year == 2021 and signal.reference.startswith("BS-2021-")
    assert signal.state == "response_delivered"
    assert (
        str(signal.offered_on) == "2021-03-01" and str(signal.response_received_on) == "2021-05-15"
    )
    assert signal.addressees.get().office.ministry.code == "JenV"
    assert signal.fact_check_started_at is not None
    assert StateChange.objects.filter(signal=signal, to_state="response_delivered").exists()
    event = AuditEvent.objects.get(signal=signal, event_type="signal.imported")
    assert event.data["source"] == "historie.csv, rij 2"
    texts = [e.text for e in timeline_for(signal=signal, user=desk_manager)]
    assert "Historisch signaal geïmporteerd" in texts
    # processing again does nothing twice
    import_job_process_next(job=job, actor=desk_manager)
    assert Signal.objects.filter(title="Oud signaal").count() == 1


@pytest.mark.django_db
def test_xlsx_import_with_real_dates(desk_manager, riec):
    import datetime as dt

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Jaar", "Titel", "Indieners", "Ministeries", "Status", "Aangeboden op"])
    sheet.append(
        [2023, "Signaal uit Excel", "RIEC Den Haag", "SZW", "Aangeboden", dt.datetime(2023, 6, 1)]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = import_job_create(actor=desk_manager, filename="oud.xlsx", content=buffer.getvalue())
    assert job.rejected == [] and job.rows[0]["data"]["offered_on"] == "2023-06-01"


@pytest.mark.django_db
def test_bad_files_are_refused_with_a_message(desk_manager):
    with pytest.raises(ValidationFailed, match="Verplichte kolommen"):
        import_job_create(actor=desk_manager, filename="x.csv", content=b"titel\nA\n")
    with pytest.raises(ValidationFailed, match="CSV- of XLSX"):
        import_job_create(actor=desk_manager, filename="x.pdf", content=b"%PDF")
    with pytest.raises(ValidationFailed, match="Excel"):
        import_job_create(actor=desk_manager, filename="x.xlsx", content=b"geen zip")


@pytest.mark.django_db
def test_only_desk_managers_import(client, desk_user):
    with pytest.raises(NotAllowed):
        import_job_create(actor=desk_user, filename="x.csv", content=csv_bytes())
    client.force_login(desk_user)
    assert client.get(reverse("imports:import_upload")).status_code == 403


@pytest.mark.django_db
def test_import_pages_flow(client, desk_manager, riec):
    client.force_login(desk_manager)
    upload = SimpleUploadedFile(
        "historie.csv",
        csv_bytes(
            "2021;Signaal via pagina;;RIEC Den Haag;JenV;Afgesloten;;;",
            "2021;Fout;;Niemand;;;;;",
        ),
    )
    response = client.post(reverse("imports:import_upload"), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{job.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "Proefrun: 1 signaal kan worden aangemaakt." in page
    assert "Onbekende indienende organisatie" in page
    step = reverse("imports:import_job_step", args=[job.pk])
    partial = client.post(step, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"Klaar: 1 signaal aangemaakt." in partial.content
    assert Signal.objects.filter(title="Signaal via pagina", state="closed").exists()
    # a bad upload gives a message, not an error page
    response = client.post(
        reverse("imports:import_upload"), {"file": SimpleUploadedFile("x.txt", b"abc")}
    )
    assert response.status_code == 200 and "CSV- of XLSX" in response.content.decode()


@pytest.mark.django_db
def test_large_file_is_processed_in_chunks_with_progress(client, desk_manager, riec):
    rows = [f"2020;Historisch signaal {i};;RIEC Den Haag;;Niet doorgezet;;;" for i in range(60)]
    job = import_job_create(actor=desk_manager, filename="groot.csv", content=csv_bytes(*rows))
    assert job.total == 60
    client.force_login(desk_manager)
    step = reverse("imports:import_job_step", args=[job.pk])
    first = client.post(step, HTTP_HX_REQUEST="true").content.decode()
    # after one chunk: a progress bar, and htmx asks for the next chunk by itself
    assert '<progress id="import-bar" max="60" value="25">' in first
    assert "25 van 60 rijen verwerkt." in first
    assert 'hx-trigger="load delay:300ms, submit"' in first
    # without JavaScript: a button posts, the page redirects back and shows the same progress
    response = client.post(step)
    assert response.status_code == 302
    assert "50 van 60 rijen verwerkt." in client.get(response["Location"]).content.decode()
    last = client.post(step, HTTP_HX_REQUEST="true").content.decode()
    assert "Klaar: 60 signalen aangemaakt." in last
    assert Signal.objects.filter(title__startswith="Historisch signaal", year=2020).count() == 60
    assert AuditEvent.objects.filter(event_type="signal.imported").count() == 60
