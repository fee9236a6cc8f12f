from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from signaalloket.audit.models import AccessAction
from signaalloket.audit.services import access_log_record
from signaalloket.core.errors import Conflict, DomainError, NotAllowed, NotFound
from signaalloket.core.forms_views import (
    form_error,
    form_page,
    post_action,
    posted,
    raise_page_error,
)
from signaalloket.signals.selectors import signal_get_for_user

from . import diff, output, pii
from .forms import (
    CommentForm,
    FormatNoteForm,
    FormatSectionFormSet,
    IntakeForm,
    NameForm,
    PiiDismissForm,
)
from .models import MAX_SECTION_CHARS, Comment, DraftVersion, NameListEntry
from .permissions import (
    can_see_pii_findings,
    can_view_intake,
    may_add_comment,
    may_add_internal_comment,
    may_dismiss_pii_finding,
    may_edit_draft,
    may_edit_format,
    may_edit_intake,
    may_edit_name_list,
    may_give_advice,
    may_resolve_comment,
)
from .selectors import (
    comments_for_signal,
    format_current,
    format_for_signal,
    latest_version,
    missing_required_sections,
    pii_report,
)
from .services import (
    comment_add,
    comment_reopen,
    comment_resolve,
    draft_save,
    format_create_version,
    intake_save,
    name_list_add,
    name_list_deactivate,
    pii_dismiss,
)

TOO_BIG = gettext_lazy(
    "Wat u verstuurde is te groot om te verwerken. Een onderdeel mag hooguit %(max)s tekens "
    "bevatten; er is niets opgeslagen."
)


def _post(request):
    """request.POST, or None when the body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE."""
    try:
        return request.POST
    except RequestDataTooBig:
        return None


def _editor_url(signal, section_key: str = "") -> str:
    url = reverse("drafting:editor", args=[signal.pk])
    return f"{url}#onderdeel-{section_key}" if section_key else url


# Intake -----------------------------------------------------------------------------------


@login_required
def intake(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not can_view_intake(request.user, signal):
        raise NotFound()
    editable = may_edit_intake(request.user, signal)
    if request.method == "POST" and not editable:
        raise NotAllowed(_("U mag de verkenning van dit signaal niet wijzigen."))
    assessments = list(signal.criteria.all())
    data = _post(request) if request.method == "POST" else None
    too_big = request.method == "POST" and data is None
    form = IntakeForm(
        {} if too_big else data,
        assessments=assessments,
        signal=signal,
        with_advice=may_give_advice(request.user, signal),
    )

    def context() -> dict:
        return {
            "signal": signal,
            "editable": editable,
            "assessments": sorted(assessments, key=lambda a: form.criteria.index(a.criterion)),
        }

    if too_big:
        form.is_valid()
        form.add_error(
            None, _("Wat u verstuurde is te groot om te verwerken; er is niets opgeslagen.")
        )
        return render(request, "drafting/intake.html", {"form": form, **context()}, status=400)
    return form_page(
        request,
        form,
        template="drafting/intake.html",
        save=lambda cleaned: intake_save(
            signal=signal,
            actor=request.user,
            assessments=form.assessments(),
            advice=form.advice(),
            expected_signal_version=cleaned.get("signal_version"),
        ),
        success_url=reverse("drafting:intake", args=[signal.pk]),
        success_message=_("De verkenning is opgeslagen."),
        context=context,
        conflict="form",
        error_field=None,
    )


# Editor -----------------------------------------------------------------------------------


def _section_rows(*, user, signal, fmt, version, texts, report, show_findings):
    comments = list(comments_for_signal(user=user, signal=signal))
    may_resolve = {c.pk for c in comments if may_resolve_comment(user, c)}
    rows = []
    for section in fmt.sections.all() if fmt else []:
        text = texts.get(section.key, "")
        saved_text = version.texts.get(section.key, "") if version else ""
        findings = report.for_section(section.key) if show_findings else []
        rows.append(
            {
                "section": section,
                "text": text,
                "segments": pii.segments(saved_text, findings) if findings else None,
                "findings": [
                    (f, report.dismissed.get((f.section_key, f.fingerprint))) for f in findings
                ],
                "comments": [c for c in comments if c.section_key == section.key],
                "may_resolve": may_resolve,
            }
        )
    return rows


@login_required
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    fmt = format_for_signal(signal)
    version = latest_version(signal=signal, user=request.user)
    editable = may_edit_draft(request.user, signal)
    texts = dict(version.texts) if version else {}
    errors: list[str] = []
    expected = version.number if version else 0
    status = 200
    conflict = False
    if request.method == "POST":
        if not editable:
            raise NotAllowed(_("U mag de concepttekst van dit signaal niet wijzigen."))
        data = _post(request)
        if data is None:
            errors.append(str(TOO_BIG) % {"max": f"{MAX_SECTION_CHARS:,}".replace(",", ".")})
        else:
            posted = {
                s.key: data.get(f"section-{s.key}", "") for s in (fmt.sections.all() if fmt else [])
            }
            try:
                expected = int(data.get("expected_number", "0"))
            except ValueError:
                expected = -1
            try:
                saved = draft_save(
                    signal=signal,
                    actor=request.user,
                    texts=posted,
                    expected_number=expected,
                    note=data.get("note", ""),
                )
            except DomainError as exc:
                raise_page_error(exc)
                errors.append(exc.message)
                conflict = conflict or isinstance(exc, Conflict)
                texts = posted
            else:
                messages.success(request, _("Opgeslagen als versie %(n)s.") % {"n": saved.number})
                return redirect(_editor_url(signal))
        status = 409 if conflict else 400
    show_findings = editable or can_see_pii_findings(request.user)
    report = pii_report(signal=signal, version=version) if show_findings else None
    rows = _section_rows(
        user=request.user,
        signal=signal,
        fmt=fmt,
        version=version,
        texts=texts,
        report=report or pii_report(signal=signal, version=None),
        show_findings=show_findings,
    )
    return render(
        request,
        "drafting/editor.html",
        {
            "signal": signal,
            "format": fmt,
            "version": version,
            "rows": rows,
            "editable": editable,
            "errors": errors,
            "expected_number": expected if errors else (version.number if version else 0),
            "open_findings": len(report.open) if report else 0,
            "missing": missing_required_sections(fmt=fmt, version=version),
            "may_comment": may_add_comment(request.user, signal),
            "may_comment_internal": may_add_internal_comment(request.user, signal),
            "may_dismiss": may_dismiss_pii_finding(request.user, signal),
            "max_chars": MAX_SECTION_CHARS,
        },
        status=status,
    )


@login_required
@require_GET
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    versions = list(
        DraftVersion.objects.visible_to(request.user)
        .filter(signal=signal)
        .select_related("author")
        .order_by("-number")
    )
    return render(request, "drafting/version_list.html", {"signal": signal, "versions": versions})


def _get_version(user, signal, number) -> DraftVersion:
    version = (
        DraftVersion.objects.visible_to(user)
        .filter(signal=signal, number=number)
        .select_related("author", "format")
        .first()
    )
    if version is None:
        raise NotFound()
    return version


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    version = _get_version(request.user, signal, number)
    sections = output.output_sections(version.format, version)
    return render(
        request,
        "drafting/version_detail.html",
        {"signal": signal, "version": version, "sections": sections},
    )


@login_required
@require_GET
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    try:
        old_number = int(request.GET.get("van", ""))
        new_number = int(request.GET.get("naar", ""))
    except ValueError as exc:
        raise NotFound() from exc
    old = _get_version(request.user, signal, old_number)
    new = _get_version(request.user, signal, new_number)
    fmt = new.format
    return render(
        request,
        "drafting/version_compare.html",
        {
            "signal": signal,
            "old": old,
            "new": new,
            "diffs": diff.section_diffs(fmt.sections.all(), old.texts, new.texts),
        },
    )


# Comments ---------------------------------------------------------------------------------


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    # who may: may_add_comment / may_add_internal_comment, checked by comment_add (403)
    signal = signal_get_for_user(user=request.user, pk=pk)
    form = CommentForm(_post(request) or {})
    if not form.is_valid():
        messages.error(request, _("De opmerking is leeg of te lang (maximaal 10.000 tekens)."))
        return redirect(_editor_url(signal))
    parent = None
    if form.cleaned_data.get("parent"):
        parent = (
            Comment.objects.visible_to(request.user)
            .filter(signal=signal, pk=form.cleaned_data["parent"])
            .first()
        )
        if parent is None:
            raise NotFound()
    return post_action(
        request,
        call=lambda: comment_add(
            signal=signal,
            actor=request.user,
            section_key=form.cleaned_data["section_key"],
            body=form.cleaned_data["body"],
            visibility=form.cleaned_data["visibility"],
            parent=parent,
        ),
        redirect_to=_editor_url(signal, form.cleaned_data["section_key"]),
        success_message=_("De opmerking is geplaatst."),
    )


@login_required
@require_POST
def comment_state(request: HttpRequest, pk: int, comment_pk: int, action: str) -> HttpResponse:
    # who may: may_resolve_comment, checked by the service (403)
    if action not in ("afhandelen", "heropenen"):
        raise NotFound()
    signal = signal_get_for_user(user=request.user, pk=pk)
    comment = Comment.objects.visible_to(request.user).filter(signal=signal, pk=comment_pk).first()
    if comment is None:
        raise NotFound()
    try:
        expected = int(request.POST.get("expected_version", ""))
    except ValueError:
        expected = -1
    service = comment_resolve if action == "afhandelen" else comment_reopen
    return post_action(
        request,
        call=lambda: service(comment=comment, actor=request.user, expected_version=expected),
        redirect_to=_editor_url(signal, comment.section_key),
    )


# Personal data ----------------------------------------------------------------------------


@login_required
@require_POST
def pii_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_dismiss_pii_finding(request.user, signal):
        raise NotAllowed(_("Alleen het loket beoordeelt de persoonsgegevenscheck."))
    form = PiiDismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef aan waarom dit geen persoonsgegeven is."))
        return redirect(_editor_url(signal))
    return post_action(
        request,
        call=lambda: pii_dismiss(signal=signal, actor=request.user, **form.cleaned_data),
        redirect_to=_editor_url(signal, form.cleaned_data["section_key"]),
        success_message=_("De bevinding is gemarkeerd als vals positief."),
    )


@login_required
def name_list(request: HttpRequest) -> HttpResponse:
    if not may_edit_name_list(request.user):
        raise NotAllowed(_("Alleen het loket beheert de namenlijst."))
    if request.method == "POST" and "deactivate" in request.POST:
        entry = NameListEntry.objects.filter(pk=request.POST.get("deactivate") or 0).first()
        if entry is None:
            raise NotFound()
        name_list_deactivate(actor=request.user, entry=entry)
        messages.success(request, _("De naam is van de lijst gehaald."))
        return redirect("drafting:name_list")
    return form_page(
        request,
        NameForm(posted(request)),
        template="drafting/name_list.html",
        save=lambda data: name_list_add(actor=request.user, name=data["name"]),
        success_url=reverse("drafting:name_list"),
        success_message=_("De naam is toegevoegd."),
        context=lambda: {"entries": NameListEntry.objects.filter(is_active=True).order_by("name")},
        conflict="form",
        error_field="name",
    )


# Format -----------------------------------------------------------------------------------


@login_required
def format_manage(request: HttpRequest) -> HttpResponse:
    if not may_edit_format(request.user):
        raise NotAllowed(_("Alleen een loketmanager mag het format wijzigen."))
    current = format_current()
    initial = [
        {"key": s.key, "title": s.title, "guidance": s.guidance, "required": s.required, "ORDER": i}
        for i, s in enumerate(current.sections.all() if current else [], start=1)
    ]
    status = 200
    if request.method == "POST":
        formset = FormatSectionFormSet(request.POST, initial=initial)
        note_form = FormatNoteForm(request.POST)
        if formset.is_valid() and note_form.is_valid():
            sections = [
                f.cleaned_data
                for f in formset.ordered_forms
                if f.cleaned_data.get("title") and not f.cleaned_data.get("DELETE")
            ]
            try:
                fmt = format_create_version(
                    actor=request.user, sections=sections, note=note_form.cleaned_data["note"]
                )
            except DomainError as exc:
                raise_page_error(exc)
                form_error(note_form, exc, field=None)
            else:
                messages.success(
                    request, _("Formatversie %(n)s is vastgesteld.") % {"n": fmt.number}
                )
                return redirect("drafting:format_manage")
        status = 400
    else:
        formset = FormatSectionFormSet(initial=initial)
        note_form = FormatNoteForm()
    return render(
        request,
        "drafting/format_manage.html",
        {"current": current, "formset": formset, "note_form": note_form},
        status=status,
    )


# Output -----------------------------------------------------------------------------------


def _export(request, pk, kind):
    signal = signal_get_for_user(user=request.user, pk=pk)
    version = latest_version(signal=signal, user=request.user)
    fmt = version.format if version else format_for_signal(signal)
    if kind == "pdf":
        content = output.render_pdf(signal=signal, fmt=fmt, version=version)
        content_type = "application/pdf"
    else:
        content = output.render_docx(signal=signal, fmt=fmt, version=version)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    access_log_record(
        user=request.user,
        action=AccessAction.EXPORT,
        signal=signal,
        description=f"{signal.reference} {kind.upper()}"
        + (f" versie {version.number}" if version else ""),
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{signal.reference}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "pdf")


@login_required
@require_GET
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "docx")
