"""CSV and XLSX exports of the filtered signal list (Dutch column names, dates as dates)."""

import csv
import datetime as dt
import io

from django.utils import timezone

from signaalloket.signals.models import Addressee, Confidentiality, Signal, Submitter
from signaalloket.signals.states import State

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


def _grouped(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for signal_id, *value in rows:
        grouped.setdefault(signal_id, []).append(value[0] if len(value) == 1 else value)
    return grouped


def _office(title: str, holder: str) -> str:
    return f"{title} ({holder})" if holder else title  # as Office.__str__


def export_rows(signals) -> list[list]:
    """One row per signal of the queryset (visible, filtered, ordered), in five queries.

    Plain values, no model instances: 10,000 signals with their 60,000 related objects took
    9 s as instances (make bench).
    """
    states = {value: str(label) for value, label in State.choices}
    confidentiality = {value: str(label) for value, label in Confidentiality.choices}
    ids = signals.values("pk")
    submitters = _grouped(
        Submitter.objects.filter(signal__in=ids)
        .order_by("signal_id", "-is_lead", "organisation__name")
        .values_list("signal_id", "organisation__name")
    )
    addressees = _grouped(
        Addressee.objects.filter(signal__in=ids)
        .order_by("signal_id", "-is_coordinating", "office__ministry__name", "pk")
        .values_list("signal_id", "office__title", "office__holder_name", "office__ministry__name")
    )
    themes = _grouped(
        Signal.themes.through.objects.filter(signal__in=ids)
        .order_by("signal_id", "theme__name")
        .values_list("signal_id", "theme__name")
    )
    rows = []
    for (
        pk,
        reference,
        year,
        title,
        state,
        classification,
        case_handler,
        offered_on,
        received_on,
        delivered_on,
        closed_on,
        next_deadline,
        is_overdue,
        created_at,
    ) in signals.values_list(
        "pk",
        "reference",
        "year",
        "title",
        "state",
        "confidentiality",
        "case_handler__full_name",
        "offered_on",
        "response_received_on",
        "response_delivered_on",
        "closed_on",
        "next_deadline",
        "is_overdue",
        "created_at",
    ):
        offices = addressees.get(pk, [])
        rows.append(
            [
                reference,
                year,
                title,
                states.get(state, state),
                confidentiality.get(classification, classification),
                "; ".join(submitters.get(pk, [])),
                "; ".join(_office(t, holder) for t, holder, _ministry in offices),
                "; ".join(sorted({ministry for _t, _holder, ministry in offices})),
                "; ".join(themes.get(pk, [])),
                case_handler or "",
                offered_on,
                received_on,
                delivered_on,
                closed_on,
                next_deadline,
                "ja" if is_overdue else "nee",
                timezone.localtime(created_at).date(),
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


def to_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Signalen"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
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
