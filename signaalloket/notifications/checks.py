"""Fail closed: every notification the transition table names can be delivered."""

from django.core import checks

from signaalloket.signals import workflow

from .handlers import LINKS, RECIPIENTS
from .models import NotificationKind


def check_transition_notifications(app_configs=None, transitions=None, **kwargs):
    errors = []
    for t in workflow.TRANSITIONS if transitions is None else transitions:
        if t.notify is None:
            continue
        edge = f"{t.source.value} -> {t.target.value}"
        problems = []
        if t.notify.kind not in NotificationKind.values:
            problems.append(f"kind {t.notify.kind!r}")
        problems += [f"recipients {g!r}" for g in t.notify.to if g not in RECIPIENTS]
        if t.notify.link not in LINKS:
            problems.append(f"link {t.notify.link!r}")
        for problem in problems:
            errors.append(
                checks.Error(
                    f"Transition {edge} notifies with unknown {problem}.",
                    hint="See notifications/handlers.py (RECIPIENTS, LINKS) and NotificationKind.",
                    id="notifications.E001",
                )
            )
    return errors
