"""Writing drafts, comments, format versions and personal-data decisions."""

from __future__ import annotations

import hashlib
import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.core.events import publish
from signaalloket.signals.models import Advice, Criterion, CriterionAssessment, Signal
from signaalloket.signals.services.signals import criterion_assess, signal_update

from . import pii
from .models import (
    MAX_SECTION_CHARS,
    Comment,
    DraftPassagePurge,
    DraftVersion,
    Format,
    FormatSection,
    NameListEntry,
    PiiDismissal,
    SignalFormat,
    Visibility,
)
from .permissions import (
    may_add_comment,
    may_add_internal_comment,
    may_dismiss_pii_finding,
    may_edit_draft,
    may_edit_format,
    may_edit_name_list,
    may_purge_draft_passage,
    may_resolve_comment,
)
from .selectors import format_current, format_for_signal


def _clean(value: str | None, *, label: str, max_length: int, field: str) -> str:
    value = (value or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip()
    if len(value) > max_length:
        raise ValidationFailed(
            _("%(label)s is te lang (%(n)s tekens, maximaal %(max)s).")
            % {"label": label, "n": f"{len(value):,}".replace(",", "."), "max": max_length},
            field=field,
        )
    return value


# Format ---------------------------------------------------------------------------------


def format_create_version(*, actor, sections: list[dict], note: str = "") -> Format:
    """A new format version becomes current; signals already started keep their version."""
    if not may_edit_format(actor):
        raise NotAllowed(_("Alleen een loketmanager mag het format wijzigen."))
    note = _clean(note, label=_("Toelichting"), max_length=500, field="note")
    cleaned = []
    keys = set()
    for index, section in enumerate(sections, start=1):
        title = _clean(section.get("title"), label=_("Titel"), max_length=200, field="title")
        if not title:
            raise ValidationFailed(_("Elk onderdeel heeft een titel nodig."), field="title")
        key = (section.get("key") or "").strip().lower()
        key = (
            re.sub(r"[^a-z0-9-]+", "-", key).strip("-")[:50]
            or re.sub(r"[^a-z0-9-]+", "-", title.lower()).strip("-")[:50]
        )
        if not key or key in keys:
            raise ValidationFailed(
                _("De sleutel van onderdeel %(n)s ontbreekt of komt dubbel voor.") % {"n": index},
                field="key",
            )
        keys.add(key)
        guidance = _clean(
            section.get("guidance"), label=_("Toelichting"), max_length=5000, field="guidance"
        )
        cleaned.append((key, title, guidance, bool(section.get("required"))))
    if not cleaned:
        raise ValidationFailed(_("Een format heeft ten minste één onderdeel."))
    with transaction.atomic():
        numbers = list(Format.objects.select_for_update().values_list("number", flat=True))
        last = max(numbers, default=0)
        Format.objects.filter(is_current=True).update(is_current=False)
        fmt = Format.objects.create(number=last + 1, is_current=True, note=note, created_by=actor)
        FormatSection.objects.bulk_create(
            FormatSection(format=fmt, order=i, key=k, title=t, guidance=g, required=r)
            for i, (k, t, g, r) in enumerate(cleaned, start=1)
        )
        audit_event_record(
            event_type="format.version_created",
            actor=actor,
            data={"number": fmt.number, "sections": [c[0] for c in cleaned], "note": note},
        )
    return fmt


# Draft versions -------------------------------------------------------------------------


def draft_save(
    *, signal: Signal, actor, texts: dict[str, str], expected_number: int, note: str = ""
) -> DraftVersion:
    """Save the draft as a new immutable version.

    `expected_number` is the latest version number the author started from (0 for none);
    if someone saved in between, nothing is stored and Conflict is raised.
    """
    if not may_edit_draft(actor, signal):
        raise NotAllowed(_("U mag de concepttekst van dit signaal niet wijzigen."))
    link = SignalFormat.objects.filter(signal=signal).select_related("format").first()
    fmt = link.format if link else format_current()
    if fmt is None:
        raise ValidationFailed(_("Er is nog geen format vastgesteld."))
    sections = list(fmt.sections.order_by("order"))
    known = {s.key: s for s in sections}
    unknown = set(texts) - set(known)
    if unknown:
        raise ValidationFailed(_("Onbekende onderdelen: %s") % ", ".join(sorted(unknown)))
    note = _clean(note, label=_("Toelichting"), max_length=300, field="note")
    cleaned: dict[str, str] = {}
    for section in sections:
        cleaned[section.key] = _clean(
            texts.get(section.key, ""),
            label=_("Het onderdeel ‘%(title)s’") % {"title": section.title},
            max_length=MAX_SECTION_CHARS,
            field=section.key,
        )
    with transaction.atomic():
        Signal.objects.select_for_update().filter(pk=signal.pk).first()  # serialise saves
        latest = DraftVersion.objects.filter(signal=signal).order_by("-number").first()
        latest_number = latest.number if latest else 0
        if latest_number != expected_number:
            raise Conflict(
                _(
                    "Iemand anders heeft de tekst intussen opgeslagen (versie %(n)s). Uw "
                    "wijziging is niet opgeslagen; kopieer uw tekst, open de nieuwste versie "
                    "en voer uw wijziging opnieuw in."
                )
                % {"n": latest_number},
                current=latest or signal,
            )
        if latest is not None and latest.texts == cleaned:
            raise ValidationFailed(_("Er zijn geen wijzigingen om op te slaan."))
        if link is None:
            SignalFormat.objects.get_or_create(signal=signal, defaults={"format": fmt})
        try:
            with transaction.atomic():
                version = DraftVersion.objects.create(
                    signal=signal,
                    number=latest_number + 1,
                    format=fmt,
                    texts=cleaned,
                    note=note,
                    author=actor,
                )
        except IntegrityError as exc:
            raise Conflict(current=latest or signal) from exc
        previous = latest.texts if latest else {}
        audit_event_record(
            event_type="draft.saved",
            actor=actor,
            signal=signal,
            data={
                "version": version.number,
                "format": fmt.number,
                "changed_sections": [k for k in cleaned if cleaned[k] != previous.get(k, "")],
            },
        )
        # Synchronous, inside this transaction: e.g. approvals of the old text lapse.
        publish("draft.saved", signal=signal, actor=actor, version=version)
    return version


# Comments -------------------------------------------------------------------------------


def comment_add(
    *,
    signal: Signal,
    actor,
    section_key: str,
    body: str,
    visibility: str = Visibility.SHARED,
    parent: Comment | None = None,
) -> Comment:
    if not may_add_comment(actor, signal):
        raise NotAllowed(_("U mag bij dit signaal geen opmerkingen plaatsen."))
    if visibility not in Visibility.values:
        raise ValidationFailed(_("Kies of de opmerking intern of gedeeld is."), field="visibility")
    if visibility == Visibility.INTERNAL and not may_add_internal_comment(actor, signal):
        raise NotAllowed(_("Alleen het loket plaatst interne opmerkingen."))
    fmt = format_for_signal(signal)
    if fmt is None or section_key not in {s.key for s in fmt.sections.all()}:
        raise ValidationFailed(_("Kies een bestaand onderdeel."), field="section_key")
    body = _clean(body, label=_("De opmerking"), max_length=10000, field="body")
    if not body:
        raise ValidationFailed(_("Schrijf een opmerking."), field="body")
    if parent is not None:
        if parent.signal_id != signal.pk or parent.section_key != section_key:
            raise ValidationFailed(_("U kunt alleen reageren binnen hetzelfde onderdeel."))
        if parent.parent_id is not None:
            parent = parent.parent  # threads are one level deep: reply to the thread
        if parent.visibility == Visibility.INTERNAL and visibility != Visibility.INTERNAL:
            raise ValidationFailed(
                _("Een reactie op een interne opmerking is ook intern."), field="visibility"
            )
    latest = DraftVersion.objects.filter(signal=signal).order_by("-number").first()
    with transaction.atomic():
        comment = Comment.objects.create(
            signal=signal,
            section_key=section_key,
            parent=parent,
            draft_version=latest,
            visibility=visibility,
            body=body,
            author=actor,
        )
        audit_event_record(
            event_type="draft.comment_added",
            actor=actor,
            signal=signal,
            data={
                "comment": comment.pk,
                "section": section_key,
                "visibility": visibility,
                "parent": parent.pk if parent else None,
            },
        )
    return comment


def _comment_set_resolved(*, comment: Comment, actor, resolved: bool, expected_version: int):
    if not may_resolve_comment(actor, comment):
        raise NotAllowed(_("U mag deze opmerking niet afhandelen."))
    if comment.parent_id is not None:
        raise ValidationFailed(_("Alleen een hele discussie kan worden afgehandeld."))
    with transaction.atomic():
        updated = Comment.objects.filter(pk=comment.pk, version=expected_version).update(
            resolved_at=timezone.now() if resolved else None,
            resolved_by=actor if resolved else None,
            version=F("version") + 1,
        )
        if not updated:
            raise Conflict(current=comment)
        audit_event_record(
            event_type="draft.comment_resolved" if resolved else "draft.comment_reopened",
            actor=actor,
            signal=comment.signal,
            data={"comment": comment.pk},
        )
    comment.refresh_from_db()
    return comment


def comment_resolve(*, comment: Comment, actor, expected_version: int) -> Comment:
    return _comment_set_resolved(
        comment=comment, actor=actor, resolved=True, expected_version=expected_version
    )


def comment_reopen(*, comment: Comment, actor, expected_version: int) -> Comment:
    return _comment_set_resolved(
        comment=comment, actor=actor, resolved=False, expected_version=expected_version
    )


# Personal-data check --------------------------------------------------------------------


def pii_dismiss(
    *, signal: Signal, actor, section_key: str, fingerprint: str, kind: str, reason: str
) -> PiiDismissal:
    """Mark a finding as a false positive (desk only, with a reason, audited)."""
    if not may_dismiss_pii_finding(actor, signal):
        raise NotAllowed(_("Alleen het loket beoordeelt de persoonsgegevenscheck."))
    if kind not in pii.KIND_LABELS or not re.fullmatch(r"[0-9a-f]{40}", fingerprint or ""):
        raise ValidationFailed(_("Onbekende bevinding."))
    reason = _clean(reason, label=_("De reden"), max_length=2000, field="reason")
    if not reason:
        raise ValidationFailed(_("Geef aan waarom dit geen persoonsgegeven is."), field="reason")
    with transaction.atomic():
        dismissal, created = PiiDismissal.objects.get_or_create(
            signal=signal,
            section_key=section_key,
            fingerprint=fingerprint,
            defaults={"kind": kind, "reason": reason, "created_by": actor},
        )
        if created:
            audit_event_record(
                event_type="draft.pii_false_positive",
                actor=actor,
                signal=signal,
                data={
                    "section": section_key,
                    "kind": kind,
                    "fingerprint": fingerprint,
                    "reason": reason,
                },
            )
    return dismissal


def name_list_add(*, actor, name: str) -> NameListEntry:
    if not may_edit_name_list(actor):
        raise NotAllowed(_("Alleen het loket beheert de namenlijst."))
    name = _clean(name, label=_("De naam"), max_length=200, field="name")
    if len(name) < 2:
        raise ValidationFailed(_("Geef een naam van ten minste twee tekens."), field="name")
    with transaction.atomic():
        entry, created = NameListEntry.objects.get_or_create(
            name=name, defaults={"created_by": actor}
        )
        if not created and not entry.is_active:
            NameListEntry.objects.filter(pk=entry.pk).update(is_active=True)
        audit_event_record(event_type="draft.name_list_added", actor=actor, data={"id": entry.pk})
    entry.refresh_from_db()
    return entry


def name_list_deactivate(*, actor, entry: NameListEntry) -> None:
    if not may_edit_name_list(actor):
        raise NotAllowed(_("Alleen het loket beheert de namenlijst."))
    with transaction.atomic():
        NameListEntry.objects.filter(pk=entry.pk).update(is_active=False)
        audit_event_record(
            event_type="draft.name_list_deactivated", actor=actor, data={"id": entry.pk}
        )


# Intake (verkenning) --------------------------------------------------------------------


def intake_save(
    *,
    signal: Signal,
    actor,
    assessments: dict[str, dict],
    advice: dict | None = None,
    expected_signal_version: int | None = None,
) -> Signal:
    """Save the criteria assessments (and, for the desk, the advice) all or nothing.

    `assessments` maps criterion -> {"met": bool|None, "motivation": str, "version": int}.
    """
    if advice is not None and advice.get("advice", "") not in Advice.values:
        raise ValidationFailed(_("Kies een geldig advies."), field="advice")
    current = {a.criterion: a for a in CriterionAssessment.objects.filter(signal=signal)}
    with transaction.atomic():
        for criterion in Criterion.values:
            values = assessments.get(criterion)
            if values is None:
                continue
            existing = current.get(criterion)
            if existing is None:
                continue
            motivation = (values.get("motivation") or "").strip()
            if existing.met == values.get("met") and existing.motivation == motivation:
                continue
            criterion_assess(
                signal=signal,
                actor=actor,
                criterion=criterion,
                met=values.get("met"),
                motivation=motivation,
                expected_version=values.get("version", existing.version),
            )
        if advice is not None:
            changes = {k: v for k, v in advice.items() if getattr(signal, k) != (v or "").strip()}
            if changes:
                signal = signal_update(
                    signal=signal,
                    actor=actor,
                    expected_version=expected_signal_version or signal.version,
                    **changes,
                )
    return signal


PURGED_MARKER = "[verwijderd]"


def draft_passage_purge(
    *, signal: Signal, actor, passage: str, reason: str, versions: list[int] | None = None
) -> DraftPassagePurge:
    """Replace `passage` by a marker in earlier versions (all but the latest, or `versions`).

    The one deliberate exception to DraftVersion's immutability: a narrow queryset update
    of `texts` only. The record and the audit event keep a digest, never the passage.
    """
    if not may_purge_draft_passage(actor, signal):
        raise NotAllowed(_("Alleen het loket verwijdert passages uit eerdere versies."))
    passage = (passage or "").replace("\x00", "")
    reason = (reason or "").replace("\x00", "").strip()
    if not passage.strip():
        raise ValidationFailed(_("Geef de passage die verwijderd moet worden."), field="passage")
    if not reason:
        raise ValidationFailed(_("Geef een reden voor de verwijdering."), field="reason")
    with transaction.atomic():
        candidates = DraftVersion.objects.select_for_update().filter(signal=signal)
        latest = candidates.order_by("-number").values_list("number", flat=True).first()
        if versions is None:
            candidates = candidates.exclude(number=latest)
        else:
            candidates = candidates.filter(number__in=list(versions))
        purged: list[int] = []
        for version in candidates.order_by("number"):
            texts = {
                key: (text or "").replace(passage, PURGED_MARKER)
                for key, text in version.texts.items()
            }
            if texts != version.texts:
                DraftVersion.objects.filter(pk=version.pk).update(texts=texts)
                purged.append(version.number)
        if not purged:
            raise ValidationFailed(
                _("Deze passage staat in geen van de gekozen eerdere versies."), field="passage"
            )
        digest = hashlib.sha256(passage.encode()).hexdigest()
        record = DraftPassagePurge.objects.create(
            signal=signal,
            actor=actor,
            reason=reason,
            version_numbers=purged,
            passage_sha256=digest,
            passage_length=len(passage),
        )
        audit_event_record(
            event_type="draft.passage_purged",
            actor=actor,
            signal=signal,
            data={
                "purge": record.pk,
                "versions": purged,
                "sha256": digest[:12],
                "length": len(passage),
                "reason": reason,
            },
        )
    pii._scan_cached.cache_clear()
    return record
