"""Procedure deadlines (termijnen): start, close, waive and extend. Every write is audited."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.dates import today
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed

from .models import Deadline, DeadlineExtension, DeadlineStatus
from .permissions import may_extend_deadline


def deadline_start(*, signal, kind: str, due_date: dt.date, actor) -> Deadline:
    """Open a deadline of `kind`; a still-open deadline of the same kind is replaced (waived)."""
    with transaction.atomic():
        deadline_close_open(
            signal=signal,
            kind=kind,
            met=False,
            actor=actor,
            reason=_("Vervangen door nieuwe termijn"),
        )
        deadline = Deadline.objects.create(
            signal=signal, kind=kind, due_date=due_date, original_due_date=due_date
        )
        audit_event_record(
            event_type="deadline.started",
            actor=actor,
            signal=signal,
            data={"deadline": deadline.pk, "kind": kind, "due_date": due_date},
        )
    return deadline


def deadline_close_open(
    *, signal, kind: str | None, met: bool, actor, reason: str = "", on: dt.date | None = None
) -> int:
    """Close the signal's open deadlines (of one kind, or all): met, or waived with a reason.

    `on` is the day they closed (default today; a historical transition passes its own day).
    """
    closed = 0
    with transaction.atomic():
        queryset = Deadline.objects.filter(signal=signal, status=DeadlineStatus.OPEN)
        if kind is not None:
            queryset = queryset.filter(kind=kind)
        for deadline in queryset.select_for_update():
            deadline.status = DeadlineStatus.MET if met else DeadlineStatus.WAIVED
            deadline.closed_on = on or today()
            if not met:
                deadline.reason = (reason or "").strip() or _("Vervallen")
            deadline.version = F("version") + 1
            deadline.save(update_fields=["status", "closed_on", "reason", "version"])
            audit_event_record(
                event_type="deadline.met" if met else "deadline.waived",
                actor=actor,
                signal=signal,
                data={"deadline": deadline.pk, "kind": deadline.kind, "reason": deadline.reason},
            )
            closed += 1
    return closed


def deadline_extend(
    *, deadline: Deadline, actor, new_due_date: dt.date, reason: str, expected_version: int
) -> Deadline:
    """Move an open deadline to a later date; the old date and the reason stay in the history."""
    if not may_extend_deadline(actor, deadline):
        raise NotAllowed(_("Alleen het loket kan een termijn verlengen."))
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationFailed(_("Geef een reden voor de verlenging."), field="reason")
    if len(reason) > 5000:
        raise ValidationFailed(_("De reden is te lang (maximaal 5000 tekens)."), field="reason")
    if not isinstance(new_due_date, dt.date):
        raise ValidationFailed(_("Geef een geldige nieuwe datum."), field="new_due_date")
    with transaction.atomic():
        try:
            locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        except Deadline.DoesNotExist as exc:
            raise ValidationFailed(_("Deze termijn bestaat niet.")) from exc
        if locked.version != expected_version:
            raise Conflict(current=locked)
        if locked.status != DeadlineStatus.OPEN:
            raise ValidationFailed(_("Alleen een lopende termijn kan worden verlengd."))
        if new_due_date <= locked.due_date:
            raise ValidationFailed(
                _("De nieuwe datum moet later liggen dan de huidige termijn."),
                field="new_due_date",
            )
        DeadlineExtension.objects.create(
            deadline=locked,
            old_due_date=locked.due_date,
            new_due_date=new_due_date,
            reason=reason,
            actor=actor,
        )
        old = locked.due_date
        Deadline.objects.filter(pk=locked.pk).update(
            due_date=new_due_date, version=F("version") + 1
        )
        audit_event_record(
            event_type="deadline.extended",
            actor=actor,
            signal=locked.signal,
            data={
                "deadline": locked.pk,
                "kind": locked.kind,
                "from": old,
                "to": new_due_date,
                "reason": reason,
            },
        )
        locked.refresh_from_db()
        return locked
