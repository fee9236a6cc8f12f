"""Login and two-factor authentication (TOTP with django-otp)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_otp import login as otp_login

from signaalloket.core.errors import ValidationFailed
from signaalloket.core.forms_views import form_page

from . import services
from .forms import EmailAuthenticationForm, TokenForm, VerifyForm

BACKUP_CODES_SESSION_KEY = "signaalloket_backup_codes"


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = False


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _redirect_with_next(view_name: str, next_url: str) -> HttpResponse:
    return redirect(f"{resolve_url(view_name)}?{urlencode({'next': next_url})}")


@never_cache
@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, confirm with a code."""
    if services.mfa_has_device(user=request.user):
        if request.user.is_verified():
            messages.info(
                request,
                _(
                    "Tweestapsverificatie is al ingesteld. Vraag de functioneel beheerder om "
                    "een nieuwe koppeling als u uw telefoon kwijt bent."
                ),
            )
            return redirect(_next_url(request))
        return _redirect_with_next("accounts:mfa_verify", _next_url(request))
    device = services.mfa_enrolment_device(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.mfa_enrol_confirm(
                user=request.user, device=device, token=form.cleaned_data["token"]
            )
        except ValidationFailed as exc:
            form.add_error("token", exc.message)
        else:
            otp_login(request, device)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            request.session["signaalloket_after_codes"] = _next_url(request)
            return redirect("accounts:mfa_backup_codes")
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_data_uri": services.mfa_qr_data_uri(device),
            "secret": services.mfa_secret_display(device),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
@require_GET
def mfa_backup_codes(request: HttpRequest) -> HttpResponse:
    """Show the backup codes once, right after enrolment."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        messages.info(request, _("De herstelcodes worden maar één keer getoond."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = request.session.pop("signaalloket_after_codes", None) or resolve_url(
        settings.LOGIN_REDIRECT_URL
    )
    return render(request, "accounts/mfa_backup_codes.html", {"codes": codes, "next": next_url})


@never_cache
@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """Second step after the password: a TOTP code or a backup code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not services.mfa_has_device(user=request.user):
        return _redirect_with_next("accounts:mfa_setup", _next_url(request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.mfa_verify(user=request.user, token=form.cleaned_data["token"])
        if device is None:
            form.add_error(
                "token",
                _("De code is onjuist of verlopen. Probeer het opnieuw met een nieuwe code."),
            )
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    form.fields["old_password"].label = _("Huidig wachtwoord")
    form.fields["new_password1"].label = _("Nieuw wachtwoord")
    form.fields["new_password2"].label = _("Nieuw wachtwoord (nog een keer)")

    def save(data) -> None:
        user = services.user_password_change(user=request.user, new_password=data["new_password1"])
        update_session_auth_hash(request, user)

    return form_page(
        request,
        form,
        template="accounts/password_change.html",
        save=save,
        success_url=resolve_url(settings.LOGIN_REDIRECT_URL),
        success_message=_("Uw wachtwoord is gewijzigd."),
    )
