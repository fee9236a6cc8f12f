"""The framework floor: the cheapest authenticated pages, served only by the bench URLconf."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    """The site layout (navigation, messages, context processors) around an empty page."""
    return render(request, "bench/floor.html")


@login_required
@require_GET
def floor_plain(request: HttpRequest) -> HttpResponse:
    """Session, user and middleware only: no template."""
    return HttpResponse("ok", content_type="text/plain")
