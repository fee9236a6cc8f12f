"""Guards and effects are registered by their apps; a name without code fails start-up."""

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from signaalloket.core import procedure_hooks
from signaalloket.signals import workflow
from signaalloket.signals.checks import check_workflow_hooks
from signaalloket.signals.states import State


def test_the_real_table_passes_the_check():
    assert check_workflow_hooks() == []
    call_command("check")  # raises SystemCheckError on any error


def test_an_unregistered_guard_or_effect_is_a_system_check_error():
    table = (
        workflow.T(
            State.INTAKE,
            State.DRAFTING,
            workflow.DESK,
            "x",
            guards=(workflow.Guard("no_such_guard", "x"),),
            effects=("no_such_effect",),
        ),
    )
    errors = check_workflow_hooks(transitions=table)
    assert [(type(e), e.id) for e in errors] == [
        (checks.Error, "signals.E001"),
        (checks.Error, "signals.E002"),
    ]
    assert "no_such_guard" in errors[0].msg and "no_such_effect" in errors[1].msg


def test_the_check_is_registered():
    assert check_workflow_hooks in checks.registry.registry.get_checks()


def test_every_registered_hook_is_used_by_the_table():
    used_guards = {g.name for t in workflow.TRANSITIONS for g in t.guards}
    used_effects = {name for t in workflow.TRANSITIONS for name in t.effects}
    assert procedure_hooks.registered_guards() == used_guards
    assert procedure_hooks.registered_effects() == used_effects


def test_a_second_registration_under_the_same_name_is_refused():
    with pytest.raises(ImproperlyConfigured):
        procedure_hooks.register_effect("stop_clock", lambda **kw: None)


def test_notifications_named_by_the_table_are_checked():
    from signaalloket.notifications.checks import check_transition_notifications

    assert check_transition_notifications() == []
    bad = workflow.T(
        State.INTAKE,
        State.DRAFTING,
        workflow.DESK,
        "x",
        notify=workflow.Notify("no_kind", "x", ("nobody",), link="nowhere"),
    )
    errors = check_transition_notifications(transitions=(bad,))
    assert [e.id for e in errors] == ["notifications.E001"] * 3
