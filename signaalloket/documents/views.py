from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from signaalloket.audit.models import AccessAction
from signaalloket.audit.services import access_log_record
from signaalloket.core.errors import DomainError, NotFound
from signaalloket.signals.selectors import signal_get_for_user

from .forms import DocumentRetractForm, DocumentUploadForm, DocumentVersionForm
from .permissions import can_change_document, upload_kinds
from .selectors import document_get_for_user, documents_for_signal
from .services import document_add_version, document_retract, document_upload


def _apply_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
def signal_documents(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    kinds = upload_kinds(request.user, signal)
    form = None
    status = 200
    if request.method == "POST":
        if not kinds:
            raise NotFound()
        form = DocumentUploadForm(request.POST, request.FILES, kinds=kinds)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document_upload(
                    signal=signal,
                    actor=request.user,
                    uploaded_file=data["file"],
                    kind=data["kind"],
                    title=data["title"],
                    confidentiality=data["confidentiality"],
                    document_date=data["document_date"],
                )
            except DomainError as exc:
                if exc.status_code in (403, 404):
                    raise
                _apply_error(form, exc)
            else:
                messages.success(request, _("Het document is toegevoegd."))
                return redirect("documents:signal_documents", pk=signal.pk)
        status = 400
    elif kinds:
        form = DocumentUploadForm(kinds=kinds)
    return render(
        request,
        "documents/signal_documents.html",
        {
            "signal": signal,
            "documents": documents_for_signal(user=request.user, signal=signal),
            "form": form,
        },
        status=status,
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_for_user(user=request.user, pk=pk)
    may_change = can_change_document(request.user, document) and not document.retracted_at
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "signal": document.signal,
            "may_change": may_change,
            "version_form": DocumentVersionForm(initial={"expected_version": document.version}),
            "retract_form": DocumentRetractForm(initial={"expected_version": document.version}),
        },
    )


@login_required
@require_POST
def document_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_for_user(user=request.user, pk=pk)
    form = DocumentVersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_add_version(
                document=document,
                actor=request.user,
                uploaded_file=form.cleaned_data["file"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except DomainError as exc:
            if exc.status_code in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De nieuwe versie is toegevoegd."))
    else:
        messages.error(request, _("Kies een bestand voor de nieuwe versie."))
    return redirect("documents:document_detail", pk=document.pk)


@login_required
@require_POST
def document_retract_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_for_user(user=request.user, pk=pk)
    form = DocumentRetractForm(request.POST)
    if form.is_valid():
        try:
            document_retract(
                document=document,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except DomainError as exc:
            if exc.status_code in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Het document is ingetrokken."))
    else:
        messages.error(request, _("Geef een reden voor het intrekken (maximaal 5000 tekens)."))
    return redirect("documents:document_detail", pk=document.pk)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    document = document_get_for_user(user=request.user, pk=pk)
    versions = document.version_list
    if number is None:
        version = versions[0] if versions else None
    else:
        version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise NotFound()
    try:
        handle = default_storage.open(version.file.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise NotFound(_("Het bestand is niet (meer) beschikbaar.")) from exc
    access_log_record(
        user=request.user,
        action=AccessAction.DOWNLOAD,
        signal=document.signal,
        description=f"{document.signal.reference} document {document.pk} v{version.number}: "
        f"{version.filename}",
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.filename,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
