"""CSV and XLSX exports of the filtered signal list (Dutch column names, dates as dates)."""

import csv
import datetime as dt
import io

from django.utils import timezone

HEADERS = [
    "Kenmerk",
    "Jaar",
    "Titel",
    "Status",
    "Rubricering",
    "Indieners",
    "Geadresseerden",
    "Ministeries",
    "Thema's",
    "Behandelaar",
    "Aangeboden op",
    "Reactie ontvangen op",
    "Reactie aangeboden op",
    "Afgesloten op",
    "Eerstvolgende termijn",
    "Termijn verstreken",
    "Aangemaakt op",
]


def export_rows(signals) -> list[list]:
    from signaalloket.signals.models import Confidentiality
    from signaalloket.signals.states import State

    # Labels looked up once: get_FOO_display() rebuilds the choices dict on every call, which
    # was a quarter of the export time at 10,000 signals (make bench).
    states = {value: str(label) for value, label in State.choices}
    confidentiality = {value: str(label) for value, label in Confidentiality.choices}
    rows = []
    for s in signals:
        addressees = list(s.addressees.all())
        rows.append(
            [
                s.reference,
                s.year,
                s.title,
                states.get(s.state, s.state),
                confidentiality.get(s.confidentiality, s.confidentiality),
                "; ".join(x.organisation.name for x in s.submitters.all()),
                "; ".join(str(a.office) for a in addressees),
                "; ".join(sorted({a.office.ministry.name for a in addressees})),
                "; ".join(t.name for t in s.themes.all()),
                s.case_handler.full_name if s.case_handler else "",
                s.offered_on,
                s.response_received_on,
                s.response_delivered_on,
                s.closed_on,
                getattr(s, "next_deadline", None),
                "ja" if getattr(s, "is_overdue", False) else "nee",
                timezone.localtime(s.created_at).date(),
            ]
        )
    return rows


def _csv_safe(value) -> str:
    """Dates as dd-mm-jjjj; cells starting with = + - @ are quoted against formula injection."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def to_csv(signals) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADERS)
    for row in export_rows(signals):
        writer.writerow([_csv_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(signals) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Signalen"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(signals):
        sheet.append(
            [
                v if not isinstance(v, str) or v[:1] not in ("=", "+", "-", "@") else "'" + v
                for v in row
            ]
        )
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
