from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_(
            "Eerste rij met kolomnamen: jaar, titel, indieners (verplicht); samenvatting, "
            "herkomst, ministeries, status, rubricering, thema's, aangeboden op, reactie "
            "ontvangen op, reactie aangeboden op, afgesloten op. Meerdere waarden scheiden "
            "met een puntkomma."
        ),
    )
