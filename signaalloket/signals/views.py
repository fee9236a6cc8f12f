"""Starting a signal and editing its basic fields (optimistic locking through `version`)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.core.errors import NotAllowed
from signaalloket.core.forms_views import fields, form_page, posted

from .forms import SignalCreateForm, SignalEditForm
from .permissions import may_create_signal, may_edit_signal
from .selectors import signal_get_for_user
from .services import signal_create, signal_update


def _initial(signal) -> dict:
    return {
        "title": signal.title,
        "summary": signal.summary,
        "origin": signal.origin,
        "confidentiality": signal.confidentiality,
        "themes": list(signal.themes.all()),
        "version": signal.version,
    }


@login_required
def signal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    if not may_edit_signal(request.user, signal):
        raise NotAllowed(_("U mag dit signaal niet wijzigen."))
    detail_url = reverse("web:signal_detail", args=[signal.pk])
    if request.method == "POST":
        form = SignalEditForm(request.POST)
    else:
        form = SignalEditForm(initial=_initial(signal))
    return form_page(
        request,
        form,
        template="signals/edit.html",
        save=lambda data: signal_update(
            signal=signal,
            actor=request.user,
            **fields(
                data,
                "title",
                "summary",
                "origin",
                "confidentiality",
                "themes",
                expected_version="version",
            ),
        ),
        success_url=detail_url,
        success_message=_("De gegevens van het signaal zijn opgeslagen."),
        context={"signal": signal, "detail_url": detail_url},
        conflict="inline",
    )


@login_required
def signal_new(request: HttpRequest) -> HttpResponse:
    if not may_create_signal(request.user):
        raise NotAllowed(_("U mag geen bestuurlijk signaal aanmaken."))
    return form_page(
        request,
        SignalCreateForm(posted(request), access=access_for(request.user)),
        template="signals/new.html",
        save=lambda data: signal_create(
            actor=request.user,
            **fields(data, "title", "summary", "lead_organisation"),
        ),
        success_url=lambda signal: reverse("web:signal_detail", args=[signal.pk]),
        success_message=lambda signal: (
            _("Signaal %(reference)s is aangemaakt.") % {"reference": signal.reference}
        ),
    )
