import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signaalloket.audit.models import AccessLogEntry, AuditEvent
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.documents.models import Document, DocumentVersion
from signaalloket.documents.services import (
    document_add_version,
    document_retract,
    document_upload,
)
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OrganisationFactory, make_user, ministry_organisation

from .helpers import docx_bytes, pdf_file, stored_files


def _upload(signal, actor, uploaded, kind="attachment", **kw):
    return document_upload(
        signal=signal,
        actor=actor,
        uploaded_file=uploaded,
        kind=kind,
        title=kw.pop("title", "Bijlage"),
        confidentiality=kw.pop("confidentiality", "confidential"),
        **kw,
    )


@pytest.mark.django_db
def test_upload_stores_hash_type_and_text(desk_user, settings):
    signal = build_signal(desk=desk_user)
    data = docx_bytes("Constructie met stromannen")
    document = _upload(signal, desk_user, SimpleUploadedFile("notitie.pdf", data))
    version = document.versions.get()
    # the bytes decide: a DOCX named .pdf is a DOCX and gets the right extension
    assert version.content_type.endswith("wordprocessingml.document")
    assert version.filename == "notitie.docx"
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.size == len(data)
    assert "stromannen" in version.extracted_text
    assert "notitie" not in version.file.name  # non-guessable storage path
    assert version.file.name.startswith("documents/")
    assert len(stored_files(settings)) == 1
    assert AuditEvent.objects.filter(event_type="document.uploaded", signal=signal).exists()


@pytest.mark.django_db
def test_pdf_text_is_extracted(desk_user):
    signal = build_signal(desk=desk_user)
    document = _upload(signal, desk_user, pdf_file())
    assert document.versions.get().content_type == "application/pdf"


@pytest.mark.django_db
def test_new_version_keeps_old_and_retraction_keeps_bytes(desk_user, settings):
    signal = build_signal(desk=desk_user)
    document = _upload(signal, desk_user, pdf_file())
    version = document_add_version(
        document=document,
        actor=desk_user,
        uploaded_file=SimpleUploadedFile("v2.txt", b"Tweede versie"),
        expected_version=document.version,
    )
    assert version.number == 2
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    with pytest.raises(Conflict):
        document_retract(document=document, actor=desk_user, reason="fout", expected_version=1)
    with pytest.raises(ValidationFailed):
        document_retract(document=document, actor=desk_user, reason="  ")
    document = document_retract(document=document, actor=desk_user, reason="Verkeerd bestand")
    assert document.retracted_at is not None
    assert DocumentVersion.objects.filter(document=document).count() == 2
    assert len(stored_files(settings)) == 2


@pytest.mark.django_db
def test_visibility_per_role(desk_user):
    lead = OrganisationFactory()
    signal = build_signal(desk=desk_user, state=State.FACT_CHECK, lead=lead)
    office = signal.addressees.get().office
    official = make_user("official", organisation=ministry_organisation(office.ministry))
    submitter = make_user("submitter", organisation=lead)
    outsider = make_user("submitter")
    attachment = _upload(signal, desk_user, pdf_file())
    letter = _upload(signal, desk_user, pdf_file(), kind="approval_letter")
    retracted = _upload(signal, desk_user, pdf_file())
    document_retract(document=retracted, actor=desk_user, reason="dubbel")
    assert set(Document.objects.visible_to(desk_user)) == {attachment, letter, retracted}
    assert set(Document.objects.visible_to(submitter)) == {attachment, letter}
    assert set(Document.objects.visible_to(official)) == {attachment}
    assert not Document.objects.visible_to(outsider).exists()
    assert set(DocumentVersion.objects.visible_to(official)) == {attachment.versions.get()}


@pytest.mark.django_db
def test_permissions_on_upload(desk_user):
    signal = build_signal(desk=desk_user)
    outsider = make_user("submitter")
    with pytest.raises(NotAllowed):
        _upload(signal, outsider, pdf_file())
    submitter = make_user("submitter", organisation=signal.submitters.get().organisation)
    with pytest.raises(NotAllowed):
        _upload(signal, submitter, pdf_file(), kind="response")
    assert _upload(signal, submitter, pdf_file()).created_by == submitter


@pytest.mark.django_db
def test_download_is_attachment_nosniff_and_logged(client, desk_user):
    signal = build_signal(desk=desk_user)
    payload = b"<script>alert(1)</script>"
    document = _upload(signal, desk_user, SimpleUploadedFile("x.html", payload))
    client.force_login(desk_user)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="x.txt"' in response["Content-Disposition"]
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == payload
    assert AccessLogEntry.objects.filter(signal=signal, action="download").count() == 1


@pytest.mark.django_db
def test_download_not_visible_is_404(client, desk_user):
    signal = build_signal(desk=desk_user)
    document = _upload(signal, desk_user, pdf_file())
    client.force_login(make_user("submitter"))
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:document_detail", args=[document.pk])).status_code == 404
    assert not AccessLogEntry.objects.filter(action="download").exists()


@pytest.mark.django_db
def test_upload_page_and_detail_page(client, desk_user):
    signal = build_signal(desk=desk_user)
    client.force_login(desk_user)
    url = reverse("documents:signal_documents", args=[signal.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "file": pdf_file("verslag.pdf"),
            "title": "<b>Verslag</b>",
            "kind": "minutes",
            "confidentiality": "confidential",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.title == "<b>Verslag</b>"
    page = client.get(reverse("documents:document_detail", args=[document.pk]))
    assert b"&lt;b&gt;Verslag&lt;/b&gt;" in page.content
    assert b"<b>Verslag</b>" not in page.content


@pytest.mark.django_db
def test_response_guard_uses_documents(desk_user):
    from signaalloket.core import procedure_hooks

    response_document_exists = procedure_hooks.guard("response_document_exists")
    signal = build_signal(desk=desk_user, state=State.OFFERED)
    assert response_document_exists(signal) is False
    response = _upload(signal, desk_user, pdf_file(), kind="response")
    assert response_document_exists(signal) is True
    document_retract(document=response, actor=desk_user, reason="verkeerde versie")
    assert response_document_exists(signal) is False


@pytest.mark.django_db
def test_builder_registers_response_through_documents(desk_user):
    signal = build_signal(desk=desk_user, state=State.RESPONSE_RECEIVED)
    assert Document.objects.filter(signal=signal, kind="response").count() == 1


def _page_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_documents_page_and_panel_fixed_query_count(client, desk_user):
    small = build_signal(desk=desk_user)
    large = build_signal(desk=desk_user)
    for _ in range(2):
        _upload(small, desk_user, pdf_file())
    for _ in range(12):
        document = _upload(large, desk_user, pdf_file())
    document_add_version(document=document, actor=desk_user, uploaded_file=pdf_file())
    client.force_login(desk_user)
    for name in ("documents:signal_documents", "web:signal_detail"):
        _page_queries(client, reverse(name, args=[small.pk]))  # fills per-process caches
        assert _page_queries(client, reverse(name, args=[small.pk])) == _page_queries(
            client, reverse(name, args=[large.pk])
        )


@pytest.mark.django_db
def test_version_and_retract_pages(client, desk_user):
    signal = build_signal(desk=desk_user)
    submitter = make_user("submitter", organisation=signal.submitters.get().organisation)
    other = make_user("submitter", organisation=signal.submitters.get().organisation)
    document = _upload(signal, submitter, pdf_file())
    client.force_login(other)
    response = client.post(
        reverse("documents:retract", args=[document.pk]),
        {"reason": "weg", "expected_version": "1"},
    )
    assert response.status_code == 403
    client.force_login(submitter)
    response = client.post(
        reverse("documents:version_add", args=[document.pk]),
        {"file": SimpleUploadedFile("v2.txt", b"nieuw"), "expected_version": "1"},
    )
    assert response.status_code == 302
    assert document.versions.count() == 2
    response = client.get(reverse("documents:download_version", args=[document.pk, 1]))
    assert response["Content-Type"] == "application/pdf"
    response = client.post(
        reverse("documents:retract", args=[document.pk]),
        {"reason": "Verkeerde bijlage", "expected_version": "2"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.retraction_reason == "Verkeerde bijlage"
    # retracted: gone for the submitter, still there (marked) for the desk
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    client.force_login(desk_user)
    page = client.get(reverse("documents:signal_documents", args=[signal.pk])).content.decode()
    assert "ingetrokken" in page
