"""Two-factor authentication is mandatory when settings.MFA_REQUIRED (production)."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

# Paths a logged-in but not yet verified user may still reach.
EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/")
EXEMPT_NAMES = ("login", "logout", "accounts:mfa_setup", "accounts:mfa_verify")


class MFARequiredMiddleware:
    """Send every authenticated but unverified user to enrolment or verification.

    Must come after django_otp.middleware.OTPMiddleware (which sets user.is_verified).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt_paths: tuple[str, ...] | None = None

    def exempt_paths(self) -> tuple[str, ...]:
        if self._exempt_paths is None:
            self._exempt_paths = tuple(reverse(name) for name in EXEMPT_NAMES)
        return self._exempt_paths

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.MFA_REQUIRED:
            user = getattr(request, "user", None)
            if (
                user is not None
                and user.is_authenticated
                and not user.is_verified()
                and not request.path.startswith(EXEMPT_PREFIXES)
                and request.path not in self.exempt_paths()
            ):
                return self._redirect(request, user)
        return self.get_response(request)

    def _redirect(self, request: HttpRequest, user) -> HttpResponse:
        from .services import mfa_has_device

        target = "accounts:mfa_verify" if mfa_has_device(user=user) else "accounts:mfa_setup"
        next_url = request.get_full_path() if request.method == "GET" else "/"
        url = f"{reverse(target)}?{urlencode({'next': next_url})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
