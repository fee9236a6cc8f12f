from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from signaalloket.core.errors import DomainError, NotAllowed, NotFound

from .forms import ImportForm
from .models import ImportJob, ImportStatus
from .permissions import may_import_signals
from .services import import_job_create, import_job_process_next


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    if not may_import_signals(request.user):
        raise NotAllowed(_("Alleen een loketmanager heeft toegang tot deze pagina."))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(actor=request.user, filename=upload.name, content=upload.read())
        except DomainError as exc:
            if exc.status_code == 403:
                raise
            form.add_error("file", exc.message)
        else:
            return redirect("imports:import_job", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user)[:10]
    return render(request, "imports/import_upload.html", {"form": form, "jobs": jobs})


def _job_for(user, pk) -> ImportJob:
    job = ImportJob.objects.visible_to(user).filter(pk=pk).first()
    if job is None:
        raise NotFound()
    return job


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_import_signals(request.user):
        raise NotAllowed(_("Alleen een loketmanager heeft toegang tot deze pagina."))
    job = _job_for(request.user, pk)
    return render(request, "imports/import_job.html", {"job": job})


@login_required
@require_POST
def import_job_step(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_import_signals(request.user):
        raise NotAllowed(_("Alleen een loketmanager heeft toegang tot deze pagina."))
    job = _job_for(request.user, pk)
    if job.status != ImportStatus.DONE:
        job = import_job_process_next(job=job, actor=request.user)
    htmx = getattr(request, "htmx", None)
    if htmx:
        return render(request, "imports/import_job.html#progress", {"job": job})
    return redirect("imports:import_job", pk=job.pk)
