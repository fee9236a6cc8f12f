import datetime as dt
from contextlib import nullcontext

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record, audit_history
from signaalloket.core import procedure_hooks
from signaalloket.core.errors import NotAllowed, NotFound, TransitionRefused, ValidationFailed
from signaalloket.core.events import publish_on_commit

from .. import workflow
from ..models import Signal, StateChange
from ..permissions import roles_on_signal, transition_open_to


def signal_transition(
    *,
    signal: Signal,
    actor,
    to: str,
    reason: str = "",
    expected_state: str | None = None,
    system: bool = False,
    at: dt.datetime | None = None,
) -> Signal:
    """Move a signal along the transition table; the only way to change its state.

    Locks the row, checks role, reason and guards, writes StateChange + AuditEvent, runs the
    effects, all in one transaction; notifications go out after commit.
    `expected_state` guards against acting on a stale page (two people pressing at once).

    Historical mode (`at` given, for the importer): the transition happened at `at`, a
    timezone-aware moment not in the future (else ValueError: the importer validates its
    input first, so this is a programming error). The caller has checked that it may import, so
    no role is checked, and guards are not checked either (history is a fact, not a
    request). The edge must still be in the table. A reason is stored when given but not
    required: old records often lack one. Effects run with `at` (deadlines count from its
    date) except those registered with `historical=False` (the offering letter); the
    StateChange and `state_changed_at` carry `at`; every audit event of the step (the
    transition's and its effects') is written now, with `"historical": true` and `at` in its
    data (`audit_history`). Nothing is published, so no notification or mail goes out.
    """
    reason = (reason or "").strip()
    historical = at is not None
    if historical and (timezone.is_naive(at) or at > timezone.now()):
        raise ValueError("a historical transition needs an aware moment that is not in the future")
    with transaction.atomic():
        try:
            locked = Signal.objects.select_for_update().get(pk=signal.pk)
        except Signal.DoesNotExist as exc:
            raise NotFound() from exc
        source = locked.state
        if expected_state is not None and source != expected_state:
            raise TransitionRefused(
                _(
                    "De status van dit signaal is intussen gewijzigd door iemand anders. "
                    "Bekijk de actuele stand en probeer het opnieuw."
                )
            )
        transition = workflow.find(source, to)
        if transition is None:
            raise TransitionRefused(
                _("Van '%(source)s' kan het signaal niet naar '%(target)s'.")
                % {
                    "source": locked.get_state_display(),
                    "target": workflow.State(to).label if to in workflow.State.values else to,
                }
            )
        if not historical:
            roles = {workflow.SYSTEM} if system else roles_on_signal(actor, locked)
            if not transition_open_to(roles, transition):
                raise NotAllowed(_("U mag deze stap in de procedure niet zetten."))
            if transition.requires_reason and not reason:
                raise ValidationFailed(_("Geef een reden op voor deze stap."), field="reason")
            failed = workflow.failed_guards(transition, locked)
            problems = [str(g.message) for g in failed if not (g.unless_reason and reason)]
            if problems:
                raise TransitionRefused(" ".join(problems))
            # Guards passed only because a reason was given (Guard.unless_reason).
            overridden = [g.name for g in failed]
        else:
            overridden = []
        acting = None if system else actor
        moment = at if historical else timezone.now()
        locked.state = transition.target
        locked.state_changed_at = moment
        with audit_history(at) if historical else nullcontext():
            for name in transition.effects:
                if not historical or procedure_hooks.runs_in_history(name):
                    procedure_hooks.effect(name)(signal=locked, actor=acting, at=moment)
        locked.version += 1
        locked.save()
        change = StateChange.objects.create(
            signal=locked,
            from_state=source,
            to_state=transition.target,
            actor=acting,
            reason=reason,
        )
        data = {"from": source, "to": transition.target, "reason": reason}
        if overridden:
            data["overridden_guards"] = overridden
        if historical:
            # created_at is auto_now_add: set the historical moment after the insert.
            StateChange.objects.filter(pk=change.pk).update(created_at=at)
        with audit_history(at) if historical else nullcontext():
            audit_event_record(
                event_type="signal.transitioned", actor=acting, signal=locked, data=data
            )
        if not historical:
            publish_on_commit(
                "signal.transitioned",
                signal_id=locked.pk,
                source=source,
                target=str(transition.target),
                actor_id=getattr(acting, "pk", None),
                reason=reason,
            )
    signal.refresh_from_db()
    return locked
