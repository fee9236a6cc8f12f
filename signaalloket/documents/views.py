from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from signaalloket.audit.models import AccessAction
from signaalloket.audit.services import access_log_record
from signaalloket.core.errors import NotFound
from signaalloket.core.forms_views import fields, form_page, post_action, posted
from signaalloket.signals.selectors import signal_get_for_user

from .forms import DocumentRetractForm, DocumentUploadForm, DocumentVersionForm
from .permissions import may_change_document, upload_kinds
from .selectors import document_get_for_user, documents_for_signal
from .services import document_add_version, document_retract, document_upload


@login_required
def signal_documents(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    kinds = upload_kinds(request.user, signal)  # empty: may_upload_document is false

    def context() -> dict:
        return {
            "signal": signal,
            "documents": documents_for_signal(user=request.user, signal=signal),
        }

    if not kinds:
        if request.method == "POST":
            raise NotFound()
        return render(request, "documents/signal_documents.html", {**context(), "form": None})
    form = DocumentUploadForm(posted(request), request.FILES or None, kinds=kinds)
    return form_page(
        request,
        form,
        template="documents/signal_documents.html",
        save=lambda data: document_upload(
            signal=signal,
            actor=request.user,
            **fields(
                data, "kind", "title", "confidentiality", "document_date", uploaded_file="file"
            ),
        ),
        success_url=reverse("documents:signal_documents", args=[signal.pk]),
        success_message=_("Het document is toegevoegd."),
        context=context,
        conflict="form",
    )


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_for_user(user=request.user, pk=pk)
    may_change = may_change_document(request.user, document) and not document.retracted_at
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


def _change(request, pk, form_class, invalid_message, service, message, field):
    """A new version or the retraction: who may is may_change_document, checked by the
    service (403); either way back to the document's page with the outcome.
    `field` is (the service's argument, the form's field)."""
    document = document_get_for_user(user=request.user, pk=pk)
    form = form_class(request.POST, request.FILES)
    argument, name = field
    return post_action(
        request,
        form=form,
        invalid_message=invalid_message,
        call=lambda: service(
            document=document,
            actor=request.user,
            expected_version=form.cleaned_data["expected_version"],
            **{argument: form.cleaned_data[name]},
        ),
        redirect_to=reverse("documents:document_detail", args=[document.pk]),
        success_message=message,
    )


@login_required
@require_POST
def document_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        DocumentVersionForm,
        _("Kies een bestand voor de nieuwe versie."),
        document_add_version,
        _("De nieuwe versie is toegevoegd."),
        ("uploaded_file", "file"),
    )


@login_required
@require_POST
def document_retract_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        DocumentRetractForm,
        _("Geef een reden voor het intrekken (maximaal 5000 tekens)."),
        document_retract,
        _("Het document is ingetrokken."),
        ("reason", "reason"),
    )


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
