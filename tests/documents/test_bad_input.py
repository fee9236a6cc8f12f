"""Bad input: each case gets a clear Dutch error, nothing is stored, no 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signaalloket.core.errors import ValidationFailed
from signaalloket.documents.models import Document, DocumentVersion
from signaalloket.documents.services import document_upload
from signaalloket.documents.validation import sanitise_filename
from tests.builders import build_signal

from .helpers import docx_bytes, stored_files, zip_bomb_docx


def _upload(signal, actor, name, data):
    return document_upload(
        signal=signal,
        actor=actor,
        uploaded_file=SimpleUploadedFile(name, data),
        kind="attachment",
        title="",
        confidentiality="confidential",
    )


def _assert_nothing_stored(settings):
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.pdf", b"", "Het bestand is leeg."),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "uitvoerbaar bestand"),
        ("run.pdf", b"\x7fELF\x02\x01" + b"\x00" * 100, "uitvoerbaar bestand"),
        ("tekst.txt", "café".encode("latin-1") + b"\xff\xfe", "geen geldige UTF-8"),
        ("archief.zip", b"PK\x03\x04" + b"\x00" * 50, "beschadigd"),
        ("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "niet geaccepteerd"),
    ],
)
def test_refused_files(desk_user, settings, name, data, message):
    signal = build_signal(desk=desk_user)
    with pytest.raises(ValidationFailed) as info:
        _upload(signal, desk_user, name, data)
    assert message in info.value.message
    _assert_nothing_stored(settings)


@pytest.mark.django_db
def test_file_over_the_limit(desk_user, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    signal = build_signal(desk=desk_user)
    with pytest.raises(ValidationFailed) as info:
        _upload(signal, desk_user, "groot.txt", b"a" * 1001)
    assert "te groot" in info.value.message
    _assert_nothing_stored(settings)
    assert _upload(signal, desk_user, "klein.txt", b"a" * 1000).versions.get().size == 1000


@pytest.mark.django_db
def test_docx_zip_bomb(desk_user, settings):
    settings.DOCUMENT_ZIP_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
    signal = build_signal(desk=desk_user)
    with pytest.raises(ValidationFailed) as info:
        _upload(signal, desk_user, "bom.docx", zip_bomb_docx(size=60 * 1024 * 1024))
    assert "zip-bom" in info.value.message
    _assert_nothing_stored(settings)


@pytest.mark.django_db
def test_docx_high_ratio_member_is_refused(desk_user, settings):
    signal = build_signal(desk=desk_user)
    with pytest.raises(ValidationFailed):
        _upload(signal, desk_user, "bom.docx", zip_bomb_docx(size=20 * 1024 * 1024))
    _assert_nothing_stored(settings)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd.txt"),
        ("..\\..\\windows\\system.ini", "system.txt"),
        ("rap\x00port\x1b[31m\n.txt", "rapport[31m.txt"),
        ("....", "document.txt"),
        ("a" * 400 + ".txt", "a" * 146 + ".txt"),
        ("<script>.txt", "_script_.txt"),
    ],
)
def test_filename_sanitised(raw, expected):
    assert sanitise_filename(raw, extension="txt") == expected


@pytest.mark.django_db
def test_upload_with_path_and_control_chars_in_name(desk_user, settings):
    signal = build_signal(desk=desk_user)
    document = _upload(signal, desk_user, "../../etc/passwd", b"root:x:0:0")
    version = document.versions.get()
    assert version.filename == "passwd.txt"
    assert "etc" not in version.file.name
    files = stored_files(settings)
    assert len(files) == 1
    assert settings.MEDIA_ROOT in files[0].parents
    document = _upload(signal, desk_user, "ver\x07slag\u202e.txt", b"tekst")
    assert document.versions.get().filename == "verslag.txt"


@pytest.mark.django_db
def test_bad_uploads_through_the_page_give_dutch_errors(client, desk_user, settings):
    signal = build_signal(desk=desk_user)
    client.force_login(desk_user)
    url = reverse("documents:signal_documents", args=[signal.pk])
    for name, data, message in [
        ("leeg.pdf", b"", "Het bestand is leeg."),
        ("virus.pdf", b"MZ" + b"\x00" * 100, "uitvoerbaar bestand"),
        ("tekst.txt", b"\xff\xfe\xfa", "UTF-8"),
    ]:
        response = client.post(
            url,
            {
                "file": SimpleUploadedFile(name, data),
                "kind": "attachment",
                "confidentiality": "confidential",
            },
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    _assert_nothing_stored(settings)


@pytest.mark.django_db
def test_accepted_types_detected_from_bytes(desk_user):
    signal = build_signal(desk=desk_user)
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Omzet"
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 20
    eml = b"From: a@example.nl\r\nTo: b@example.nl\r\nSubject: Test\r\n\r\nBody"
    msg = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 100
        + "__substg1.0_0037001F".encode("utf-16-le")
    )
    odt = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            "<office:document-content><text:p>Hallo ODT</text:p></office:document-content>",
        )
    cases = {
        "xlsx": (xlsx.getvalue(), "spreadsheetml"),
        "png": (png, "image/png"),
        "jpg": (jpeg, "image/jpeg"),
        "eml": (eml, "message/rfc822"),
        "msg": (msg, "application/vnd.ms-outlook"),
        "odt": (odt.getvalue(), "opendocument.text"),
        "docx": (docx_bytes(), "wordprocessingml"),
    }
    for ext, (data, content_type) in cases.items():
        document = _upload(signal, desk_user, "bestand.bin", data)
        version = document.versions.get()
        assert content_type in version.content_type, ext
        assert version.filename == f"bestand.{ext}"
    odt_version = DocumentVersion.objects.get(filename="bestand.odt")
    assert "Hallo ODT" in odt_version.extracted_text
    assert "Omzet" in DocumentVersion.objects.get(filename="bestand.xlsx").extracted_text


@pytest.mark.django_db
def test_failure_after_writing_the_file_leaves_nothing(desk_user, settings, monkeypatch):
    signal = build_signal(desk=desk_user)
    from signaalloket.documents import services

    def broken(**kwargs):
        raise RuntimeError("database trouble")

    monkeypatch.setattr(services, "audit_event_record", broken)
    with pytest.raises(RuntimeError):
        _upload(signal, desk_user, "stuk.txt", b"inhoud")
    _assert_nothing_stored(settings)


@pytest.mark.django_db
def test_bad_new_version_keeps_document_unchanged(desk_user, settings):
    from signaalloket.documents.services import document_add_version

    signal = build_signal(desk=desk_user)
    document = _upload(signal, desk_user, "stuk.txt", b"inhoud")
    with pytest.raises(ValidationFailed):
        document_add_version(
            document=document,
            actor=desk_user,
            uploaded_file=SimpleUploadedFile("v2.pdf", b"MZ\x00\x00"),
            expected_version=document.version,
        )
    document.refresh_from_db()
    assert document.version == 1
    assert document.versions.count() == 1
    assert len(stored_files(settings)) == 1
