"""Due jobs: response-deadline reminders, the e-mail outbox and daily digests.

Each job is idempotent (what was sent is recorded) and safe to run twice at the same time
(rows are taken with select_for_update(skip_locked=True)).
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.core.links import link_for
from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from signaalloket.signals.states import State

from . import recipients as r
from .models import EmailMode, Notification, NotificationKind, NotificationPreference, SentReminder
from .services import notification_create_many, notification_digest_send, notification_mail_send


def reminder_key(deadline: Deadline, today: dt.date) -> str | None:
    """The reminder that is due today for this deadline, or None.

    Before the due date: the smallest configured offset that has been reached (so a late run
    sends one reminder, not a burst). On and after the due date: "day" and then one per week.
    The due date is part of the key, so an extended deadline gets its own reminders.
    """
    days_left = (deadline.due_date - today).days
    if days_left < 0:
        weeks = (-days_left) // 7
        if weeks >= 1:
            return f"{deadline.due_date.isoformat()}:overdue-{weeks}"
        return f"{deadline.due_date.isoformat()}:before-0" if 0 in offsets() else None
    reached = [o for o in offsets() if days_left <= o]
    if not reached:
        return None
    return f"{deadline.due_date.isoformat()}:before-{min(reached)}"


def offsets() -> list[int]:
    return sorted({int(o) for o in settings.REMINDER_OFFSETS_DAYS if int(o) >= 0}, reverse=True)


def _record(deadline: Deadline, key: str) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(deadline=deadline, key=key)
    except IntegrityError:
        return False
    return True


def send_response_reminders(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    sent = 0
    with transaction.atomic():
        deadlines = list(
            Deadline.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                kind=DeadlineKind.RESPONSE,
                status=DeadlineStatus.OPEN,
                signal__state=State.OFFERED,
                due_date__lte=today + dt.timedelta(days=max(offsets(), default=0)),
            )
            .select_related("signal", "signal__case_handler")
        )
        # One query for what was already sent: the sweep runs every few minutes and must not
        # try (and fail) an insert per overdue deadline each time (make bench, 100,000 signals).
        # (A join instead of a list of ids: no limit on the number of SQL parameters.)
        sent_before = (
            set(
                SentReminder.objects.filter(
                    deadline__kind=DeadlineKind.RESPONSE,
                    deadline__status=DeadlineStatus.OPEN,
                    deadline__signal__state=State.OFFERED,
                ).values_list("deadline_id", "key")
            )
            if deadlines
            else set()
        )
        for deadline in deadlines:
            key = reminder_key(deadline, today)
            if key is None or (deadline.pk, key) in sent_before or not _record(deadline, key):
                continue
            signal = deadline.signal
            days_left = (deadline.due_date - today).days
            params = {"ref": signal.reference, "date": deadline.due_date.strftime("%d-%m-%Y")}
            if days_left < 0:
                kind = NotificationKind.RESPONSE_OVERDUE
                text = (
                    _("De termijn voor de reactie op signaal %(ref)s is verstreken op %(date)s.")
                    % params
                )
            elif days_left == 0:
                kind = NotificationKind.RESPONSE_REMINDER
                text = (
                    _("Vandaag (%(date)s) verloopt de termijn voor de reactie op signaal %(ref)s.")
                    % params
                )
            else:
                kind = NotificationKind.RESPONSE_REMINDER
                text = (
                    _(
                        "Herinnering: de reactie op signaal %(ref)s wordt uiterlijk %(date)s verwacht."
                    )
                    % params
                )
            notification_create_many(
                recipients=r.official_recipients(signal, exclude_contributed=True)
                + r.desk_recipients(signal),
                signal=signal,
                kind=kind,
                text=text,
                url=link_for(signal) or "",
                dedupe_key=f"reminder:{deadline.pk}:{key}",
            )
            sent += 1
    return sent


def send_pending_mail(now: dt.datetime) -> int:
    """Outbox: immediate-mode notifications whose e-mail did not go out (e.g. SMTP was down)."""
    digest_users = NotificationPreference.objects.filter(email_mode=EmailMode.DIGEST).values(
        "user_id"
    )
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            email_skipped=False,
            created_at__lte=now - dt.timedelta(minutes=5),
        )
        .exclude(recipient_id__in=digest_users)
        .values_list("pk", flat=True)[:500]
    )
    return notification_mail_send(ids=ids) if ids else 0


def send_digests(now: dt.datetime) -> int:
    """Once a day, from DIGEST_HOUR on, one e-mail per digest user with their unsent messages."""
    local = timezone.localtime(now)
    if local.hour < settings.DIGEST_HOUR:
        return 0
    today = local.date()
    done = 0
    with transaction.atomic():
        prefs = list(
            NotificationPreference.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(email_mode=EmailMode.DIGEST, user__is_active=True)
            .exclude(last_digest_on=today)
            .select_related("user")
        )
        for pref in prefs:
            done += notification_digest_send(user=pref.user, now=now)
            NotificationPreference.objects.filter(pk=pref.pk).update(last_digest_on=today)
    return done
