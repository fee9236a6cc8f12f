"""Guard checks that depend on other apps. Each app plugs in its own check here.

The defaults keep the workflow usable before the drafting, documents and effect-inquiry
features exist; those features replace them by registering a check.
"""

from collections.abc import Callable

_checks: dict[str, Callable] = {}


def register(name: str, check: Callable) -> None:
    _checks[name] = check


def _run(name: str, signal, default: bool) -> bool:
    check = _checks.get(name)
    return default if check is None else bool(check(signal))


def response_document_exists(signal) -> bool:
    return _run("response_document_exists", signal, default=signal.response_received_on is not None)


def effect_answer_exists(signal) -> bool:
    return _run("effect_answer_exists", signal, default=False)


def draft_ready_for_fact_check(signal) -> bool:
    return _run("draft_ready_for_fact_check", signal, default=True)
