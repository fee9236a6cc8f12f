"""The signal's history as a person reads it, built from its audit events.

One query whatever the number of events. Events of every app are described here (their
data keys are part of their service contract): the web layer sits above them all.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from signaalloket.accounts.context import access_for
from signaalloket.audit.models import AuditEvent
from signaalloket.deadlines.models import DeadlineKind
from signaalloket.documents.models import DocumentKind
from signaalloket.meetings.models import FactCheckMeeting, MeetingOutcome
from signaalloket.procedure.models import EffectOutcome
from signaalloket.signals.models import Criterion, CriterionAssessment, Signal
from signaalloket.signals.states import State

logger = logging.getLogger(__name__)

# Events that only the desk sees on the timeline.
DESK_ONLY = frozenset(
    {
        "signal.updated",
        "criterion.assessed",
        "comment.internal",
        "addressee.updated",
        "draft.pii_false_positive",
        "draft.passage_purged",
        "publication.set",
        "publication.consent",
    }
)
# Comment events are desk-only when the comment is internal (data["visibility"]).
COMMENT_EVENTS = ("draft.comment_added", "draft.comment_resolved", "draft.comment_reopened")


@dataclass(frozen=True)
class Entry:
    at: datetime
    actor: str
    text: str
    note: str = ""
    event_type: str = ""
    desk_only: bool = False

    # What `|date:"c"` and `|date:"j F Y H:i"` give, at a third of their cost: on a long
    # timeline the template spent more time formatting dates than on anything else.
    @cached_property
    def _local(self) -> datetime:
        return timezone.localtime(self.at)

    @property
    def at_iso(self) -> str:
        return self._local.isoformat()

    @property
    def at_text(self) -> str:
        moment = self._local
        return f"{moment.day} {MONTHS[moment.month]} {moment.year} {moment:%H:%M}"


def _format_date(value) -> str:
    if not value:
        return ""
    try:
        year, month, day = str(value)[:10].split("-")
    except ValueError:
        return str(value)
    return f"{day}-{month}-{year}"


def _format_local_datetime(value) -> str:
    """An ISO timestamp from the audit data (stored in UTC) as Dutch local time."""
    moment = parse_datetime(str(value))
    if moment is None:
        return str(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _deadline_kind(data) -> str:
    return _label(DeadlineKind, data.get("kind"))


def _transitioned(data):
    return (
        _("Status gewijzigd van '%(source)s' naar '%(target)s'")
        % {"source": _label(State, data.get("from")), "target": _label(State, data.get("to"))},
        data.get("reason", ""),
    )


def _changed_labels(model, data) -> str:
    """The Dutch labels of the fields an update changed, in the order of the model.

    Reads `changes` ({field: {"old", "new"}}) and falls back to the older `fields` list.
    """
    changes = data.get("changes")
    names = list(changes) if isinstance(changes, dict) else list(data.get("fields") or [])
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())}
    labels = []
    for name in sorted(names, key=lambda n: (order.get(n, len(order)), str(n))):
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except Exception:  # an old field name stays readable as is
            labels.append(str(name))
    return ", ".join(labels)


def _fields(data):
    labels = _changed_labels(Signal, data)
    if not labels:
        return _("Gegevens gewijzigd"), ""
    return _("Gewijzigd: %(fields)s") % {"fields": labels}, ""


def _criterion(data):
    labels = _changed_labels(CriterionAssessment, data)
    note = _label(Criterion, data.get("criterion"))
    if labels:
        note = _("%(criterion)s. Gewijzigd: %(fields)s") % {"criterion": note, "fields": labels}
    return _("Criterium getoetst"), note


def _meeting_updated(data):
    text, note = _meeting(gettext_lazy("Ambtelijk overleg verplaatst"))(data)
    labels = _changed_labels(FactCheckMeeting, data)
    if labels:
        text = _("Ambtelijk overleg gewijzigd: %(fields)s") % {"fields": labels}
    return text, note


def _meeting(text):
    def describe(data):
        when = data.get("starts_at")
        note = ""
        if when:
            note = _format_local_datetime(when)
        if data.get("reason"):
            note = data["reason"]
        if data.get("outcome"):
            note = _label(MeetingOutcome, data["outcome"])
        return str(text), note.strip()

    return describe


def _document(text):
    def describe(data):
        note = data.get("reason", "")
        return str(text) % {"kind": _label(DocumentKind, data.get("kind")) or _("document")}, note

    return describe


def _effect(data):
    return _("Antwoord op de effectmeting vastgelegd"), _label(EffectOutcome, data.get("outcome"))


DESCRIPTIONS: dict[str, Callable[[dict], tuple[str, str]]] = {
    "signal.created": lambda d: (_("Signaal aangemaakt"), d.get("reference", "")),
    "signal.imported": lambda d: (_("Historisch signaal geïmporteerd"), d.get("source", "")),
    "signal.transitioned": _transitioned,
    "signal.updated": _fields,
    "criterion.assessed": _criterion,
    "submitter.added": lambda d: (
        _("Indiener toegevoegd: %(org)s") % {"org": d.get("organisation", "")},
        d.get("reason", ""),
    ),
    "submitter.removed": lambda d: (
        _("Indiener verwijderd: %(org)s") % {"org": d.get("organisation", "")},
        d.get("reason", ""),
    ),
    "submitter.lead_changed": lambda d: (
        _("Hoofdindiener gewijzigd: %(org)s") % {"org": d.get("organisation", "")},
        d.get("reason", ""),
    ),
    "submitter.strategic_rep_set": lambda d: (
        _("Strategisch vertegenwoordiger van %(org)s: %(person)s")
        % {"org": d.get("organisation", ""), "person": d.get("strategic_rep") or _("geen")},
        d.get("reason", ""),
    ),
    "contact.added": lambda d: (
        _("Contactpersoon van %(org)s toegevoegd: %(person)s")
        % {"org": d.get("organisation", ""), "person": d.get("person", "")},
        d.get("reason", ""),
    ),
    "contact.proposed": lambda d: (
        _("Contactpersoon van %(org)s voorgesteld: %(person)s")
        % {"org": d.get("organisation", ""), "person": d.get("person", "")},
        d.get("reason", ""),
    ),
    "contact.confirmed": lambda d: (
        _("Contactpersoon van %(org)s bevestigd: %(person)s")
        % {"org": d.get("organisation", ""), "person": d.get("person", "")},
        d.get("reason", ""),
    ),
    "contact.removed": lambda d: (
        _("Contactpersoon van %(org)s verwijderd: %(person)s")
        % {"org": d.get("organisation", ""), "person": d.get("person", "")},
        d.get("reason", ""),
    ),
    "signal.case_handler_set": lambda d: (
        _("Behandelaar loket: %(person)s") % {"person": d.get("case_handler") or _("geen")},
        d.get("reason", ""),
    ),
    "addressee.removed": lambda d: (
        _("Geadresseerde verwijderd: %(office)s") % {"office": d.get("office", "")},
        d.get("reason", ""),
    ),
    "submitter.approved": lambda d: (
        _("Definitief ingestemd door %(org)s") % {"org": d.get("organisation", "")}
        + (_(" (versie %(n)s)") % {"n": d["version"]} if d.get("version") else ""),
        d.get("note", ""),
    ),
    "approval.lapsed": lambda d: (
        _("Instemming van %(org)s met versie %(n)s vervallen")
        % {"org": d.get("organisation", ""), "n": d.get("version", "")},
        d.get("reason", ""),
    ),
    "addressee.added": lambda d: (
        _("Geadresseerde toegevoegd: %(office)s") % {"office": d.get("office", "")},
        _("penvoerder") if d.get("coordinating") else "",
    ),
    "addressee.updated": lambda d: (
        _("Geadresseerde gewijzigd: %(office)s") % {"office": d.get("office", "")},
        "",
    ),
    "addressee.contribution": lambda d: (
        _("Bijdrage %(office)s bijgewerkt") % {"office": d.get("office", "")},
        "",
    ),
    "deadline.started": lambda d: (
        _("Termijn '%(kind)s' gestart, uiterlijk %(date)s")
        % {"kind": _deadline_kind(d), "date": _format_date(d.get("due_date"))},
        "",
    ),
    "deadline.extended": lambda d: (
        _("Termijn '%(kind)s' verlengd van %(old)s naar %(new)s")
        % {
            "kind": _deadline_kind(d),
            "old": _format_date(d.get("from")),
            "new": _format_date(d.get("to")),
        },
        d.get("reason", ""),
    ),
    "deadline.met": lambda d: (
        _("Termijn '%(kind)s' afgerond") % {"kind": _deadline_kind(d)},
        "",
    ),
    "deadline.waived": lambda d: (
        _("Termijn '%(kind)s' vervallen") % {"kind": _deadline_kind(d)},
        d.get("reason", ""),
    ),
    "meeting.scheduled": _meeting(gettext_lazy("Ambtelijk overleg gepland")),
    "meeting.updated": _meeting_updated,
    "meeting.cancelled": _meeting(gettext_lazy("Ambtelijk overleg geannuleerd")),
    "meeting.held": _meeting(gettext_lazy("Ambtelijk overleg gehouden")),
    "document.uploaded": _document(gettext_lazy("Document toegevoegd: %(kind)s")),
    "document.version_added": _document(gettext_lazy("Nieuwe versie van een document: %(kind)s")),
    "document.retracted": _document(gettext_lazy("Document ingetrokken")),
    "response.registered": lambda d: (
        _("Gezamenlijke reactie geregistreerd"),
        _format_date(d.get("response_date")),
    ),
    "effect.answered": _effect,
    "draft.saved": lambda d: (
        _("Concepttekst opgeslagen (versie %(n)s)") % {"n": d.get("version", "")},
        "",
    ),
    "draft.comment_added": lambda d: (_("Opmerking geplaatst"), ""),
    "draft.comment_resolved": lambda d: (_("Opmerking afgehandeld"), ""),
    "draft.comment_reopened": lambda d: (_("Opmerking heropend"), ""),
    "draft.pii_false_positive": lambda d: (
        _("Melding persoonsgegevens beoordeeld als onterecht"),
        "",
    ),
    "draft.passage_purged": lambda d: (
        _("Passage verwijderd uit eerdere conceptversies (%(versions)s)")
        % {"versions": ", ".join(str(n) for n in d.get("versions", []))},
        d.get("reason", ""),
    ),
    "publication.set": lambda d: (_("Publicatie gewijzigd"), ""),
    "publication.consent": lambda d: (
        _("Toestemming voor publicatie van %(org)s") % {"org": d.get("organisation", "")},
        "",
    ),
}


def describe(event: AuditEvent) -> tuple[str, str]:
    data = event.data if isinstance(event.data, dict) else {}
    describer = DESCRIPTIONS.get(event.event_type)
    if describer is not None:
        try:
            return describer(data)
        except Exception:  # a malformed old event must not break the page
            logger.warning("Cannot describe audit event %s", event.pk, exc_info=True)
    return data.get("summary") or _("Wijziging vastgelegd (%(type)s)") % {
        "type": event.event_type
    }, ""


def _is_desk_only(event: AuditEvent) -> bool:
    if event.event_type in DESK_ONLY:
        return True
    return event.event_type in COMMENT_EVENTS and (event.data or {}).get("visibility") == "internal"


def timeline_for(*, signal, user) -> list[Entry]:
    """The signal's events in order, oldest first; desk-internal events only for the desk."""
    events = AuditEvent.objects.filter(signal=signal).select_related("actor").order_by("seq")
    is_desk = access_for(user).is_desk
    if not is_desk:
        events = events.exclude(event_type__in=DESK_ONLY).exclude(
            Q(event_type__in=COMMENT_EVENTS) & Q(data__visibility="internal")
        )
    entries = []
    for event in events:
        text, note = describe(event)
        actor = event.actor.full_name if event.actor else _("Systeem")
        entries.append(
            Entry(
                at=_moment(event),
                actor=actor,
                text=text,
                note=note,
                event_type=event.event_type,
                desk_only=_is_desk_only(event),
            )
        )
    # Imported history happened before the import that recorded it: oldest first by moment.
    entries.sort(key=lambda entry: entry.at)
    return entries


def _moment(event: AuditEvent) -> datetime:
    """When it happened: the recorded moment of an imported (historical) step, else now."""
    data = event.data or {}
    if data.get("historical") and data.get("at"):
        moment = parse_datetime(str(data["at"]))
        if moment is not None:
            return moment
    return event.created_at
