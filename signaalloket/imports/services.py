"""Import of historical signals from CSV or XLSX.

1. `import_job_create` reads the file, validates every row and stores the result (dry run):
   what would be created, which rows are rejected and why. Nothing is created yet.
2. `import_job_process_next` creates the next chunk of valid rows, through the signal
   services; the page polls it (htmx) or the user presses "verwerk" (no JS) until done.

Columns (first row, case-insensitive): jaar, titel, samenvatting, herkomst, indieners
(organisation names separated by ';', the first is the lead submitter), ministeries (codes or
names, ';'), status (Dutch label or code; default Afgesloten), rubricering, thema's,
aangeboden op, reactie ontvangen op, reactie aangeboden op, afgesloten op.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import DomainError, NotAllowed, ValidationFailed
from signaalloket.organisations.models import Office, Organisation
from signaalloket.signals.models import Signal, Theme
from signaalloket.signals.services import signal_create, signal_transition, signal_update
from signaalloket.signals.services.participants import addressee_add, submitter_add
from signaalloket.signals.states import MAIN_PATH

from .history import history_steps
from .models import ImportJob, ImportStatus
from .permissions import may_import_signals
from .validation import (
    COLUMNS,
    DATE_FIELDS,
    MAX_BYTES,
    MAX_ROWS,
    Lookups,
    cell,
    read_rows,
    validate,
)

CHUNK_SIZE = 25


def import_job_create(*, actor, filename: str, content: bytes) -> ImportJob:
    """Read and validate a file (dry run). Creates nothing but the ImportJob record."""
    if not may_import_signals(actor):
        raise NotAllowed(_("Alleen een loketmanager importeert historische signalen."))
    if len(content) > MAX_BYTES:
        raise ValidationFailed(_("Het bestand is te groot (maximaal 5 MB)."), field="file")
    rows = read_rows(filename, content)
    if not rows:
        raise ValidationFailed(_("Het bestand is leeg."), field="file")
    header = [cell(value).lower() for value in rows[0]]
    mapping = {index: COLUMNS[name] for index, name in enumerate(header) if name in COLUMNS}
    missing = {"jaar", "titel", "indieners"} - set(header)
    if missing:
        raise ValidationFailed(
            _("Verplichte kolommen ontbreken: %(columns)s.")
            % {"columns": ", ".join(sorted(missing))},
            field="file",
        )
    body = [row for row in rows[1:] if any(cell(v) for v in row)]
    if len(body) > MAX_ROWS:
        raise ValidationFailed(_("Te veel rijen (maximaal %(n)s).") % {"n": MAX_ROWS}, field="file")
    lookups = Lookups()
    valid, rejected, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell(v) for v in row):
            continue
        raw = {field: cell(row[i]) if i < len(row) else "" for i, field in mapping.items()}
        data, errors = validate(raw, lookups, seen)
        if errors:
            rejected.append({"row": number, "title": raw.get("title", ""), "errors": errors})
        else:
            valid.append({"row": number, "data": data})
    with transaction.atomic():
        job = ImportJob.objects.create(
            filename=filename[:255], created_by=actor, rows=valid, rejected=rejected
        )
        audit_event_record(
            event_type="import.validated",
            actor=actor,
            data={
                "job": job.pk,
                "file": job.filename,
                "valid": len(valid),
                "rejected": len(rejected),
            },
        )
    return job


# Creating -----------------------------------------------------------------------------------


def signal_import_row(*, actor, data: dict, source: str) -> Signal:
    """Create one historical signal through the signal services and walk it to its state.

    Each step is a `signal_transition` in historical mode, dated from the file (see
    history.py): the same state changes, audit events, timeline and deadlines as a signal
    that went the same way live, without notifications.
    """
    if not may_import_signals(actor):
        raise NotAllowed(_("Alleen een loketmanager importeert historische signalen."))
    organisations = Organisation.objects.in_bulk(data["organisations"])
    offices = Office.objects.in_bulk(data["offices"])
    now = timezone.now()
    with transaction.atomic():
        signal = signal_create(
            actor=actor,
            title=data["title"],
            summary=data["summary"],
            origin=data["origin"],
            lead_organisation=organisations[data["organisations"][0]],
            confidentiality=data["confidentiality"],
            themes=Theme.objects.filter(pk__in=data["themes"]),
            year=data["year"],
        )
        for pk in data["organisations"][1:]:
            submitter_add(signal=signal, actor=actor, organisation=organisations[pk])
        for index, pk in enumerate(data["offices"]):
            addressee_add(
                signal=signal, actor=actor, office=offices[pk], is_coordinating=index == 0
            )
        state = data["state"]
        if state in MAIN_PATH[1:]:
            signal = signal_update(
                signal=signal, actor=actor, expected_version=signal.version, advice="suitable"
            )
        for transition, at in history_steps(data, now=now):
            signal = signal_transition(
                signal=signal, actor=actor, to=transition.target, reason=f"Import: {source}", at=at
            )
        audit_event_record(
            event_type="signal.imported",
            actor=actor,
            signal=signal,
            data={
                "source": source,
                "state": state,
                **{name: data.get(name) for name in DATE_FIELDS},
            },
        )
    signal.refresh_from_db()
    return signal


def import_job_process_next(*, job: ImportJob, actor, chunk_size: int = CHUNK_SIZE) -> ImportJob:
    """Create the next chunk of rows. Safe to call twice at once: the job row is locked."""
    if not may_import_signals(actor):
        raise NotAllowed(_("Alleen een loketmanager importeert historische signalen."))
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status == ImportStatus.DONE:
            return locked
        start = locked.processed
        batch = locked.rows[start : start + chunk_size]
        created, failed = list(locked.created_signal_ids), list(locked.failed)
        for item in batch:
            source = f"{locked.filename}, rij {item['row']}"
            try:
                with transaction.atomic():
                    signal = signal_import_row(actor=actor, data=item["data"], source=source)
                created.append(signal.pk)
            except DomainError as exc:
                failed.append({"row": item["row"], "errors": [exc.message]})
        processed = start + len(batch)
        status = ImportStatus.DONE if processed >= len(locked.rows) else ImportStatus.RUNNING
        ImportJob.objects.filter(pk=locked.pk).update(
            processed=processed, created_signal_ids=created, failed=failed, status=status
        )
        if status == ImportStatus.DONE:
            audit_event_record(
                event_type="import.done",
                actor=actor,
                data={"job": locked.pk, "created": len(created), "failed": len(failed)},
            )
    locked.refresh_from_db()
    return locked
