"""Login, logout and failed logins go into the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from signaalloket.audit.services import audit_event_record


def _client(request) -> dict:
    if request is None:
        return {}
    return {"ip": request.META.get("REMOTE_ADDR", "")}


@receiver(user_logged_in, dispatch_uid="signaalloket_audit_login")
def audit_login(sender, request, user, **kwargs) -> None:
    audit_event_record(
        event_type="auth.login", actor=user, data={"user": user.pk, **_client(request)}
    )


@receiver(user_logged_out, dispatch_uid="signaalloket_audit_logout")
def audit_logout(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    audit_event_record(
        event_type="auth.logout", actor=user, data={"user": user.pk, **_client(request)}
    )


def _user_for(username: str):
    from .models import User

    if not username:
        return None
    return User.objects.filter(email__iexact=username.strip()).first()


@receiver(user_login_failed, dispatch_uid="signaalloket_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username") or "")[:254]
    user = _user_for(username)
    audit_event_record(
        event_type="auth.login_failed",
        actor=user,
        data={"username": username, "known_account": user is not None, **_client(request)},
    )


@receiver(user_locked_out, dispatch_uid="signaalloket_audit_locked_out")
def audit_locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    user = _user_for(username or "")
    audit_event_record(
        event_type="auth.locked_out",
        actor=user,
        data={"username": (username or "")[:254], **_client(request)},
    )
