from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from signaalloket.core.errors import NotAllowed, NotFound
from signaalloket.core.forms_views import fields, form_page, post_action
from signaalloket.signals.models import Addressee, Submitter
from signaalloket.signals.selectors import signal_get_for_user

from .forms import PublicationForm
from .models import Publication
from .permissions import may_edit_publication
from .services import publication_consent_record, publication_for, publication_set


@require_GET
def public_register(request: HttpRequest) -> HttpResponse:
    """No login: only what the desk marked publishable, and only these fields."""
    publications = (
        Publication.objects.public()
        .select_related("signal")
        .prefetch_related(
            Prefetch(
                "signal__submitters",
                queryset=Submitter.objects.select_related("organisation"),
            ),
            Prefetch(
                "signal__addressees",
                queryset=Addressee.objects.select_related("office__ministry"),
            ),
        )
        .order_by("-signal__year", "-signal__number")
    )
    return render(request, "publications/public_register.html", {"publications": publications})


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_edit_publication(request.user):
        raise NotAllowed(_("Alleen het loket heeft toegang tot deze pagina."))
    signal = signal_get_for_user(user=request.user, pk=pk)
    publication = publication_for(signal=signal)
    page_url = reverse("publications:publication_edit", args=[signal.pk])
    if request.method == "POST" and request.POST.get("consent_for"):
        submitter = next(
            (s for s in signal.submitters.all() if str(s.pk) == request.POST["consent_for"]), None
        )
        if submitter is None:
            raise NotFound()
        return post_action(
            request,
            call=lambda: publication_consent_record(
                signal=signal,
                actor=request.user,
                submitter=submitter,
                note=request.POST.get("note", ""),
            ),
            redirect_to=page_url,
            success_message=_("De toestemming is vastgelegd."),
        )
    consents = {c.submitter_id: c for c in publication.consents.all()} if publication.pk else {}
    form = PublicationForm(
        request.POST or None,
        initial={
            "public_summary": publication.public_summary,
            "consent_statement": publication.consent_statement,
            "published": publication.published,
            "version": publication.version,
        },
    )
    return form_page(
        request,
        form,
        template="publications/publication_edit.html",
        save=lambda data: publication_set(
            signal=signal,
            actor=request.user,
            **fields(data, "published", "public_summary", "consent_statement"),
            expected_version=data["version"] if publication.pk else None,
        ),
        success_url=page_url,
        success_message=_("De publicatie-instellingen zijn opgeslagen."),
        context=lambda: {
            "signal": signal,
            "publication": publication,
            "submitters": [(s, consents.get(s.pk)) for s in signal.submitters.all()],
        },
        invalid_status=200,  # as before; other form pages answer 400
    )


def publication_panel(request, signal):
    if not may_edit_publication(request.user):
        return None
    published = Publication.objects.filter(signal_id=signal.pk, published=True).exists()
    return {"published": published}
