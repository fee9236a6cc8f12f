from django import forms
from django.utils.translation import gettext_lazy as _

from signaalloket.signals.models import Confidentiality

from .models import DocumentKind


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label=_("Bestand"), allow_empty_file=True)
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        required=False,
        help_text=_("Leeg laten: de bestandsnaam wordt de titel."),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=DocumentKind.choices)
    confidentiality = forms.ChoiceField(
        label=_("Rubricering"),
        choices=Confidentiality.choices,
        initial=Confidentiality.CONFIDENTIAL,
    )
    document_date = forms.DateField(
        label=_("Datum document"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in DocumentKind.choices if c[0] in kinds]


class DocumentVersionForm(forms.Form):
    file = forms.FileField(label=_("Nieuwe versie"), allow_empty_file=True)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class DocumentRetractForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekken"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
