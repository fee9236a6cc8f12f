"""The deadline effects of transitions (named in signals/workflow.py, registered in apps.py).

Each runs as `effect(*, signal, actor, at)` inside the transition's transaction; `at` is the
moment of the transition (now, or the moment of an imported step), so every date derives
from `at`, never from today.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.core.dates import add_months

from .models import DeadlineKind
from .services import deadline_close_open, deadline_start


def _day(at):
    return timezone.localdate(at)


def start_response_deadline(*, signal, actor, at) -> None:
    signal.offered_on = _day(at)
    deadline_start(
        signal=signal,
        kind=DeadlineKind.RESPONSE,
        due_date=add_months(signal.offered_on, settings.RESPONSE_PERIOD_MONTHS),
        actor=actor,
    )


def meet_response_deadline(*, signal, actor, at) -> None:
    signal.response_received_on = signal.response_received_on or _day(at)
    deadline_close_open(
        signal=signal, kind=DeadlineKind.RESPONSE, met=True, actor=actor, on=_day(at)
    )


def start_effect_deadline(*, signal, actor, at) -> None:
    signal.response_delivered_on = _day(at)
    deadline_start(
        signal=signal,
        kind=DeadlineKind.EFFECT_INQUIRY,
        due_date=add_months(signal.response_delivered_on, settings.EFFECT_PERIOD_MONTHS),
        actor=actor,
    )


def meet_effect_deadline(*, signal, actor, at) -> None:
    deadline_close_open(
        signal=signal, kind=DeadlineKind.EFFECT_INQUIRY, met=True, actor=actor, on=_day(at)
    )


def start_effect_answer_deadline(*, signal, actor, at) -> None:
    deadline_start(
        signal=signal,
        kind=DeadlineKind.EFFECT_ANSWER,
        due_date=add_months(_day(at), settings.EFFECT_ANSWER_PERIOD_MONTHS),
        actor=actor,
    )


def stop_clock(*, signal, actor, at) -> None:
    if signal.state == "closed":
        signal.closed_on = _day(at)
        deadline_close_open(signal=signal, kind=None, met=True, actor=actor, on=_day(at))
    else:
        deadline_close_open(
            signal=signal,
            kind=None,
            met=False,
            actor=actor,
            reason=_("Klok gestopt: signaal %(state)s")
            % {"state": signal.get_state_display().lower()},
            on=_day(at),
        )


EFFECTS = {
    "start_response_deadline": start_response_deadline,
    "meet_response_deadline": meet_response_deadline,
    "start_effect_deadline": start_effect_deadline,
    "meet_effect_deadline": meet_effect_deadline,
    "start_effect_answer_deadline": start_effect_answer_deadline,
    "stop_clock": stop_clock,
}
