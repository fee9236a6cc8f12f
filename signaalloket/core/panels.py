"""Sections of the signal page contributed by other apps.

An app registers a panel in its AppConfig.ready():

    register_panel(SignalPanel(key="documents", order=40, template="documents/_panel.html",
                               context=documents_panel_context))

`context(request, signal)` returns the panel's template context (or None to hide the panel).
It must run a fixed number of queries whatever the data size.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SignalPanel:
    key: str
    order: int
    template: str
    context: Callable  # (request, signal) -> dict | None


_panels: dict[str, SignalPanel] = {}


def register_panel(panel: SignalPanel) -> None:
    _panels[panel.key] = panel


def panels_for(request, signal) -> list[tuple[SignalPanel, dict]]:
    result = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        context = panel.context(request, signal)
        if context is not None:
            result.append((panel, context))
    return result
