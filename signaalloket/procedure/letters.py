"""The offering letter (aanbiedingsbrief): PDF with WeasyPrint and DOCX with python-docx."""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from signaalloket.core.dates import add_months, today
from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus

from .approvals_services import approvals_for_letter


def response_due_date(signal):
    deadline = (
        Deadline.objects.filter(
            signal=signal, kind=DeadlineKind.RESPONSE, status=DeadlineStatus.OPEN
        )
        .order_by("-id")
        .first()
    )
    if deadline is not None:
        return deadline.due_date
    # Before offering (preview): what the deadline will be when offered today.
    return add_months(signal.offered_on or today(), settings.RESPONSE_PERIOD_MONTHS)


def offering_letter_context(signal) -> dict:
    addressees = list(signal.addressees.select_related("office__ministry", "contact_official"))
    submitters = list(signal.submitters.select_related("organisation"))
    with translation.override(settings.LANGUAGE_CODE):
        approvals = [approval_line(a) for a in approvals_for_letter(signal)]
        due = formats.date_format(response_due_date(signal), "j F Y")
        letter_date = formats.date_format(signal.offered_on or today(), "j F Y")
    return {
        "signal": signal,
        "addressees": addressees,
        "submitters": submitters,
        "approvals": approvals,
        "due_date": due,
        "letter_date": letter_date,
        "months": settings.RESPONSE_PERIOD_MONTHS,
        "DESK": settings.DESK_CONTACT,
    }


def offering_letter_pdf(signal) -> bytes:
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("procedure/offering_letter.html", offering_letter_context(signal))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def offering_letter_docx(signal) -> bytes:
    from docx import Document
    from docx.shared import Pt

    context = offering_letter_context(signal)
    desk = context["DESK"]
    doc = Document()
    doc.styles["Normal"].font.name = "Verdana"
    doc.styles["Normal"].font.size = Pt(10)
    with translation.override(settings.LANGUAGE_CODE):
        header = doc.add_paragraph()
        header.add_run(desk["name"]).bold = True
        header.add_run(
            f"\n{desk['postal_address']}\n{_('Telefoon')}: {desk['phone']}\n"
            f"{_('E-mail')}: {desk['email']}\n{desk['website']}"
        )
        to = doc.add_paragraph(_("Aan:"))
        for addressee in context["addressees"]:
            line = str(addressee.office)
            if addressee.is_coordinating:
                line += " (" + _("penvoerder") + ")"
            to.add_run("\n" + line)
        meta = doc.add_paragraph()
        meta.add_run(_("Datum") + f": {context['letter_date']}\n")
        meta.add_run(_("Ons kenmerk") + f": {signal.reference}\n")
        meta.add_run(_("Onderwerp") + ": " + _("Aanbieding bestuurlijk signaal"))
        for paragraph in letter_paragraphs(context):
            doc.add_paragraph(paragraph)
        doc.add_paragraph(_("Met vriendelijke groet,") + f"\n\n{desk['name']}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def approval_line(approval) -> str:
    """ "Name (function), organisation, version N": who approved which text."""
    who = approval.approver_name or _("de strategisch vertegenwoordiger")
    if approval.approver_function:
        who += f" ({approval.approver_function})"
    return _("%(who)s, %(organisation)s, instemming met versie %(n)s van de tekst") % {
        "who": who,
        "organisation": approval.approver_organisation,
        "n": approval.version_number,
    }


def letter_paragraphs(context) -> list[str]:
    signal = context["signal"]
    submitters = ", ".join(s.organisation.name for s in context["submitters"])
    return [
        _("Geachte bewindspersonen,"),
        _(
            "Hierbij bieden wij u namens %(submitters)s het bestuurlijk signaal met kenmerk "
            "%(ref)s aan."
        )
        % {"submitters": submitters, "ref": signal.reference},
        *(
            [_("Namens de indienende organisaties hebben ingestemd:"), *context["approvals"]]
            if context["approvals"]
            else []
        ),
        _(
            "Wij verzoeken u binnen %(months)s maanden, uiterlijk op %(date)s, één gezamenlijke "
            "reactie te geven. Het ministerie dat als penvoerder is aangemerkt, coördineert deze "
            "reactie."
        )
        % {"months": context["months"], "date": context["due_date"]},
        _(
            "Voor vragen kunt u contact opnemen met het Landelijk Loket Bestuurlijke Signalen, "
            "telefoon %(phone)s, e-mail %(email)s. Vermeld daarbij ons kenmerk."
        )
        % {"phone": context["DESK"]["phone"], "email": context["DESK"]["email"]},
    ]
