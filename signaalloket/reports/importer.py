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

import csv
import datetime as dt
import io
import re

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import DomainError, NotAllowed, ValidationFailed
from signaalloket.organisations.models import Ministry, Office, OfficeKind, Organisation
from signaalloket.signals.models import Confidentiality, Signal, StateChange, Theme
from signaalloket.signals.services import signal_create
from signaalloket.signals.services.participants import addressee_add, submitter_add
from signaalloket.signals.states import MAIN_PATH, OFFICIAL_VISIBLE_STATES, State

from .models import ImportJob, ImportStatus

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
CHUNK_SIZE = 25
COLUMNS = {
    "jaar": "year",
    "titel": "title",
    "samenvatting": "summary",
    "herkomst": "origin",
    "indieners": "submitters",
    "ministeries": "ministries",
    "status": "state",
    "rubricering": "confidentiality",
    "thema's": "themes",
    "themas": "themes",
    "aangeboden op": "offered_on",
    "reactie ontvangen op": "response_received_on",
    "reactie aangeboden op": "response_delivered_on",
    "afgesloten op": "closed_on",
}
DATE_FIELDS = ("offered_on", "response_received_on", "response_delivered_on", "closed_on")
DATE_LABELS = {
    "offered_on": "aangeboden op",
    "response_received_on": "reactie ontvangen op",
    "response_delivered_on": "reactie aangeboden op",
    "closed_on": "afgesloten op",
}


def _require_manager(actor) -> None:
    if not access_for(actor).is_desk_manager:
        raise NotAllowed(_("Alleen een loketmanager importeert historische signalen."))


# Reading ------------------------------------------------------------------------------------


def _read_rows(filename: str, content: bytes) -> list[list]:
    if filename.lower().endswith(".xlsx"):
        import zipfile

        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ValidationFailed(_("Het Excel-bestand kan niet worden gelezen.")) from exc
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if filename.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        text = text.replace("\x00", "")
        sample = text[:4096]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ValidationFailed(_("Kies een CSV- of XLSX-bestand."), field="file")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_date(value: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]


class _Lookups:
    """Reference data loaded once per file (fixed queries, whatever the number of rows)."""

    def __init__(self):
        self.organisations = {
            o.name.lower(): o for o in Organisation.objects.filter(kind__in=["partner", "riec"])
        }
        self.ministries = {}
        for ministry in Ministry.objects.all():
            self.ministries.setdefault(ministry.code.lower(), ministry)
            self.ministries.setdefault(ministry.name.lower(), ministry)
        self.offices: dict[int, Office] = {}
        kind_order = {OfficeKind.MINISTER: 0, OfficeKind.STATE_SECRETARY: 1}
        for office in sorted(Office.objects.all(), key=lambda o: (kind_order.get(o.kind, 2), o.pk)):
            self.offices.setdefault(office.ministry_id, office)
        self.themes = {t.name.lower(): t for t in Theme.objects.all()}
        self.states = {}
        for value, label in State.choices:
            self.states[value] = value
            self.states[str(label).lower()] = value
        self.confidentiality = {}
        for value, label in Confidentiality.choices:
            self.confidentiality[value] = value
            self.confidentiality[str(label).lower()] = value
        self.existing = {
            (year, title.lower()) for year, title in Signal.objects.values_list("year", "title")
        }


def _validate(raw: dict, lookups: _Lookups, seen: set) -> tuple[dict, list[str]]:
    errors: list[str] = []
    data: dict = {}
    year_text = raw.get("year", "")
    try:
        year = int(year_text)
        if not 1990 <= year <= timezone.localdate().year:
            raise ValueError
        data["year"] = year
    except ValueError:
        errors.append(_("Jaar '%(value)s' is geen geldig jaar.") % {"value": year_text})
    title = raw.get("title", "")
    if not title:
        errors.append(_("Titel ontbreekt."))
    elif len(title) > 300:
        errors.append(_("Titel is te lang (maximaal 300 tekens)."))
    data["title"] = title
    for name, label in (("summary", _("Samenvatting")), ("origin", _("Herkomst"))):
        value = raw.get(name, "")
        if len(value) > 20000:
            errors.append(_("%(label)s is te lang.") % {"label": label})
        data[name] = value
    names = _split(raw.get("submitters", ""))
    if not names:
        errors.append(_("Geen indiener opgegeven."))
    organisations = []
    for name in names:
        organisation = lookups.organisations.get(name.lower())
        if organisation is None:
            errors.append(_("Onbekende indienende organisatie '%(name)s'.") % {"name": name})
        elif organisation.pk in organisations:
            errors.append(_("Indiener '%(name)s' staat er twee keer in.") % {"name": name})
        else:
            organisations.append(organisation.pk)
    data["organisations"] = organisations
    offices = []
    for name in _split(raw.get("ministries", "")):
        ministry = lookups.ministries.get(name.lower())
        if ministry is None:
            errors.append(_("Onbekend ministerie '%(name)s'.") % {"name": name})
        elif ministry.pk not in lookups.offices:
            errors.append(_("Ministerie '%(name)s' heeft geen bewindspersoon.") % {"name": name})
        elif lookups.offices[ministry.pk].pk not in offices:
            offices.append(lookups.offices[ministry.pk].pk)
    data["offices"] = offices
    state_text = raw.get("state", "") or str(State.CLOSED.label)
    state = lookups.states.get(state_text.lower()) or lookups.states.get(state_text)
    if state is None:
        errors.append(_("Onbekende status '%(value)s'.") % {"value": state_text})
    data["state"] = state
    if state in OFFICIAL_VISIBLE_STATES and not offices:
        errors.append(_("Een signaal in deze status heeft minstens één ministerie nodig."))
    conf_text = raw.get("confidentiality", "") or Confidentiality.CONFIDENTIAL
    confidentiality = lookups.confidentiality.get(conf_text.lower()) or lookups.confidentiality.get(
        conf_text
    )
    if confidentiality is None:
        errors.append(_("Onbekende rubricering '%(value)s'.") % {"value": conf_text})
    data["confidentiality"] = confidentiality
    themes = []
    for name in _split(raw.get("themes", "")):
        theme = lookups.themes.get(name.lower())
        if theme is None:
            errors.append(_("Onbekend thema '%(name)s'.") % {"name": name})
        else:
            themes.append(theme.pk)
    data["themes"] = themes
    for name in DATE_FIELDS:
        value = raw.get(name, "")
        if not value:
            data[name] = None
            continue
        try:
            data[name] = _parse_date(value).isoformat()
        except ValueError:
            errors.append(
                _("Datum '%(label)s' (%(value)s) is ongeldig; gebruik dd-mm-jjjj.")
                % {"label": DATE_LABELS[name], "value": value}
            )
            data[name] = None
    offered, received = data.get("offered_on"), data.get("response_received_on")
    if offered and received and received < offered:
        errors.append(_("De reactie kan niet vóór het aanbieden zijn ontvangen."))
    if "year" in data and title:
        key = (data["year"], title.lower())
        if key in lookups.existing:
            errors.append(_("Er bestaat al een signaal met deze titel in dit jaar."))
        elif key in seen:
            errors.append(_("Deze titel staat in dit jaar al eerder in het bestand."))
        seen.add(key)
    return data, errors


def import_job_create(*, actor, filename: str, content: bytes) -> ImportJob:
    """Read and validate a file (dry run). Creates nothing but the ImportJob record."""
    _require_manager(actor)
    if len(content) > MAX_BYTES:
        raise ValidationFailed(_("Het bestand is te groot (maximaal 5 MB)."), field="file")
    rows = _read_rows(filename, content)
    if not rows:
        raise ValidationFailed(_("Het bestand is leeg."), field="file")
    header = [_cell(value).lower() for value in rows[0]]
    mapping = {index: COLUMNS[name] for index, name in enumerate(header) if name in COLUMNS}
    missing = {"jaar", "titel", "indieners"} - set(header)
    if missing:
        raise ValidationFailed(
            _("Verplichte kolommen ontbreken: %(columns)s.")
            % {"columns": ", ".join(sorted(missing))},
            field="file",
        )
    body = [row for row in rows[1:] if any(_cell(v) for v in row)]
    if len(body) > MAX_ROWS:
        raise ValidationFailed(_("Te veel rijen (maximaal %(n)s).") % {"n": MAX_ROWS}, field="file")
    lookups = _Lookups()
    valid, rejected, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(_cell(v) for v in row):
            continue
        raw = {field: _cell(row[i]) if i < len(row) else "" for i, field in mapping.items()}
        data, errors = _validate(raw, lookups, seen)
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
    """Create one historical signal through the signal services and put it in its state."""
    _require_manager(actor)
    organisations = Organisation.objects.in_bulk(data["organisations"])
    offices = Office.objects.in_bulk(data["offices"])
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
        now = timezone.now()
        changes = {name: data.get(name) for name in DATE_FIELDS}
        reached = state in OFFICIAL_VISIBLE_STATES
        Signal.objects.filter(pk=signal.pk).update(
            state=state,
            state_changed_at=now,
            fact_check_started_at=now if reached else None,
            advice="suitable" if state in MAIN_PATH[1:] else "",
            version=F("version") + 1,
            **changes,
        )
        if state != State.INTAKE:
            StateChange.objects.create(
                signal=signal,
                from_state=State.INTAKE,
                to_state=state,
                actor=actor,
                reason=f"Import: {source}",
            )
        audit_event_record(
            event_type="signal.imported",
            actor=actor,
            signal=signal,
            data={"source": source, "state": state, **changes},
        )
    signal.refresh_from_db()
    return signal


def import_job_process_next(*, job: ImportJob, actor, chunk_size: int = CHUNK_SIZE) -> ImportJob:
    """Create the next chunk of rows. Safe to call twice at once: the job row is locked."""
    _require_manager(actor)
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
