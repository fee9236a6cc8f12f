"""A tiny in-process publish/subscribe, fired after commit, so apps react without import cycles.

Services call `publish_on_commit(...)`; e.g. notifications subscribe in their AppConfig.ready().
`publish(...)` calls the handlers at once, inside the caller's transaction: for reactions
that must take effect with the change itself (e.g. approvals lapse when the text changes),
and whose exceptions undo it.
"""

import logging
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)
_subscribers: dict[str, list[Callable]] = defaultdict(list)


def subscribe(event: str, handler: Callable) -> None:
    if handler not in _subscribers[event]:
        _subscribers[event].append(handler)


def publish(event: str, **payload) -> None:
    for handler in list(_subscribers[event]):
        handler(**payload)


def publish_on_commit(event: str, **payload) -> None:
    transaction.on_commit(lambda: publish(event, **payload), robust=True)
