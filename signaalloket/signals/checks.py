"""Fail closed: every guard and effect the transition table names must be registered."""

from django.core import checks

from signaalloket.core import procedure_hooks

from . import workflow


def check_workflow_hooks(app_configs=None, transitions=None, **kwargs) -> list[checks.Error]:
    errors = []
    guards = procedure_hooks.registered_guards()
    effects = procedure_hooks.registered_effects()
    for t in workflow.TRANSITIONS if transitions is None else transitions:
        edge = f"{t.source.value} -> {t.target.value}"
        for guard in t.guards:
            if guard.name not in guards:
                errors.append(
                    checks.Error(
                        f"Transition {edge} names guard {guard.name!r}, which no app registers.",
                        hint="Call core.procedure_hooks.register_guard() in the owning "
                        "app's AppConfig.ready().",
                        id="signals.E001",
                    )
                )
        for name in t.effects:
            if name not in effects:
                errors.append(
                    checks.Error(
                        f"Transition {edge} names effect {name!r}, which no app registers.",
                        hint="Call core.procedure_hooks.register_effect() in the owning "
                        "app's AppConfig.ready().",
                        id="signals.E002",
                    )
                )
    return errors
