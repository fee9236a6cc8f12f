"""The guards and effects of the transition table that signals owns itself.

Registered in SignalsConfig.ready(); the other apps register theirs (see
core/procedure_hooks.py). "all_submitters_approved" is procedure's (approvals_services.py):
it checks the approval records of the current version and annexes.
"""

from .services.participants import submitter_approvals_reset


def has_addressee(signal) -> bool:
    return signal.addressees.exists()


def has_submitter(signal) -> bool:
    return signal.submitters.exists()


def advice_suitable(signal) -> bool:
    return signal.advice == "suitable"


def mark_fact_check_started(*, signal, actor, at) -> None:
    if signal.fact_check_started_at is None:
        signal.fact_check_started_at = at


def reset_approvals(*, signal, actor, at) -> None:
    submitter_approvals_reset(signal=signal, actor=actor)


GUARDS = {
    "has_addressee": has_addressee,
    "has_submitter": has_submitter,
    "advice_suitable": advice_suitable,
}
EFFECTS = {
    "mark_fact_check_started": mark_fact_check_started,
    "reset_approvals": reset_approvals,
}
