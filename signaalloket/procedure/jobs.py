"""Due jobs of the procedure: start effect inquiries on their date, remind unanswered ones."""

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.core.errors import DomainError
from signaalloket.core.links import EFFECT_FORM, link_for
from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from signaalloket.notifications import recipients as r
from signaalloket.notifications.models import NotificationKind, SentReminder
from signaalloket.notifications.services import notification_create_many
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State

from .models import EffectAnswer

logger = logging.getLogger(__name__)


def start_due_effect_inquiries(now: dt.datetime) -> int:
    """At the effect date the signal moves to effect_inquiry; the transition notifies.

    One transaction per signal: each transition writes to the audit chain, whose lock is
    held until commit, so a batch in one transaction would hold it for the whole batch.
    """
    today = timezone.localdate(now)
    due = Deadline.objects.filter(
        kind=DeadlineKind.EFFECT_INQUIRY,
        status=DeadlineStatus.OPEN,
        due_date__lte=today,
        signal__state=State.RESPONSE_DELIVERED,
    )
    started = 0
    for pk in list(due.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                deadline = (
                    due.filter(pk=pk)
                    .select_for_update(skip_locked=True, of=("self",))
                    .select_related("signal")
                    .first()
                )
                if deadline is None:  # taken by another run, or moved on in between
                    continue
                signal_transition(
                    signal=deadline.signal,
                    actor=None,
                    to=State.EFFECT_INQUIRY,
                    expected_state=State.RESPONSE_DELIVERED,
                    system=True,
                )
        except DomainError as exc:  # moved on in between: nothing to do
            logger.info("effect inquiry for deadline %s skipped: %s", pk, exc)
            continue
        started += 1
    return started


def send_effect_reminders(now: dt.datetime) -> int:
    """One reminder to the submitters when the effect inquiry is unanswered after N days."""
    after = dt.timedelta(days=settings.EFFECT_REMINDER_AFTER_DAYS)
    sent = 0
    with transaction.atomic():
        deadlines = list(
            Deadline.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                kind=DeadlineKind.EFFECT_ANSWER,
                status=DeadlineStatus.OPEN,
                signal__state=State.EFFECT_INQUIRY,
                created_at__lte=now - after,
            )
            .exclude(signal__in=EffectAnswer.objects.values("signal"))
            .exclude(sent_reminders__key="effect-reminder")
            .select_related("signal")
        )
        for deadline in deadlines:
            try:
                with transaction.atomic():
                    SentReminder.objects.create(deadline=deadline, key="effect-reminder")
            except IntegrityError:
                continue
            signal = deadline.signal
            notification_create_many(
                recipients=r.submitter_recipients(signal),
                signal=signal,
                kind=NotificationKind.EFFECT_REMINDER,
                text=_(
                    "Herinnering: wilt u het korte formulier over het effect van signaal %(ref)s "
                    "invullen?"
                )
                % {"ref": signal.reference},
                url=link_for(signal, EFFECT_FORM) or "",
                dedupe_key=f"effect-reminder:{deadline.pk}",
            )
            sent += 1
    return sent
