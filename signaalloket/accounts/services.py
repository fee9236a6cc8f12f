"""Writes about accounts: users, memberships, MFA devices, lock-outs. Every write is audited."""

from __future__ import annotations

import base64
import io

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.changes import field_changes, snapshot
from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import NotAllowed, ValidationFailed

from .models import Membership, User
from .roles import Role

BACKUP_CODE_COUNT = 10
# Roles that need the administration site (Django admin): is_staff follows these memberships.
STAFF_ROLES = frozenset({Role.ADMIN, Role.DESK_MANAGER})
# Never copied into the audit chain, nor compared: bookkeeping and secrets.
_NOT_AUDITED = frozenset({"password", "last_login", "version", "updated_at", "created_at"})


def _admin_diff(obj: models.Model, changed: list[str]) -> tuple[dict, list[str]]:
    """What an administration-site save really changes: (changes, changed field names).

    Compares the object with its stored row, so a form that reports a field as changed
    while its value is the same records nothing. A new password is named, never shown.
    Many-to-many fields the form reports are named too (they are saved after the object).
    """
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    if stored is None:
        return {}, []
    names = [
        f.name
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in _NOT_AUDITED
    ]
    diff = field_changes(snapshot(stored, names), snapshot(obj, names))
    fields = set(diff)
    if getattr(stored, "password", None) != getattr(obj, "password", None):
        fields.add("password")
    m2m = {f.name for f in obj._meta.many_to_many}
    fields.update(name for name in changed if name in m2m)
    return diff, sorted(fields)


def _forget_access(user: User) -> None:
    if hasattr(user, "_signaalloket_access"):
        del user._signaalloket_access


def _sync_is_staff(user: User) -> None:
    """is_staff is derived: an active admin or desk-manager membership gives admin-site access."""
    needs_staff = (
        user.is_superuser
        or Membership.objects.filter(user=user, is_active=True, role__in=STAFF_ROLES).exists()
    )
    if user.is_staff != needs_staff:
        User.objects.filter(pk=user.pk).update(is_staff=needs_staff)
        user.is_staff = needs_staff


# Users ---------------------------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    function_title: str = "",
    password: str | None = None,
) -> User:
    email = User.objects.normalize_email(email or "").strip().lower()
    if not email:
        raise ValidationFailed(_("Een e-mailadres is verplicht."), field="email")
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationFailed(_("Er bestaat al een gebruiker met dit e-mailadres."), field="email")
    user = User.objects.create_user(
        email, password, full_name=full_name, function_title=function_title
    )
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit_event_record(event_type="user.created", actor=actor, data={"user": user.pk})
    return user


@transaction.atomic
def user_admin_save(*, actor: User, user: User, created: bool, changed: list[str]) -> User:
    """Save a user edited in the administration site (email, name, function)."""
    user.email = User.objects.normalize_email(user.email).strip().lower()
    if created:
        if not user.password:
            user.set_unusable_password()
        user.save()
        audit_event_record(event_type="user.created", actor=actor, data={"user": user.pk})
    else:
        diff, fields = _admin_diff(user, changed)
        if fields:
            user.save()
            audit_event_record(
                event_type="user.updated",
                actor=actor,
                data={"user": user.pk, "fields": fields, "changes": diff},
            )
    _sync_is_staff(user)
    return user


@transaction.atomic
def user_password_change(*, user: User, new_password: str) -> User:
    """The user sets a new password (already validated by the form)."""
    user.set_password(new_password)
    User.objects.filter(pk=user.pk).update(password=user.password)
    audit_event_record(event_type="auth.password_changed", actor=user, data={"user": user.pk})
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Block a user from logging in; their history (memberships, audit, access log) stays."""
    if actor is not None and actor.pk == user.pk:
        raise NotAllowed(_("U kunt uw eigen account niet deactiveren."))
    if not user.is_active:
        return user
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(is_active=False, deactivated_at=now)
    user.is_active = False
    user.deactivated_at = now
    audit_event_record(event_type="user.deactivated", actor=actor, data={"user": user.pk})
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    if user.is_active:
        return user
    User.objects.filter(pk=user.pk).update(is_active=True, deactivated_at=None)
    user.is_active = True
    user.deactivated_at = None
    audit_event_record(event_type="user.reactivated", actor=actor, data={"user": user.pk})
    return user


def user_is_locked_out(*, user: User) -> bool:
    from axes.models import AccessAttempt
    from django.conf import settings

    limit = settings.AXES_FAILURE_LIMIT
    return AccessAttempt.objects.filter(
        username__iexact=user.email, failures_since_start__gte=limit
    ).exists()


@transaction.atomic
def user_unlock(*, actor: User, user: User) -> int:
    """Lift a lock-out (django-axes) for this account. Returns the number of attempts removed."""
    from axes.models import AccessAttempt
    from axes.utils import reset

    removed = reset(username=user.email)
    # Attempts typed with other capitals count for the same account.
    extra = AccessAttempt.objects.filter(username__iexact=user.email)
    removed += extra.count()
    extra.delete()
    audit_event_record(
        event_type="account.unlocked", actor=actor, data={"user": user.pk, "attempts": removed}
    )
    return removed


# Memberships ---------------------------------------------------------------------------------


@transaction.atomic
def membership_grant(*, actor: User | None, user: User, organisation, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationFailed(_("Onbekende rol."), field="role")
    if role == Role.OFFICIAL and organisation.ministry_id is None:
        raise ValidationFailed(
            _("De rol ambtenaar kan alleen bij een ministerie-organisatie."), field="role"
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if not created and not membership.is_active:
        Membership.objects.filter(pk=membership.pk).update(is_active=True)
        membership.is_active = True
    audit_event_record(
        event_type="membership.granted",
        actor=actor,
        organisation=organisation,
        data={"user": user.pk, "role": role},
    )
    _sync_is_staff(user)
    _forget_access(user)
    return membership


@transaction.atomic
def membership_admin_save(
    *, actor: User, membership: Membership, created: bool, changed: list[str]
) -> Membership:
    """Save a membership edited inline on the user's administration page."""
    if membership.role == Role.OFFICIAL and membership.organisation.ministry_id is None:
        raise ValidationFailed(
            _("De rol ambtenaar kan alleen bij een ministerie-organisatie."), field="role"
        )
    diff, fields = ({}, []) if created else _admin_diff(membership, changed)
    if created or fields:
        membership.save()
        audit_event_record(
            event_type="membership.granted" if created else "membership.changed",
            actor=actor,
            organisation=membership.organisation,
            data={
                "user": membership.user_id,
                "role": membership.role,
                "active": membership.is_active,
                "fields": fields,
                "changes": diff,
            },
        )
    _sync_is_staff(membership.user)
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> Membership:
    if membership.is_active:
        Membership.objects.filter(pk=membership.pk).update(is_active=False)
        membership.is_active = False
        audit_event_record(
            event_type="membership.revoked",
            actor=actor,
            organisation=membership.organisation,
            data={"user": membership.user_id, "role": membership.role},
        )
    _sync_is_staff(membership.user)
    _forget_access(membership.user)
    return membership


# Reference data edited in the administration site ---------------------------------------------


@transaction.atomic
def reference_admin_save(
    *, actor: User, obj: models.Model, created: bool, changed: list[str]
) -> models.Model:
    """Save organisations, ministries, offices and partner kinds from the administration site."""
    diff, fields = ({}, []) if created else _admin_diff(obj, changed)
    if not created and not fields:
        return obj  # nothing changed: no event, same version
    if not created and hasattr(obj, "version"):
        obj.version = (obj.version or 0) + 1
    obj.save()
    audit_event_record(
        event_type="reference.created" if created else "reference.updated",
        actor=actor,
        data={
            "model": obj._meta.label,
            "id": obj.pk,
            "name": str(obj),
            "fields": fields,
            "changes": diff,
        },
    )
    return obj


# MFA (django-otp) ----------------------------------------------------------------------------


def mfa_has_device(*, user: User) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def mfa_enrolment_device(*, user: User):
    """The unconfirmed TOTP device the user is enrolling (created on first use)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def mfa_qr_data_uri(device) -> str:
    """The device's otpauth:// URL as an SVG QR code in a data: URI (CSP allows data: images)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def mfa_secret_display(device) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def mfa_enrol_confirm(*, user: User, device, token: str) -> list[str]:
    """Confirm the TOTP device with a code; returns 10 fresh backup codes (shown once)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    token = (token or "").replace(" ", "").strip()
    if device.user_id != user.pk or device.confirmed:
        raise ValidationFailed(_("Deze koppeling is niet (meer) geldig. Begin opnieuw."))
    if not token.isdigit() or not device.verify_token(token):
        raise ValidationFailed(
            _("De code is onjuist of verlopen. Controleer de tijd op uw telefoon."), field="token"
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Only one authenticator per account: older devices are replaced.
    type(device).objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    audit_event_record(event_type="mfa.enrolled", actor=user, data={"user": user.pk})
    return codes


def mfa_verify(*, user: User, token: str):
    """Check a TOTP code or a backup code; returns the device that accepted it, or None."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    token = (token or "").replace(" ", "").strip()
    if not token:
        return None
    candidates = list(TOTPDevice.objects.filter(user=user, confirmed=True)) + list(
        StaticDevice.objects.filter(user=user, confirmed=True)
    )
    for device in candidates:
        with transaction.atomic():
            if device.verify_is_allowed()[0] and device.verify_token(token):
                method = "backup_code" if isinstance(device, StaticDevice) else "totp"
                audit_event_record(
                    event_type="mfa.verified",
                    actor=user,
                    data={"user": user.pk, "method": method},
                )
                return device
    audit_event_record(event_type="mfa.failed", actor=user, data={"user": user.pk})
    return None


@transaction.atomic
def mfa_reset(*, actor: User, user: User) -> None:
    """Remove a user's authenticator and backup codes; they enrol again at the next login."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_event_record(event_type="mfa.reset", actor=actor, data={"user": user.pk})
