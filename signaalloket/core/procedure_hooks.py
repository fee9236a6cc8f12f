"""Workflow guards and effects by name.

signals/workflow.py names them; the app that owns the data registers the code in its
AppConfig.ready(). A name in the table without code is a system check error at start-up
(signals/checks.py), so a missing registration never passes silently.

A guard is `check(signal) -> bool`; an effect is `effect(*, signal, actor, at) -> None`, run
inside the transition's transaction (`at` is the moment of the transition).
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_guards: dict[str, Callable] = {}
_effects: dict[str, Callable] = {}
_live_only: set[str] = set()


def _register(registry: dict, kind: str, name: str, func: Callable) -> None:
    known = registry.get(name)
    if known is not None and known is not func:
        raise ImproperlyConfigured(f"workflow {kind} {name!r} is registered twice")
    registry[name] = func


def register_guard(name: str, check: Callable) -> None:
    _register(_guards, "guard", name, check)


def register_effect(name: str, effect: Callable, *, historical: bool = True) -> None:
    """`historical=False`: skipped when an imported step is replayed (e.g. a letter that
    would be a new document, not part of the history)."""
    _register(_effects, "effect", name, effect)
    if not historical:
        _live_only.add(name)


def guard(name: str) -> Callable:
    return _guards[name]


def effect(name: str) -> Callable:
    return _effects[name]


def runs_in_history(name: str) -> bool:
    return name not in _live_only


def registered_guards() -> frozenset[str]:
    return frozenset(_guards)


def registered_effects() -> frozenset[str]:
    return frozenset(_effects)
