"""The signal's history as a person reads it, built from its audit events."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.audit.models import AuditEvent

from .states import State

# Events that only the desk sees on the timeline.
DESK_ONLY = frozenset({"signal.updated", "criterion.assessed", "comment.internal"})


@dataclass(frozen=True)
class Entry:
    at: datetime
    actor: str
    text: str
    note: str = ""


def _describe(event: AuditEvent) -> tuple[str, str]:
    data = event.data or {}
    kind = event.event_type
    if kind == "signal.transitioned":
        return (
            _("Status gewijzigd van '%(source)s' naar '%(target)s'")
            % {"source": State(data["from"]).label, "target": State(data["to"]).label},
            data.get("reason", ""),
        )
    if kind == "signal.created":
        return _("Signaal aangemaakt"), ""
    if kind == "signal.imported":
        return _("Historisch signaal geïmporteerd"), data.get("source", "")
    if kind == "signal.updated":
        return _("Gegevens gewijzigd"), ", ".join(data.get("fields", []))
    if kind == "submitter.added":
        return _("Indiener toegevoegd: %(org)s") % {"org": data.get("organisation", "")}, ""
    if kind == "submitter.approved":
        return _("Definitief ingestemd door %(org)s") % {"org": data.get("organisation", "")}, ""
    if kind == "addressee.added":
        return _("Geadresseerde toegevoegd: %(office)s") % {"office": data.get("office", "")}, ""
    if kind == "addressee.contribution":
        return _("Bijdrage %(office)s bijgewerkt") % {"office": data.get("office", "")}, ""
    if kind == "deadline.started":
        return _("Termijn gestart, uiterlijk %(date)s") % {
            "date": _format_date(data.get("due_date"))
        }, ""
    if kind == "deadline.extended":
        return (
            _("Termijn verlengd van %(old)s naar %(new)s")
            % {"old": _format_date(data.get("from")), "new": _format_date(data.get("to"))},
            data.get("reason", ""),
        )
    if kind == "deadline.met":
        return _("Termijn afgerond"), ""
    if kind == "deadline.waived":
        return _("Termijn vervallen"), data.get("reason", "")
    if kind == "criterion.assessed":
        return _("Criterium getoetst"), ""
    return data.get("summary") or kind, ""


def _format_date(value) -> str:
    if not value:
        return ""
    year, month, day = str(value)[:10].split("-")
    return f"{day}-{month}-{year}"


def timeline_for(*, signal, user) -> list[Entry]:
    events = AuditEvent.objects.filter(signal=signal).select_related("actor").order_by("seq")
    if not access_for(user).is_desk:
        events = events.exclude(event_type__in=DESK_ONLY)
    entries = []
    for event in events:
        text, note = _describe(event)
        actor = event.actor.full_name if event.actor else _("Systeem")
        entries.append(Entry(at=event.created_at, actor=actor, text=text, note=note))
    return entries
