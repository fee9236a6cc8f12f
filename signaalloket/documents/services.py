"""Writing documents. Every write is validated completely before anything is stored, and a
failure after the bytes were written removes them again: nothing is half-stored."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.core.events import publish
from signaalloket.signals.models import Confidentiality, Signal

from . import validation
from .extract import extract_text
from .models import Document, DocumentKind, DocumentVersion
from .permissions import may_change_document, upload_kinds


def _clean_title(title: str, fallback: str) -> str:
    title = "".join(ch for ch in (title or "") if ch.isprintable()).strip() or fallback
    if len(title) > 300:
        raise ValidationFailed(_("De titel is te lang (maximaal 300 tekens)."), field="title")
    return title


def _storage_path() -> str:
    # Non-guessable and free of any user input; the original name lives only in the database.
    token = secrets.token_hex(16)
    return f"documents/{token[:2]}/{token}"


class _Prepared:
    def __init__(self, uploaded_file):
        self.data = validation.read_upload(uploaded_file)
        self.file_type = validation.detect_type(self.data)
        self.filename = validation.sanitise_filename(
            getattr(uploaded_file, "name", "") or "", extension=self.file_type.extension
        )
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        self.text = extract_text(self.data, self.file_type)


def _store_version(*, document: Document, number: int, prepared: _Prepared, actor):
    path = default_storage.save(_storage_path(), ContentFile(prepared.data))

    def _cleanup():
        with contextlib.suppress(OSError):
            default_storage.delete(path)

    try:
        version = DocumentVersion.objects.create(
            document=document,
            number=number,
            file=path,
            filename=prepared.filename,
            content_type=prepared.file_type.content_type,
            size=len(prepared.data),
            sha256=prepared.sha256,
            extracted_text=prepared.text,
            uploaded_by=actor,
        )
    except Exception:
        _cleanup()
        raise
    return version, _cleanup


def document_upload(
    *,
    signal: Signal,
    actor,
    uploaded_file,
    kind: str,
    title: str,
    confidentiality: str,
    document_date: datetime.date | None = None,
) -> Document:
    """Add a document (with its first version) to a signal."""
    if kind not in DocumentKind.values:
        raise ValidationFailed(_("Kies een geldige soort document."), field="kind")
    allowed = upload_kinds(actor, signal)
    if not allowed:
        raise NotAllowed(_("U mag bij dit signaal geen documenten toevoegen."))
    if kind not in allowed:
        raise NotAllowed(_("U mag dit soort document niet toevoegen."))
    if confidentiality not in Confidentiality.values:
        raise ValidationFailed(_("Kies een geldige rubricering."), field="confidentiality")
    prepared = _Prepared(uploaded_file)
    title = _clean_title(title, prepared.filename)
    cleanup = None
    try:
        with transaction.atomic():
            document = Document.objects.create(
                signal=signal,
                kind=kind,
                title=title,
                confidentiality=confidentiality,
                document_date=document_date,
                created_by=actor,
            )
            version, cleanup = _store_version(
                document=document, number=1, prepared=prepared, actor=actor
            )
            audit_event_record(
                event_type="document.uploaded",
                actor=actor,
                signal=signal,
                data={
                    "document": document.pk,
                    "kind": kind,
                    "title": title,
                    "filename": version.filename,
                    "content_type": version.content_type,
                    "size": version.size,
                    "sha256": version.sha256,
                },
            )
            # Synchronous, inside this transaction (e.g. approvals covering the annexes lapse).
            publish("document.changed", document=document, actor=actor, change="uploaded")
    except Exception:
        if cleanup:
            cleanup()
        raise
    return document


def document_add_version(
    *, document: Document, actor, uploaded_file, expected_version: int | None = None
) -> DocumentVersion:
    """Add a new version; earlier versions and their bytes stay."""
    if document.retracted_at is not None:
        raise ValidationFailed(_("Dit document is ingetrokken; voeg een nieuw document toe."))
    if not may_change_document(actor, document):
        raise NotAllowed(_("U mag van dit document geen nieuwe versie toevoegen."))
    prepared = _Prepared(uploaded_file)
    cleanup = None
    try:
        with transaction.atomic():
            filters = {"pk": document.pk, "retracted_at__isnull": True}
            if expected_version is not None:
                filters["version"] = expected_version
            if not Document.objects.filter(**filters).update(version=F("version") + 1):
                raise Conflict(current=document)
            last = (
                DocumentVersion.objects.filter(document=document)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
            ) or 0
            version, cleanup = _store_version(
                document=document, number=last + 1, prepared=prepared, actor=actor
            )
            audit_event_record(
                event_type="document.version_added",
                actor=actor,
                signal=document.signal,
                data={
                    "document": document.pk,
                    "number": version.number,
                    "filename": version.filename,
                    "sha256": version.sha256,
                    "size": version.size,
                },
            )
            publish("document.changed", document=document, actor=actor, change="version_added")
    except Exception:
        if cleanup:
            cleanup()
        raise
    document.refresh_from_db()
    return version


def document_retract(
    *, document: Document, actor, reason: str, expected_version: int | None = None
) -> Document:
    """Retract a document with a reason. Its versions and bytes stay (never hard-deleted)."""
    if not may_change_document(actor, document):
        raise NotAllowed(_("U mag dit document niet intrekken."))
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationFailed(_("Geef een reden voor het intrekken."), field="reason")
    if len(reason) > 5000:
        raise ValidationFailed(_("De reden is te lang (maximaal 5000 tekens)."), field="reason")
    with transaction.atomic():
        filters = {"pk": document.pk, "retracted_at__isnull": True}
        if expected_version is not None:
            filters["version"] = expected_version
        updated = Document.objects.filter(**filters).update(
            retracted_at=timezone.now(),
            retracted_by=actor,
            retraction_reason=reason,
            version=F("version") + 1,
        )
        if not updated:
            raise Conflict(current=document)
        audit_event_record(
            event_type="document.retracted",
            actor=actor,
            signal=document.signal,
            data={"document": document.pk, "reason": reason},
        )
        document.refresh_from_db()
        publish("document.changed", document=document, actor=actor, change="retracted")
    return document


def response_document_exists(signal) -> bool:
    return Document.objects.filter(
        signal=signal, kind=DocumentKind.RESPONSE, retracted_at__isnull=True
    ).exists()
