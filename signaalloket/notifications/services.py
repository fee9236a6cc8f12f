"""Creating notifications and e-mailing them (immediately or as a daily digest)."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed

from .models import EmailMode, Notification, NotificationPreference
from .recipients import unique

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def _email_mode(user) -> str:
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref.email_mode if pref else EmailMode.IMMEDIATE


def notification_create_many(
    *,
    recipients: Iterable,
    signal,
    kind: str,
    text: str,
    url: str = "",
    dedupe_key: str = "",
    exclude=None,
    email: bool = True,
) -> list[Notification]:
    """One notification per (unique, active) recipient; immediate e-mail after commit.

    With a dedupe_key the same message is never created twice for a recipient. With
    email=False the caller sends its own e-mail (e.g. a calendar invitation).
    """
    created: list[Notification] = []
    exclude_pk = getattr(exclude, "pk", None)
    for user in unique(recipients):
        if not user.is_active or user.pk == exclude_pk:
            continue
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        recipient=user,
                        signal=signal,
                        kind=kind,
                        text=text[:500],
                        url=url,
                        dedupe_key=dedupe_key[:200],
                        email_skipped=not email,
                    )
                )
        except IntegrityError:
            continue  # already told (dedupe_key)
    immediate = [n.pk for n in created if email and _email_mode(n.recipient) == EmailMode.IMMEDIATE]
    if immediate:
        transaction.on_commit(lambda: notification_mail_send(ids=immediate), robust=True)
    return created


def _subject(notification: Notification) -> str:
    reference = notification.signal.reference if notification.signal_id else ""
    label = notification.get_kind_display()
    return f"[Signaalloket] {label} {reference}".strip()


def _context(notification: Notification) -> dict:
    signal = notification.signal if notification.signal_id else None
    return {
        "notification": notification,
        "reference": signal.reference if signal else "",
        "title": signal.title if signal and settings.NOTIFY_INCLUDE_TITLE else "",
        "link": absolute_url(notification.url),
        "recipient": notification.recipient,
        "DESK": settings.DESK_CONTACT,
    }


def render_email(template: str, context: dict) -> tuple[str, str]:
    """Text and HTML body from `<template>.txt` and `<template>.html` (Dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return text, html


def email_send(*, to: str, subject: str, text: str, html: str, attachments=()) -> None:
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def notification_mail_send(*, ids: Iterable[int]) -> int:
    """E-mail these notifications (once each). Rows are locked so concurrent senders skip them."""
    sent = 0
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=list(ids), emailed_at__isnull=True, email_skipped=False)
            .select_related("recipient", "signal")
        )
        for notification in rows:
            text, html = render_email("notifications/email/notification", _context(notification))
            try:
                email_send(
                    to=notification.recipient.email,
                    subject=_subject(notification),
                    text=text,
                    html=html,
                )
            except Exception:  # SMTP trouble: leave it for the next run of the outbox job
                logger.exception("e-mail for notification %s failed", notification.pk)
                continue
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


def notification_digest_send(*, user, now=None) -> int:
    """Send one e-mail with every not yet e-mailed notification of this user; returns the count."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(recipient=user, emailed_at__isnull=True, email_skipped=False)
            .select_related("signal")
            .order_by("created_at", "id")
        )
        if not rows:
            return 0
        context = {
            "recipient": user,
            "items": [
                {"notification": n, "link": absolute_url(n.url), "reference": _ref(n)} for n in rows
            ],
            "DESK": settings.DESK_CONTACT,
        }
        text, html = render_email("notifications/email/digest", context)
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[Signaalloket] Dagoverzicht: %(count)s berichten") % {"count": len(rows)}
        email_send(to=user.email, subject=subject, text=text, html=html)
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
        return len(rows)


def _ref(notification: Notification) -> str:
    return notification.signal.reference if notification.signal_id else ""


def notification_mark_read(*, notification: Notification, actor) -> Notification:
    if notification.recipient_id != getattr(actor, "pk", None):
        raise NotAllowed()
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        notification.refresh_from_db()
    return notification


def notification_mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preference_set(
    *, user, actor, email_mode: str, expected_version: int | None = None
) -> NotificationPreference:
    if getattr(actor, "pk", None) != user.pk:
        raise NotAllowed(_("U kunt alleen uw eigen voorkeuren wijzigen."))
    if email_mode not in EmailMode.values:
        raise ValidationFailed(_("Kies een geldige voorkeur."), field="email_mode")
    with transaction.atomic():
        pref, created = NotificationPreference.objects.get_or_create(
            user=user, defaults={"email_mode": email_mode}
        )
        if not created:
            if expected_version is not None and pref.version != expected_version:
                raise Conflict()
            NotificationPreference.objects.filter(pk=pref.pk).update(
                email_mode=email_mode, version=F("version") + 1
            )
            pref.refresh_from_db()
        audit_event_record(
            event_type="notification.preference", actor=actor, data={"email_mode": email_mode}
        )
    return pref
