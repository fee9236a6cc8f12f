"""Reading and checking an import file: the dry run's work. Writes nothing."""

import csv
import datetime as dt
import io
import itertools
import re
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.core.errors import ValidationFailed
from signaalloket.organisations.models import Ministry, Office, OfficeKind, Organisation
from signaalloket.signals.models import Confidentiality, Signal, Theme
from signaalloket.signals.states import OFFICIAL_VISIBLE_STATES, State

from .history import dated_fields

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
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


def read_rows(filename: str, content: bytes) -> list[list]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # a third-party library, loaded when needed

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


def cell(value) -> str:
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


class Lookups:
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


def _date_problems(data: dict) -> list[str]:
    """The dates must fit the history the import writes: past, in the order of the
    procedure, and only for steps the signal went through."""
    problems = []
    given = [name for name in DATE_FIELDS if data.get(name)]
    for name in given:
        if data[name] > timezone.localdate().isoformat():
            problems.append(
                _("Datum '%(label)s' ligt in de toekomst.") % {"label": DATE_LABELS[name]}
            )
    for earlier, later in itertools.pairwise(given):
        if data[later] >= data[earlier]:
            continue
        if (earlier, later) == ("offered_on", "response_received_on"):
            problems.append(_("De reactie kan niet vóór het aanbieden zijn ontvangen."))
        else:
            problems.append(
                _("Datum '%(later)s' ligt vóór '%(earlier)s'.")
                % {"later": DATE_LABELS[later], "earlier": DATE_LABELS[earlier]}
            )
    if data.get("state"):
        beyond = [name for name in given if name not in dated_fields(data["state"])]
        for name in beyond:
            problems.append(
                _("Datum '%(label)s' past niet bij de status '%(state)s'.")
                % {"label": DATE_LABELS[name], "state": State(data["state"]).label}
            )
    return problems


def validate(raw: dict, lookups: Lookups, seen: set) -> tuple[dict, list[str]]:
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
    errors.extend(_date_problems(data))
    if "year" in data and title:
        key = (data["year"], title.lower())
        if key in lookups.existing:
            errors.append(_("Er bestaat al een signaal met deze titel in dit jaar."))
        elif key in seen:
            errors.append(_("Deze titel staat in dit jaar al eerder in het bestand."))
        seen.add(key)
    return data, errors
