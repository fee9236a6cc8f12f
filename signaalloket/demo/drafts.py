"""A complete, personal-data-free draft for demo data and test builders."""

from signaalloket.drafting.models import DraftVersion
from signaalloket.drafting.selectors import format_for_signal, latest_version
from signaalloket.drafting.services import draft_save

_TEXTS = {
    "titel": "{title}",
    "samenvatting": "{summary}",
    "aanleiding": (
        "Het signaal komt voort uit casuïstiek van de indienende organisaties en een afgerond "
        "onderzoek. Het beschrijft het fenomeen; personen en bedrijven worden niet genoemd."
    ),
    "legaal-proces": (
        "Het gaat om een regeling die bonafide aanvragers snel en met weinig lasten helpt. "
        "Juist die laagdrempeligheid maakt misbruik mogelijk."
    ),
    "knelpunt": (
        "Werkwijze: via facilitators worden aanvragen gedaan op naam van stromannen.\n\n"
        "Omvang: de werkwijze is in meerdere regio's aangetroffen en verspreidt zich.\n\n"
        "Bewijs: de feiten zijn vastgesteld in onderzoeken van de indieners."
    ),
    "landelijk-niveau": (
        "Lokale maatregelen verplaatsen het probleem alleen; alleen de bewindspersoon kan de "
        "regeling aanpassen."
    ),
    "aanbevelingen": (
        "1. Voeg een controle toe vóór uitbetaling (haalbaar binnen de bestaande uitvoering).\n"
        "2. Deel signalen tussen uitvoerders (proportioneel: alleen bij concrete aanwijzingen)."
    ),
    "geadresseerden": "{addressees}",
    "indieners": "{submitters}",
    "bijlagen": "Geen.",
}


def draft_write_complete(*, signal, actor) -> DraftVersion:
    """Save a complete draft (every section filled, no personal data) unless one exists."""
    existing = latest_version(signal=signal)
    if existing is not None:
        return existing
    values = {
        "title": signal.title,
        "summary": signal.summary or signal.title,
        "addressees": ", ".join(str(a.office) for a in signal.addressees.all()) or "-",
        "submitters": ", ".join(str(s.organisation) for s in signal.submitters.all()) or "-",
    }
    texts = {}
    for section in format_for_signal(signal).sections.all():
        template = _TEXTS.get(section.key, "Zie de toelichting bij dit onderdeel.")
        texts[section.key] = template.format(**values)
    return draft_save(signal=signal, actor=actor, texts=texts, expected_number=0)
