"""The administration site (/beheer/): administrators and desk managers, behind MFA."""

from functools import update_wrapper
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

from .context import access_for


def may_use_admin_site(user) -> bool:
    """Active staff with an administrator or desk-manager role (or a superuser)."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    access = access_for(user)
    return user.is_superuser or access.is_admin or access.is_desk_manager


# The audit log and the access log in the admin site are for the desk (managers) only: audit
# events name signals (reference and title) and the access log is for desk managers (issue 4).
# Other signal data registered in the admin site filters itself with visible_to(user), which
# shows administrators nothing; tests/accounts/test_admin_no_signal_content.py checks both.
DESK_ONLY_APPS = frozenset({"audit"})


def may_read_signal_data(user) -> bool:
    """Administrators manage accounts and organisations but never read signal contents."""
    return user.is_superuser or access_for(user).is_desk


class SignaalloketAdminSite(admin.AdminSite):
    site_header = _("Beheer Signaalloket")
    site_title = _("Beheer Signaalloket")
    index_title = _("Functioneel beheer")

    def has_permission(self, request) -> bool:
        user = request.user
        if not may_use_admin_site(user):
            return False
        verified = hasattr(user, "is_verified") and user.is_verified()
        return verified or not settings.MFA_REQUIRED

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)
        model_admin = getattr(view, "__self__", None)
        model = getattr(model_admin, "model", None)
        if model is None or model._meta.app_label not in DESK_ONLY_APPS:
            return inner

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not may_read_signal_data(request.user):
                raise PermissionDenied(
                    _(
                        "Functioneel beheerders beheren gebruikers en organisaties, maar zien de "
                        "inhoud van signalen niet."
                    )
                )
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def _build_app_dict(self, request, label=None):
        app_dict = super()._build_app_dict(request, label)
        if may_read_signal_data(request.user):
            return app_dict
        if label is not None:
            return {} if label in DESK_ONLY_APPS else app_dict
        return {key: value for key, value in app_dict.items() if key not in DESK_ONLY_APPS}

    def login(self, request, extra_context=None):
        """One login for the whole application (e-mail, lock-out, MFA, audit)."""
        next_url = request.GET.get("next") or resolve_url("admin:index")
        if request.user.is_authenticated:
            if may_use_admin_site(request.user):
                # Permitted role, but the second step is still missing.
                return HttpResponseRedirect(
                    f"{resolve_url('accounts:mfa_verify')}?{urlencode({'next': next_url})}"
                )
            raise PermissionDenied(
                _("Alleen functioneel beheerders en loketmanagers hebben toegang tot het beheer.")
            )
        return HttpResponseRedirect(
            f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"
        )


class SignaalloketAdminConfig(AdminConfig):
    default_site = "signaalloket.accounts.admin_site.SignaalloketAdminSite"
