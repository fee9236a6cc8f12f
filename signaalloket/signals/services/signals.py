from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.audit.changes import field_changes, snapshot
from signaalloket.audit.services import audit_event_record
from signaalloket.core.dates import today
from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.organisations.models import Organisation

from ..models import (
    Confidentiality,
    ContactStatus,
    Criterion,
    CriterionAssessment,
    ReferenceCounter,
    Signal,
    Submitter,
    SubmitterContact,
    Theme,
)
from ..permissions import may_create_signal, may_edit_signal

EDITABLE_FIELDS = (
    "title",
    "summary",
    "origin",
    "confidentiality",
    "advice",
    "advice_reason",
    "alternative_route",
    "case_handler",
)
DESK_ONLY_FIELDS = ("advice", "advice_reason", "alternative_route", "case_handler")


def next_reference(year: int) -> tuple[int, str]:
    """Hand out the next number of the year. Must run inside the creating transaction.

    The UPDATE takes the row lock (PostgreSQL) or the database write lock (SQLite) before
    the number is read, so concurrent creations get distinct, consecutive numbers and a
    rolled-back creation gives its number back: the sequence has no gaps.
    """
    if not ReferenceCounter.objects.filter(year=year).exists():
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last_number=0)
        except IntegrityError:
            pass  # created by a concurrent transaction
    ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
    number = ReferenceCounter.objects.get(year=year).last_number
    return number, f"BS-{year}-{number:03d}"


def _clean_text(
    value: str, *, field: str, label: str, max_length: int, required: bool = False
) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ValidationFailed(_("%(label)s is verplicht.") % {"label": label}, field=field)
    if len(value) > max_length:
        raise ValidationFailed(
            _("%(label)s is te lang (%(length)d tekens, maximaal %(max)d).")
            % {"label": label, "length": len(value), "max": max_length},
            field=field,
        )
    return value


def signal_create(
    *,
    actor,
    title: str,
    summary: str = "",
    lead_organisation: Organisation,
    confidentiality: str = Confidentiality.CONFIDENTIAL,
    themes: Iterable[Theme] = (),
    origin: str = "",
    year: int | None = None,
) -> Signal:
    if not may_create_signal(actor):
        raise NotAllowed(_("U mag geen bestuurlijk signaal aanmaken."))
    access = access_for(actor)
    if not access.is_desk and lead_organisation.pk not in access.submitter_org_ids:
        raise NotAllowed(_("U kunt alleen namens uw eigen organisatie een signaal starten."))
    title = _clean_text(title, field="title", label=_("Titel"), max_length=300, required=True)
    summary = _clean_text(summary, field="summary", label=_("Samenvatting"), max_length=20000)
    origin = _clean_text(origin, field="origin", label=_("Herkomst"), max_length=20000)
    if confidentiality not in Confidentiality.values:
        raise ValidationFailed(_("Kies een geldige rubricering."), field="confidentiality")
    with transaction.atomic():
        year = year or today().year
        number, reference = next_reference(year)
        signal = Signal.objects.create(
            reference=reference,
            year=year,
            number=number,
            title=title,
            summary=summary,
            origin=origin,
            confidentiality=confidentiality,
            created_by=actor,
            case_handler=actor if access.is_desk else None,
        )
        signal.themes.set(list(themes))
        CriterionAssessment.objects.bulk_create(
            CriterionAssessment(signal=signal, criterion=c) for c in Criterion.values
        )
        Submitter.objects.create(
            signal=signal,
            organisation=lead_organisation,
            is_lead=True,
            contact_person=None if access.is_desk else actor,
        )
        if not access.is_desk:
            SubmitterContact.objects.create(
                signal=signal,
                organisation=lead_organisation,
                user=actor,
                status=ContactStatus.CONFIRMED,
                proposed_by=actor,
                confirmed_by=actor,
                confirmed_at=timezone.now(),
            )
        audit_event_record(
            event_type="signal.created",
            actor=actor,
            signal=signal,
            organisation=lead_organisation,
            data={"reference": reference, "title": title},
        )
    return signal


def signal_update(
    *, signal: Signal, actor, expected_version: int, themes=None, **changes
) -> Signal:
    """Change a signal's editable fields; refuses when someone else saved in between."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Onbekende velden: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if not may_edit_signal(actor, signal):
        raise NotAllowed(_("U mag dit signaal niet wijzigen."))
    if not access_for(actor).is_desk and set(changes) & set(DESK_ONLY_FIELDS):
        raise NotAllowed(_("Alleen het loket geeft advies."))
    if "title" in changes:
        changes["title"] = _clean_text(
            changes["title"], field="title", label=_("Titel"), max_length=300, required=True
        )
    for name, label in (
        ("summary", _("Samenvatting")),
        ("origin", _("Herkomst")),
        ("advice_reason", _("Motivering")),
    ):
        if name in changes:
            changes[name] = _clean_text(changes[name], field=name, label=label, max_length=20000)
    if "confidentiality" in changes and changes["confidentiality"] not in Confidentiality.values:
        raise ValidationFailed(_("Kies een geldige rubricering."), field="confidentiality")
    after = dict(changes)
    if themes is not None:
        after["themes"] = list(themes)
    with transaction.atomic():
        stored = (
            Signal.objects.select_for_update()
            .filter(pk=signal.pk, version=expected_version)
            .first()
        )
        if stored is None:
            raise Conflict(current=signal)
        diff = field_changes(snapshot(stored, after), after)
        if not diff:
            return signal  # nothing changed: no event, same version, same updated_at
        columns = {name: changes[name] for name in diff if name != "themes"}
        Signal.objects.filter(pk=signal.pk).update(
            **columns, version=F("version") + 1, updated_at=timezone.now()
        )
        signal.refresh_from_db()
        if "themes" in diff:
            signal.themes.set(after["themes"])
        audit_event_record(
            event_type="signal.updated",
            actor=actor,
            signal=signal,
            data={"fields": sorted(diff), "changes": diff},
        )
    return signal


def criterion_assess(
    *,
    signal: Signal,
    actor,
    criterion: str,
    met: bool | None,
    motivation: str,
    expected_version: int,
) -> CriterionAssessment:
    if not may_edit_signal(actor, signal):
        raise NotAllowed(_("U mag dit signaal niet wijzigen."))
    motivation = _clean_text(
        motivation, field="motivation", label=_("Motivering"), max_length=20000
    )
    with transaction.atomic():
        stored = (
            CriterionAssessment.objects.select_for_update()
            .filter(signal=signal, criterion=criterion, version=expected_version)
            .first()
        )
        if stored is None:
            raise Conflict(current=signal)
        after = {"met": met, "motivation": motivation}
        diff = field_changes(snapshot(stored, after), after)
        if not diff:
            return stored  # nothing changed: no event, same version
        CriterionAssessment.objects.filter(pk=stored.pk).update(
            met=met, motivation=motivation, version=F("version") + 1
        )
        audit_event_record(
            event_type="criterion.assessed",
            actor=actor,
            signal=signal,
            data={"criterion": criterion, "met": met, "fields": sorted(diff), "changes": diff},
        )
    return CriterionAssessment.objects.get(signal=signal, criterion=criterion)
