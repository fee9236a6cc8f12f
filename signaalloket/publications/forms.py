from django import forms
from django.utils.translation import gettext_lazy as _


class PublicationForm(forms.Form):
    public_summary = forms.CharField(
        label=_("Openbare samenvatting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Alleen deze tekst verschijnt in het openbare register. Geen persoonsgegevens."
        ),
    )
    consent_statement = forms.CharField(
        label=_("Verklaring van toestemming"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Vul in als de toestemming van alle indieners op een andere manier is vastgelegd "
            "(bijvoorbeeld: e-mail van 3 maart 2026 van alle indieners)."
        ),
    )
    published = forms.BooleanField(label=_("Opnemen in het openbare register"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
