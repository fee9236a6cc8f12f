from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin

from .errors import Conflict, DomainError
from .links import link_for


class DomainErrorMiddleware(MiddlewareMixin):
    """The one place where domain errors become HTTP responses with a Dutch message."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        template = {403: "403.html", 404: "404.html"}.get(exception.status_code, "error.html")
        context = {
            "message": exception.message,
            "current_url": link_for(exception.current) if isinstance(exception, Conflict) else None,
            "status_code": exception.status_code,
        }
        return render(request, template, context, status=exception.status_code)


class DutchByDefaultMiddleware:
    """Dutch unless the user chose otherwise with the language switch (cookie).

    Civil servants often run an English browser; the browser's Accept-Language must not turn
    a Dutch government application into an English one. Placed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
