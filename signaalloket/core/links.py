"""The page that shows an object, for code below the web layer that must point at one.

Services raise `Conflict(current=obj)` and send notifications about an object; they never
build a URL. The web layer registers, per model, how to reach the object's current page
(`web/links.py`, from WebConfig.ready()); `link_for(obj)` reverses it. A page for another purpose than showing the object (the
effect inquiry form of a signal) is registered and asked for by name.
"""

from collections.abc import Callable
from typing import Any

PAGE = "page"
EFFECT_FORM = "effect_form"  # a signal's effect inquiry form

_LINKS: dict[tuple[str, str], Callable[[Any], str]] = {}


def register_link(model_label: str, build: Callable[[Any], str], *, purpose: str = PAGE) -> None:
    """`model_label` is `app_label.ModelName`; `build(obj)` returns the path of its page."""
    _LINKS[(model_label, purpose)] = build


def link_for(obj, purpose: str = PAGE) -> str | None:
    """The path of the page that shows `obj` now (or serves `purpose`), or None (no object,
    nothing registered)."""
    if obj is None:
        return None
    build = _LINKS.get((obj._meta.label, purpose))
    return build(obj) if build else None
