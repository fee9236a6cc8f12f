"""Template helpers for the signal page frame."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Headings of the panels other apps contribute, for the "on this page" list. A panel whose key
# is not listed here is still shown; it just gets no entry in that list.
PANEL_LABELS = {
    "basics": _("Herkomst"),
    "draft": _("Concepttekst"),
    "deadlines": _("Termijnen"),
    "procedure": _("Procedure"),
    "fact_check_meeting": _("Ambtelijk overleg"),
    "documents": _("Documenten"),
    "similar": _("Vergelijkbare signalen"),
    "publication": _("Openbaar register"),
    "access_log": _("Inzageregistratie"),
}


@register.filter
def panel_label(key: str) -> str:
    return str(PANEL_LABELS.get(key, ""))
