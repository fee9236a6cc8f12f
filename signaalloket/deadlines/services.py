import datetime as dt

from django.db import transaction
from django.db.models import F

from signaalloket.audit.services import audit_event_record
from signaalloket.core.dates import today
from signaalloket.core.errors import Conflict, ValidationFailed

from .models import Deadline, DeadlineExtension, DeadlineStatus


def deadline_start(*, signal, kind: str, due_date: dt.date, actor) -> Deadline:
    # A restarted procedure step replaces the deadline that was still open for it.
    deadline_close_open(
        signal=signal, kind=kind, met=False, actor=actor, reason="Vervangen door nieuwe termijn"
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


def deadline_close_open(*, signal, kind: str | None, met: bool, actor, reason: str = "") -> int:
    queryset = Deadline.objects.filter(signal=signal, status=DeadlineStatus.OPEN)
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    closed = 0
    for deadline in queryset.select_for_update():
        deadline.status = DeadlineStatus.MET if met else DeadlineStatus.WAIVED
        deadline.closed_on = today()
        deadline.reason = reason if not met else deadline.reason
        if not met and not deadline.reason:
            deadline.reason = "Vervallen"
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
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Geef een reden voor de verlenging.", field="reason")
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.version != expected_version:
            raise Conflict()
        if locked.status != DeadlineStatus.OPEN:
            raise ValidationFailed("Alleen een lopende termijn kan worden verlengd.")
        if new_due_date <= locked.due_date:
            raise ValidationFailed(
                "De nieuwe datum moet later liggen dan de huidige termijn.", field="new_due_date"
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
