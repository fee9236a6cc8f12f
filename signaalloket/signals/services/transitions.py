from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import NotAllowed, NotFound, TransitionRefused, ValidationFailed
from signaalloket.core.events import publish_on_commit

from .. import workflow
from ..models import Signal, StateChange
from ..permissions import roles_on_signal
from .effects import EFFECTS


def signal_transition(
    *,
    signal: Signal,
    actor,
    to: str,
    reason: str = "",
    expected_state: str | None = None,
    system: bool = False,
) -> Signal:
    """Move a signal along the transition table; the only way to change its state.

    Locks the row, checks role, reason and guards, writes StateChange + AuditEvent, runs the
    deadline effects, all in one transaction; notifications go out after commit.
    `expected_state` guards against acting on a stale page (two people pressing at once).
    """
    reason = (reason or "").strip()
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
        roles = {workflow.SYSTEM} if system else roles_on_signal(actor, locked)
        if not roles & transition.roles:
            raise NotAllowed(_("U mag deze stap in de procedure niet zetten."))
        if transition.requires_reason and not reason:
            raise ValidationFailed(_("Geef een reden op voor deze stap."), field="reason")
        problems = workflow.failing_guards(transition, locked)
        if problems:
            raise TransitionRefused(" ".join(problems))
        locked.state = transition.target
        locked.state_changed_at = timezone.now()
        for name in transition.effects:
            EFFECTS[name](signal=locked, actor=None if system else actor)
        locked.version += 1
        locked.save()
        StateChange.objects.create(
            signal=locked,
            from_state=source,
            to_state=transition.target,
            actor=None if system else actor,
            reason=reason,
        )
        audit_event_record(
            event_type="signal.transitioned",
            actor=None if system else actor,
            signal=locked,
            data={"from": source, "to": transition.target, "reason": reason},
        )
        publish_on_commit(
            "signal.transitioned",
            signal_id=locked.pk,
            source=source,
            target=str(transition.target),
            actor_id=None if system else getattr(actor, "pk", None),
            reason=reason,
        )
    signal.refresh_from_db()
    return locked
