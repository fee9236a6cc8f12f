"""What a transition does besides changing the state. Named in workflow.TRANSITIONS."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.core.dates import add_months, today
from signaalloket.deadlines.models import DeadlineKind
from signaalloket.deadlines.services import deadline_close_open, deadline_start


def mark_fact_check_started(*, signal, actor) -> None:
    if signal.fact_check_started_at is None:
        signal.fact_check_started_at = timezone.now()


def start_response_deadline(*, signal, actor) -> None:
    signal.offered_on = today()
    deadline_start(
        signal=signal,
        kind=DeadlineKind.RESPONSE,
        due_date=add_months(signal.offered_on, settings.RESPONSE_PERIOD_MONTHS),
        actor=actor,
    )


def meet_response_deadline(*, signal, actor) -> None:
    signal.response_received_on = signal.response_received_on or today()
    deadline_close_open(signal=signal, kind=DeadlineKind.RESPONSE, met=True, actor=actor)


def start_effect_deadline(*, signal, actor) -> None:
    signal.response_delivered_on = today()
    deadline_start(
        signal=signal,
        kind=DeadlineKind.EFFECT_INQUIRY,
        due_date=add_months(signal.response_delivered_on, settings.EFFECT_PERIOD_MONTHS),
        actor=actor,
    )


def meet_effect_deadline(*, signal, actor) -> None:
    deadline_close_open(signal=signal, kind=DeadlineKind.EFFECT_INQUIRY, met=True, actor=actor)


def start_effect_answer_deadline(*, signal, actor) -> None:
    deadline_start(
        signal=signal,
        kind=DeadlineKind.EFFECT_ANSWER,
        due_date=add_months(today(), settings.EFFECT_ANSWER_PERIOD_MONTHS),
        actor=actor,
    )


def stop_clock(*, signal, actor) -> None:
    if signal.state == "closed":
        signal.closed_on = today()
        deadline_close_open(signal=signal, kind=None, met=True, actor=actor)
    else:
        deadline_close_open(
            signal=signal,
            kind=None,
            met=False,
            actor=actor,
            reason=_("Klok gestopt: signaal %(state)s")
            % {"state": signal.get_state_display().lower()},
        )


def reset_approvals(*, signal, actor) -> None:
    from .participants import submitter_approvals_reset

    submitter_approvals_reset(signal=signal, actor=actor)


EFFECTS = {
    name: globals()[name]
    for name in (
        "mark_fact_check_started",
        "start_response_deadline",
        "meet_response_deadline",
        "start_effect_deadline",
        "meet_effect_deadline",
        "start_effect_answer_deadline",
        "stop_clock",
        "reset_approvals",
    )
}
