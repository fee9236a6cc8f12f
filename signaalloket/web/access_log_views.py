"""Access log pages (inzageregistratie): per signal and per user, for desk managers."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from signaalloket.accounts.selectors import user_get_for_access_log
from signaalloket.signals.selectors import signal_get_for_user

from .access_log import access_log_require_reader, access_log_visible_to

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))


@login_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    access_log_require_reader(request.user)
    page = _page(request, access_log_visible_to(request.user))
    return render(request, "audit/access_log.html", {"page": page})


@login_required
@require_GET
def access_log_for_signal(request: HttpRequest, pk: int) -> HttpResponse:
    access_log_require_reader(request.user)
    signal = signal_get_for_user(user=request.user, pk=pk)
    page = _page(request, access_log_visible_to(request.user).filter(signal=signal))
    return render(request, "audit/access_log.html", {"page": page, "subject_signal": signal})


@login_required
@require_GET
def access_log_for_user(request: HttpRequest, pk: int) -> HttpResponse:
    access_log_require_reader(request.user)
    person = user_get_for_access_log(actor=request.user, pk=pk)
    page = _page(request, access_log_visible_to(request.user).filter(user=person))
    return render(request, "audit/access_log.html", {"page": page, "subject_user": person})
